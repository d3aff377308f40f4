// Ant Design tokens: a darker primary blue and darker secondary text than antd's defaults, so text
// and buttons meet WCAG AA contrast (4.5:1), which axe checks in the browser tests.
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    // Hover and active shades darker, not lighter, than the base, so a hovered button keeps its contrast.
    colorPrimaryHover: '#0842a0',
    colorPrimaryActive: '#062e70',
    colorLinkHover: '#0842a0',
    colorError: '#c5221f',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', sans-serif",
  },
};
