// One indicator's series by year and the straight line from the baseline to the target, drawn by
// Apache ECharts (only the line chart, its components and the SVG renderer are imported).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatFigure } from './indicatorText';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartInput {
  name: string;
  unit: string;
  baseline: number;
  baselineYear: number;
  target: number;
  targetYear: number;
  goal: 'PROGRESS' | 'FLOOR';
  series: { year: number; value: number }[];
}

/** The straight line to the target: baseline at the baseline year to target at the target year (FLOOR: the target every year). */
export function lineToTarget(c: ChartInput, years: number[]): (number | null)[] {
  return years.map((y) => {
    if (y < c.baselineYear) return null;
    if (c.goal === 'FLOOR') return c.target;
    if (y >= c.targetYear) return c.target;
    const t = (y - c.baselineYear) / (c.targetYear - c.baselineYear);
    return Math.round((c.baseline + (c.target - c.baseline) * t) * 10_000) / 10_000;
  });
}

export function IndicatorChart({ input }: { input: ChartInput }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const last = Math.max(input.targetYear, ...input.series.map((p) => p.year));
    const years: number[] = [];
    for (let y = input.baselineYear; y <= last; y++) years.push(y);
    const byYear = new Map(input.series.map((p) => [p.year, p.value]));
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      legend: { data: ['实际值', '目标直线'], top: 0, textStyle: { color: '#262626' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatFigure(v)} ${input.unit}` : '—') },
      xAxis: { type: 'category', data: years.map(String), axisLabel: { color: '#434343' } },
      yAxis: { type: 'value', axisLabel: { color: '#434343' }, scale: true },
      series: [
        { name: '实际值', type: 'line', data: years.map((y) => byYear.get(y) ?? null), itemStyle: { color: '#0958d9' }, connectNulls: false },
        { name: '目标直线', type: 'line', data: lineToTarget(input, years), lineStyle: { type: 'dashed' }, itemStyle: { color: '#ad4e00' }, symbol: 'none' },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [input]);
  const summary = input.series.map((p) => `${p.year}年 ${formatFigure(p.value)}`).join('，');
  return <div ref={ref} role="img" aria-label={`${input.name}逐年数值：${summary}；目标 ${formatFigure(input.target)}（${input.targetYear}年）`} style={{ width: '100%', height: 220 }} />;
}
