// The indicators of one year and area as CSV: UTF-8 with a byte-order mark (so Excel reads the
// Chinese), CRLF line ends and RFC 4180 quoting. One row per indicator, in the plan's order.
import type { IndicatorView } from './figures';

export const CSV_COLUMNS = [
  '指标代码 Code',
  '指标名称 Name',
  '单位 Unit',
  '2020年基期值 Baseline 2020',
  '2025年预期值 Target 2025',
  '年份 Year',
  '区域 County',
  '数值 Value',
  '平台数值 Platform value',
  '来源 Source',
  '进度 Progress',
  '是否达到进度 On track',
] as const;

/**
 * One CSV cell. A text starting with = + - @ or a tab or carriage return would run as a formula in
 * Excel or LibreOffice (CSV injection): it gets a leading apostrophe (OWASP's advice). Numbers are
 * written as numbers (a negative progress stays -0.12).
 */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** county is empty for the whole city. */
export function indicatorsCsv(views: IndicatorView[]): string {
  const rows = views.map((v) => [
    v.code, v.name, v.unit, v.baseline, v.target, v.year, v.county, v.value, v.platformValue, v.source, v.progress, v.onTrack,
  ]);
  return '\uFEFF' + [CSV_COLUMNS as readonly (string | number | boolean | null)[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
