// The plan's five indicators (鹤岗市"十四五"知识产权保护和运用规划, 主要指标 table) and the pure
// arithmetic on them: progress, the straight-line expectation and whether a value is on track.
import type { IndicatorCode } from './ledger';

export type { IndicatorCode };

/** How the per-(indicator, year, county) ledger figure of an indicator adds up over years. */
export type LedgerKind =
  | 'STOCK' // amounts are changes during a year; the value at the end of year Y is the sum over years <= Y
  | 'FLOW'; // amounts are that year's total

export interface IndicatorDefinition {
  code: IndicatorCode;
  order: number; // 1..5, the plan's row order
  name: string; // exactly as in the plan's table
  nameEn: string;
  unit: string; // the unit in the plan's name, e.g. 件
  baseline: number; // 2020年基期值
  target: number; // 2025年预期值
  ledger: LedgerKind;
  /** Whole numbers only (counts), for official statistics. */
  integer: boolean;
}

export const BASELINE_YEAR = 2020;
export const TARGET_YEAR = 2025;
/** planIndicators, reportOfficialStatistic and setPopulation accept these years. */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2030;

/** In the plan's order. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  { code: 'INVENTION_PATENTS_PER_10K_POPULATION', order: 1, name: '每万人口发明专利拥有量（件）', nameEn: 'Invention patents per 10,000 people', unit: '件', baseline: 0.56, target: 0.6, ledger: 'STOCK', integer: false },
  { code: 'VALID_TRADEMARKS', order: 2, name: '有效注册商标数量（件）', nameEn: 'Valid registered trademarks', unit: '件', baseline: 5024, target: 9000, ledger: 'STOCK', integer: true },
  { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', order: 3, name: '知识产权质押融资登记金额（亿元）', nameEn: 'IP pledge financing registered', unit: '亿元', baseline: 0, target: 0.3, ledger: 'FLOW', integer: false },
  { code: 'IP_ADVANTAGE_ENTERPRISES', order: 4, name: '知识产权优势企业数量（家）', nameEn: 'IP-advantage enterprises', unit: '家', baseline: 25, target: 30, ledger: 'STOCK', integer: true },
  { code: 'HIGH_VALUE_INVENTION_PATENTS', order: 5, name: '高价值发明专利拥有量（件）', nameEn: 'High-value invention patents', unit: '件', baseline: 20, target: 23, ledger: 'STOCK', integer: true },
];

export const INDICATOR_CODES = INDICATORS.map((d) => d.code);

export function definitionOf(code: IndicatorCode): IndicatorDefinition {
  const d = INDICATORS.find((x) => x.code === code);
  if (!d) throw new RangeError(`unknown indicator ${code}`);
  return d;
}

/** Rounds away binary noise (0.56 + 0.04 = 0.6000000000000001) before comparing or showing. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** (value - baseline) / (target - baseline); 0 at the baseline, 1 at the target. */
export function progress(def: Pick<IndicatorDefinition, 'baseline' | 'target'>, value: number): number {
  return clean((value - def.baseline) / (def.target - def.baseline));
}

/**
 * Where a straight line from the 2020 baseline to the 2025 target stands at the end of `year`.
 * After 2025 the plan's target is the level to keep, so the expectation stays at the target.
 */
export function expectedValue(def: Pick<IndicatorDefinition, 'baseline' | 'target'>, year: number): number {
  if (year <= BASELINE_YEAR) return def.baseline;
  if (year >= TARGET_YEAR) return def.target;
  return clean(def.baseline + ((def.target - def.baseline) * (year - BASELINE_YEAR)) / (TARGET_YEAR - BASELINE_YEAR));
}

/** At or beyond the straight line (below it, for an indicator whose target is lower than its baseline). */
export function onTrack(def: Pick<IndicatorDefinition, 'baseline' | 'target'>, year: number, value: number): boolean {
  const expected = expectedValue(def, year);
  return def.target >= def.baseline ? clean(value) >= expected : clean(value) <= expected;
}
