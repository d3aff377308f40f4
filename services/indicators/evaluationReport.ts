// A plan's evaluation as downloadable documents: CSV (one city row and eight county rows per
// indicator, with the yearly series) and a one-page HTML document for print (A4 landscape).
import { AREA_NAMES } from './figures';
import { formatNumber, escapeXml } from './reportChart';
import { toCsv } from './reportCsv';
import type { PlanEvaluationResult } from './planEvaluation';

const SOURCE_ZH: Record<string, string> = { OFFICIAL_STATISTIC: '官方统计', ESTIMATE: '估算', PLATFORM_RECORDS: '平台记录' };
const BINDING_ZH: Record<string, string> = { BINDING: '约束性', EXPECTED: '预期性' };

export function evaluationCsv(e: PlanEvaluationResult): string {
  const years = e.indicators[0]?.series.map((p) => p.year) ?? [];
  const header = [
    '规划 Plan', '指标代码 Code', '计算 Computation', '指标名称 Name', '单位 Unit', '属性 Binding', '基期年 Baseline year', '基期值 Baseline',
    '目标年 Target year', '目标值 Target', '评估年份 Year', '区域 County', '数值 Value', '来源 Source', '平台数值 Platform value',
    '官方数值 Official value', '估算值 Estimate', '是否完成 Achieved', '进度 Progress', '变化或当年数额 Contribution', '占全市平台变化 Share',
    ...years.map((y) => `${y}`),
  ];
  const rows: (string | number | boolean | null)[][] = [header];
  for (const x of e.indicators) {
    rows.push([
      e.plan.title, x.planCode, x.code, x.name, x.unit, x.binding, x.baselineYear, x.baseline, x.targetYear, x.target, e.year, null,
      x.value, x.source, x.platformValue, x.officialValue, x.estimateValue, x.achieved, x.progress, null, null,
      ...years.map((y) => x.series.find((p) => p.year === y)?.value ?? null),
    ]);
    for (const c of x.counties) {
      rows.push([
        e.plan.title, x.planCode, x.code, x.name, x.unit, x.binding, x.baselineYear, x.baseline, x.targetYear, x.target, e.year, c.county,
        c.value, c.source, c.platformValue, null, null, null, null, c.change, c.share, ...years.map(() => null),
      ]);
    }
  }
  return toCsv(rows);
}

const esc = escapeXml;
const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n));
const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${Math.round(n * 100)}%`);

/** One page for print: summary, the indicators table, the counties' contributions and, for an open plan, the pace. */
export function evaluationHtml(e: PlanEvaluationResult): string {
  const p = e.plan;
  const open = !e.final;
  const rows = e.indicators
    .map(
      (x) => `<tr><td>${esc(x.name)}<br><small>${esc(x.planCode)}</small></td><td>${esc(x.unit)}</td><td>${BINDING_ZH[x.binding]}</td>` +
        `<td>${num(x.baseline)}<br><small>${x.baselineYear}</small></td><td>${num(x.target)}</td>` +
        `<td><b>${num(x.value)}</b><br><small>${SOURCE_ZH[x.source]}${x.source !== 'OFFICIAL_STATISTIC' ? `；平台 ${num(x.platformValue)}` : ''}</small></td>` +
        `<td>${pct(x.progress)}</td><td class="${x.achieved ? 'ok' : 'miss'}">${x.achieved ? '完成' : '未完成'}</td>` +
        `<td class="series">${x.series.map((s) => `${s.year}: ${num(s.value)}`).join('　')}</td></tr>`,
    )
    .join('\n');
  const counties = e.indicators[0]?.counties.map((c) => c.county) ?? [];
  const countyRows = e.indicators
    .map((x) => `<tr><td>${esc(x.name)}</td>${x.counties.map((c) => `<td>${num(c.value)}<br><small>${c.share === null ? '' : pct(c.share)}</small></td>`).join('')}</tr>`)
    .join('\n');
  const paceRows = open
    ? e.indicators
        .filter((x) => x.pace)
        .map((x) => {
          const pace = x.pace!;
          const perMonth = pace.neededPerMonth === null ? '—' : `${num(pace.neededPerMonth)} ${esc(x.unit)}/月`;
          return `<tr><td>${esc(x.name)}</td><td>${pace.neededByYearEnd.map((n) => `${n.year}: ${num(n.value)}`).join('　')}</td>` +
            `<td>${num(pace.soFar)}（${num(pace.paceSoFarPerMonth)}/月）</td><td>${num(pace.stillNeeded)}</td><td>${perMonth}</td></tr>`;
        })
        .join('\n')
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.title)} 实施评估</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; font-size: 10.5px; color: #111827; margin: 0; }
h1 { font-size: 17px; margin: 0 0 2px; } .meta { color: #4b5563; margin-bottom: 6px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; page-break-inside: avoid; }
th, td { border: 1px solid #d1d5db; padding: 2px 4px; vertical-align: top; text-align: left; }
th { background: #f3f4f6; } small { color: #6b7280; } .ok { color: #2b8a3e; font-weight: bold; } .miss { color: #c92a2a; font-weight: bold; }
.series { font-size: 9.5px; } h2 { font-size: 12px; margin: 6px 0 3px; }
</style></head>
<body>
<h1>${esc(p.title)}　${e.final ? '实施评估（终期）' : '实施进展（规划期内）'}</h1>
<div class="meta">发布机关：${esc(p.issuer)}　规划期：${p.firstYear}–${p.lastYear}年　评估年份：${e.year}　数据截至：${e.asOf}　完成 ${e.achievedCount} 项，未完成 ${e.missedCount} 项</div>
<table><thead><tr><th>指标</th><th>单位</th><th>属性</th><th>基期值</th><th>目标值（${p.lastYear}）</th><th>${e.year}年数值</th><th>进度</th><th>是否完成</th><th>逐年数值</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>各县区数值（括号下为占全市平台变化的比例）</h2>
<table><thead><tr><th>指标</th>${counties.map((c) => `<th>${AREA_NAMES[c]}</th>`).join('')}</tr></thead>
<tbody>
${countyRows}
</tbody></table>
${open ? `<h2>完成目标所需进度（直线推算）</h2>
<table><thead><tr><th>指标</th><th>各年末所需数值</th><th>今年以来</th><th>今年尚需</th><th>今后每月尚需</th></tr></thead>
<tbody>
${paceRows}
</tbody></table>` : ''}
<div class="meta">数值：有官方统计的采用官方统计；否则为估算（存量：最近官方统计加平台净变化；流量：平台数值）。规划目标为全市指标，县区数值仅供对照。</div>
</body></html>
`;
}
