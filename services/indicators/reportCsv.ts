// The indicators of one year and area as CSV: UTF-8 with a byte-order mark (so Excel reads the
// Chinese), CRLF line ends and RFC 4180 quoting. One row per indicator, in the plan's order.
import type { IndicatorView } from './figures';

/** The header for a plan whose baseline year is `from` and last year `to` (2020 and 2025 for the 2021-2025 plan). */
export function csvColumns(from: number, to: number): readonly string[] {
  return CSV_COLUMNS.map((c) => c.replace(/2020/g, String(from)).replace(/2025/g, String(to)));
}

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
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === undefined) value = null;
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** county is empty for the whole city. */
export function indicatorsCsv(views: IndicatorView[]): string {
  const rows = views.map((v) => [
    v.code, v.name, v.unit, v.baseline, v.target, v.year, v.county, v.value, v.platformValue, v.source, v.progress, v.onTrack,
  ]);
  const first = views[0];
  const header = first ? csvColumns(first.baselineYear, first.targetYear) : CSV_COLUMNS;
  return toCsv([header, ...rows]);
}

/** UTF-8 BOM, CRLF, RFC 4180 quoting. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
