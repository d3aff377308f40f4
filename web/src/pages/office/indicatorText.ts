// Words and numbers of the office's indicator pages: the plan's indicator names exactly as the plan
// gives them (the API's IndicatorValue.name carries the same for the plan in force), the sources.
import type { IndicatorCode, IndicatorSource } from '../../generated/schema';

export const indicatorNames: Record<IndicatorCode, string> = {
  INVENTION_PATENTS_PER_10K_POPULATION: '每万人口发明专利拥有量（件）',
  VALID_TRADEMARKS: '有效注册商标数量（件）',
  PLEDGE_FINANCING_REGISTERED_AMOUNT: '知识产权质押融资登记金额（亿元）',
  IP_ADVANTAGE_ENTERPRISES: '知识产权优势企业数量（家）',
  HIGH_VALUE_INVENTION_PATENTS: '高价值发明专利拥有量（件）',
  PCT_APPLICATIONS: 'PCT国际专利申请量（件）',
  HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION: '每万人口高价值发明专利拥有量（件）',
};

/** The five of the 2021-2025 plan, for the official statistics form. */
export const PLAN_CODES: IndicatorCode[] = [
  'INVENTION_PATENTS_PER_10K_POPULATION', 'VALID_TRADEMARKS', 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 'IP_ADVANTAGE_ENTERPRISES', 'HIGH_VALUE_INVENTION_PATENTS',
];

export const indicatorSources: Record<IndicatorSource, string> = {
  PLATFORM_RECORDS: '平台记录',
  OFFICIAL_STATISTIC: '官方统计',
  ESTIMATE: '估算',
};

/** An indicator figure: up to 4 decimals, thousands grouped: 5024 -> "5,024", 0.03 -> "0.03". */
export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 }).format(value);
}

/** The year the dashboard opens on: this year in China, within the years the API knows (2020-2030). */
export function thisYear(): number {
  const y = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  return Math.min(Math.max(y, 2020), 2030);
}
