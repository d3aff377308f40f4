// Ant Design tokens: a darker primary blue and darker secondary text than antd's defaults, so text
// and buttons meet WCAG AA contrast (4.5:1), which axe checks in the browser tests.
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    colorError: '#cf1322', // danger buttons and field errors at 5.6:1 on white (antd's #ff4d4f is 3.3:1)
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', sans-serif",
  },
};
