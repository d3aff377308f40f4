// The indicators as an SVG chart: one panel per indicator with the plan's baseline, its target,
// the straight line between them and the yearly values from the baseline year, labelled in Chinese.
import { AREA_NAMES, type IndicatorView } from './figures';
import type { IndicatorPace } from './pace';

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";
const COLORS = { value: '#1c64b4', target: '#d9480f', baseline: '#6b7280', grid: '#e5e7eb', text: '#111827', muted: '#4b5563', good: '#2b8a3e', bad: '#c92a2a' };

/** A white outline behind labels drawn over lines. */
const HALO = { stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round' };

const W = 1040;
const MARGIN = 16;
const GAP = 16;
const HEADER = 78;
const PANEL_W = (W - 2 * MARGIN - GAP) / 2;
const PANEL_H = 300;
/** Panels in two columns, the legend last. */
const heightFor = (panels: number) => {
  const rows = Math.ceil((panels + 1) / 2);
  return HEADER + rows * PANEL_H + (rows - 1) * GAP + 36;
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Short labels: whole numbers as they are, others to 3 significant digits. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (Math.abs(n) >= 100) return String(Math.round(n));
  if (Math.abs(n) >= 1) return String(Number(n.toFixed(2)));
  return String(Number(n.toPrecision(3)));
}

/** A round tick step giving about `count` ticks up to max. */
export function niceStep(max: number, count = 4): number {
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${v}"`).join('');
  return `<text x="${r1(x)}" y="${r1(y)}"${a}>${escapeXml(content)}</text>`;
}

function panel(v: IndicatorView & { pace?: IndicatorPace | null }, x0: number, y0: number): string {
  const out: string[] = [];
  const left = x0 + 58;
  const right = x0 + PANEL_W - 76;
  const top = y0 + 86;
  const bottom = y0 + PANEL_H - 34;
  const firstYear = v.series[0]?.year ?? v.baselineYear;
  const lastYear = Math.max(v.year, v.targetYear);
  const values = v.series.flatMap((p) => [p.value, p.platformValue]);
  const step = niceStep(Math.max(v.target, v.baseline, ...values) * 1.08 || 1);
  const yMax = Math.ceil((Math.max(v.target, v.baseline, ...values) * 1.08 || 1) / step) * step;
  // Years sit inside the plot with some room at both ends, so point labels clear the axis labels.
  const px = (year: number) => left + 22 + ((year - firstYear) / Math.max(1, lastYear - firstYear)) * (right - left - 34);
  const py = (value: number) => bottom - (value / yMax) * (bottom - top);

  out.push(`<g>`);
  out.push(`<rect x="${r1(x0)}" y="${r1(y0)}" width="${r1(PANEL_W)}" height="${PANEL_H}" rx="8" fill="#ffffff" stroke="#d1d5db"/>`);
  out.push(text(x0 + 16, y0 + 28, v.name, { 'font-size': 17, 'font-weight': 'bold', fill: COLORS.text }));
  out.push(
    text(x0 + 16, y0 + 50, `${v.baselineYear}年基期值 ${formatNumber(v.baseline)}　${v.targetYear}年${v.binding === 'BINDING' ? '约束性目标' : '预期值'} ${formatNumber(v.target)}`, { 'font-size': 13, fill: COLORS.muted }),
  );
  const source = v.source === 'OFFICIAL_STATISTIC' ? '官方统计' : v.source === 'ESTIMATE' ? '估算' : '平台记录';
  const progressText = v.progress === null ? '' : `　进度 ${Math.round(v.progress * 100)}%`;
  out.push(
    text(x0 + 16, y0 + 70, `${v.year}年：${formatNumber(v.value)}（${source}）${progressText}`, {
      'font-size': 13,
      fill: COLORS.text,
    }),
  );
  out.push(
    text(x0 + PANEL_W - 16, y0 + 28, v.onTrack === null ? '县区数值' : v.onTrack ? '达到进度' : '落后于进度', {
      'font-size': 13,
      'font-weight': 'bold',
      'text-anchor': 'end',
      fill: v.onTrack === null ? COLORS.muted : v.onTrack ? COLORS.good : COLORS.bad,
    }),
  );

  // What it still takes this year (open plans, the city's current year).
  if (v.pace && v.pace.neededPerMonth !== null) {
    const perMonth = v.pace.neededPerMonthYuan !== null && v.pace.neededPerMonthYuan !== undefined
      ? `${formatNumber(v.pace.neededPerMonthYuan / 100)}元`
      : `${formatNumber(v.pace.neededPerMonth)}${v.unit}`;
    out.push(
      text(x0 + PANEL_W - 16, y0 + 50, `今年尚需 ${formatNumber(v.pace.stillNeeded)}，每月 ${perMonth}`, { 'font-size': 12, 'text-anchor': 'end', fill: COLORS.muted }),
    );
  }

  // Grid and axes.
  for (let t = 0; t <= yMax + step / 1000; t += step) {
    const y = py(t);
    out.push(`<line x1="${r1(left)}" y1="${r1(y)}" x2="${r1(right)}" y2="${r1(y)}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    out.push(text(left - 6, y + 4, formatNumber(Number(t.toPrecision(10))), { 'font-size': 11, 'text-anchor': 'end', fill: COLORS.muted }));
  }
  out.push(`<line x1="${r1(left)}" y1="${r1(bottom)}" x2="${r1(right)}" y2="${r1(bottom)}" stroke="#9ca3af" stroke-width="1"/>`);
  for (let year = firstYear; year <= lastYear; year++) {
    const x = px(year);
    out.push(`<line x1="${r1(x)}" y1="${r1(bottom)}" x2="${r1(x)}" y2="${r1(bottom + 4)}" stroke="#9ca3af"/>`);
    out.push(text(x, bottom + 18, String(year), { 'font-size': 11, 'text-anchor': 'middle', fill: year <= v.year ? COLORS.text : '#9ca3af' }));
  }

  // Baseline, target and the straight line between them (the expectation used for "on track").
  const yBase = py(v.baseline);
  const yTarget = py(v.target);
  out.push(`<line x1="${r1(left)}" y1="${r1(yBase)}" x2="${r1(right)}" y2="${r1(yBase)}" stroke="${COLORS.baseline}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  out.push(`<line x1="${r1(left)}" y1="${r1(yTarget)}" x2="${r1(right)}" y2="${r1(yTarget)}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  const lineStart = Math.max(firstYear, v.baselineYear);
  const path = [lineStart, v.targetYear, lastYear].map((year) => `${r1(px(year))},${r1(py(year === lineStart ? v.baseline : v.target))}`);
  out.push(`<polyline points="${path.join(' ')}" fill="none" stroke="${COLORS.target}" stroke-width="1.2" stroke-dasharray="2 3" opacity="0.8"/>`);
  // Keep the two line labels apart when the lines are close.
  let labelBase = yBase + 4;
  let labelTarget = yTarget + 4;
  if (Math.abs(labelBase - labelTarget) < 14) {
    const mid = (labelBase + labelTarget) / 2;
    const up = v.target >= v.baseline;
    labelTarget = mid + (up ? -7 : 7);
    labelBase = mid + (up ? 7 : -7);
  }
  out.push(text(right + 6, labelTarget, `目标 ${formatNumber(v.target)}`, { 'font-size': 11, fill: COLORS.target, ...HALO }));
  out.push(text(right + 6, labelBase, `基期 ${formatNumber(v.baseline)}`, { 'font-size': 11, fill: COLORS.baseline, ...HALO }));

  // The yearly values; official statistics filled, platform figures hollow; the platform's own
  // figure in grey where an official statistic won.
  const points = v.series.map((p) => `${r1(px(p.year))},${r1(py(p.value))}`);
  if (points.length > 1) out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS.value}" stroke-width="2.5"/>`);
  for (const p of v.series) {
    const x = px(p.year);
    const y = py(p.value);
    if (p.source !== 'PLATFORM_RECORDS' && p.platformValue !== p.value) {
      out.push(`<circle cx="${r1(x)}" cy="${r1(py(p.platformValue))}" r="3" fill="#ffffff" stroke="${COLORS.baseline}" stroke-width="1.5"/>`);
    }
    const official = p.source === 'OFFICIAL_STATISTIC';
    out.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="4.5" fill="${official ? COLORS.value : '#ffffff'}" stroke="${COLORS.value}" stroke-width="2"/>`);
    const above = y - 9 > top - 4;
    out.push(text(x, above ? y - 9 : y + 17, formatNumber(p.value), { 'font-size': 11, 'text-anchor': 'middle', fill: COLORS.text, ...HALO }));
  }
  out.push(`</g>`);
  return out.join('\n');
}

function legend(x0: number, y0: number, views: IndicatorView[], generatedOn: string): string {
  const first = views[0]!;
  const out: string[] = [];
  out.push(`<rect x="${r1(x0)}" y="${r1(y0)}" width="${r1(PANEL_W)}" height="${PANEL_H}" rx="8" fill="#f9fafb" stroke="#d1d5db"/>`);
  out.push(text(x0 + 16, y0 + 28, '图例', { 'font-size': 16, 'font-weight': 'bold', fill: COLORS.text }));
  const rows: [string, string][] = [
    [`<circle cx="${x0 + 30}" cy="${y0 + 55}" r="4.5" fill="${COLORS.value}" stroke="${COLORS.value}" stroke-width="2"/>`, '年末数值：官方统计（优先采用）'],
    [`<circle cx="${x0 + 30}" cy="${y0 + 83}" r="4.5" fill="#ffffff" stroke="${COLORS.value}" stroke-width="2"/>`, '年末数值：估算或平台记录（无官方统计时）'],
    [`<circle cx="${x0 + 30}" cy="${y0 + 111}" r="3" fill="#ffffff" stroke="${COLORS.baseline}" stroke-width="1.5"/>`, '平台自有数值（与所示数值不同时）'],
    [`<line x1="${x0 + 18}" y1="${y0 + 139}" x2="${x0 + 42}" y2="${y0 + 139}" stroke="${COLORS.baseline}" stroke-width="1.5" stroke-dasharray="6 4"/>`, `${first.baselineYear}年基期值`],
    [`<line x1="${x0 + 18}" y1="${y0 + 167}" x2="${x0 + 42}" y2="${y0 + 167}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="6 4"/>`, `${first.targetYear}年目标值`],
    [`<line x1="${x0 + 18}" y1="${y0 + 195}" x2="${x0 + 42}" y2="${y0 + 195}" stroke="${COLORS.target}" stroke-width="1.2" stroke-dasharray="2 3"/>`, `进度线：基期值至目标值的直线，${first.targetYear}年后保持目标`],
  ];
  rows.forEach(([mark, label], i) => {
    out.push(mark);
    out.push(text(x0 + 52, y0 + 59 + i * 28, label, { 'font-size': 13, fill: COLORS.text }));
  });
  const onTrack = views.filter((v) => v.onTrack).length;
  if (first.onTrack !== null) {
    out.push(text(x0 + 16, y0 + 236, `达到进度的指标：${onTrack} / ${views.length}`, { 'font-size': 13, 'font-weight': 'bold', fill: COLORS.text }));
  }
  out.push(text(x0 + 16, y0 + 260, '“达到进度”：当年数值不低于进度线上的当年预期值。', { 'font-size': 12, fill: COLORS.muted }));
  out.push(text(x0 + 16, y0 + 282, `数据截至 ${generatedOn}；流量指标为当年数额，其余为年末存量。`, { 'font-size': 12, fill: COLORS.muted }));
  return out.join('\n');
}

export const SEED_CHART_TITLE = '鹤岗市“十四五”知识产权发展主要指标';

/** The whole chart for one year and area (views from planIndicators, in the plan's order). */
export function indicatorsSvg(views: (IndicatorView & { pace?: IndicatorPace | null })[], generatedOn: string, title = SEED_CHART_TITLE): string {
  const first = views[0]!;
  const FIRST_YEAR = first.series[0]?.year ?? first.baselineYear;
  const H = heightFor(views.length);
  const area = first.county ? AREA_NAMES[first.county] : `${AREA_NAMES.CITY}（全市）`;
  const parts: string[] = [];
  parts.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" role="img" aria-label="${escapeXml(`${title} ${area} ${FIRST_YEAR}-${first.year}`)}">`,
  );
  parts.push(`<title>${escapeXml(`${title}（${area}，${FIRST_YEAR}–${first.year}年）`)}</title>`);
  parts.push(`<rect width="${W}" height="${H}" fill="#f3f4f6"/>`);
  parts.push(text(MARGIN + 4, 36, title, { 'font-size': 24, 'font-weight': 'bold', fill: COLORS.text }));
  const scope = first.county
    ? '规划基期值与预期值为全市指标，县区数值仅供对照'
    : `${first.baselineYear}年为规划基期值，${first.targetYear}年为规划目标值`;
  parts.push(text(MARGIN + 4, 62, `区域：${area}　年份：${FIRST_YEAR}–${first.year}年　${scope}`, { 'font-size': 14, fill: COLORS.muted }));
  views.forEach((v, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    parts.push(panel(v, MARGIN + col * (PANEL_W + GAP), HEADER + row * (PANEL_H + GAP)));
  });
  const n = views.length;
  parts.push(legend(MARGIN + (n % 2) * (PANEL_W + GAP), HEADER + Math.floor(n / 2) * (PANEL_H + GAP), views, generatedOn));
  parts.push(text(W - MARGIN, H - 12, '来源：鹤岗市知识产权规划；鹤岗知识产权运营平台', { 'font-size': 11, 'text-anchor': 'end', fill: '#6b7280' }));
  parts.push(`</svg>`);
  return parts.join('\n') + '\n';
}
