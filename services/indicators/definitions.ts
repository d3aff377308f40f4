// What the platform knows how to compute (the computations a plan's indicator can use), the
// 2021-2025 plan's table as the seed plan (鹤岗市"十四五"知识产权保护和运用规划, 主要指标), and the pure
// arithmetic on a plan's indicator: progress, the straight-line expectation and on-track.
import type { IndicatorCode as LedgerCode } from './ledger';

/** The ledger series the writes keep (ledger.ts). */
export type { LedgerCode };

/** How the per-(series, year, county) ledger figure adds up over years. */
export type LedgerKind =
  | 'STOCK' // amounts are changes during a year; the value at the end of year Y is the sum over years <= Y
  | 'FLOW'; // amounts are that year's total

/** The kinds of indicator a plan states (shown as IndicatorKind). */
export type IndicatorKind = 'STOCK_AT_YEAR_END' | 'FLOW_WITHIN_YEAR' | 'STOCK_PER_10K_POPULATION';

/** One computation the platform knows: the GraphQL IndicatorCode. */
export type ComputationCode =
  | 'INVENTION_PATENTS_PER_10K_POPULATION'
  | 'VALID_TRADEMARKS'
  | 'PLEDGE_FINANCING_REGISTERED_AMOUNT'
  | 'IP_ADVANTAGE_ENTERPRISES'
  | 'HIGH_VALUE_INVENTION_PATENTS'
  | 'PCT_APPLICATIONS'
  | 'HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION';

/** Kept for the callers that name an indicator by its computation. */
export type IndicatorCode = ComputationCode;

export interface Computation {
  code: ComputationCode;
  /** The usual Chinese name (a plan may word it its own way). */
  name: string;
  nameEn: string;
  kind: IndicatorKind;
  /** The ledger series it reads. */
  series: LedgerCode;
  ledger: LedgerKind;
  /** Units a plan may state it in, with the ledger units (counts, or fen) per unit. */
  units: Record<string, number>;
  /** Whole numbers only (counts), for official statistics. */
  integer: boolean;
  /** How the platform computes it, in words (docs/indicators.md has the full definitions). */
  definition: string;
}

export const COMPUTATIONS: Record<ComputationCode, Computation> = {
  INVENTION_PATENTS_PER_10K_POPULATION: {
    code: 'INVENTION_PATENTS_PER_10K_POPULATION', name: '每万人口发明专利拥有量（件）', nameEn: 'Invention patents per 10,000 people',
    kind: 'STOCK_PER_10K_POPULATION', series: 'INVENTION_PATENTS_PER_10K_POPULATION', ledger: 'STOCK', units: { 件: 1 }, integer: false,
    definition: 'valid invention patents held at the year end by the area\'s organizations / resident population x 10,000',
  },
  VALID_TRADEMARKS: {
    code: 'VALID_TRADEMARKS', name: '有效注册商标数量（件）', nameEn: 'Valid registered trademarks',
    kind: 'STOCK_AT_YEAR_END', series: 'VALID_TRADEMARKS', ledger: 'STOCK', units: { 件: 1 }, integer: true,
    definition: 'trademarks registered by the year end and not expired',
  },
  PLEDGE_FINANCING_REGISTERED_AMOUNT: {
    code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', name: '知识产权质押融资登记金额（亿元）', nameEn: 'IP pledge financing registered',
    kind: 'FLOW_WITHIN_YEAR', series: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', ledger: 'FLOW', units: { 亿元: 1e10, 万元: 1e6 }, integer: false,
    definition: 'secured amounts of the pledge registrations registered within the year',
  },
  IP_ADVANTAGE_ENTERPRISES: {
    code: 'IP_ADVANTAGE_ENTERPRISES', name: '知识产权优势企业数量（家）', nameEn: 'IP-advantage enterprises',
    kind: 'STOCK_AT_YEAR_END', series: 'IP_ADVANTAGE_ENTERPRISES', ledger: 'STOCK', units: { 家: 1 }, integer: true,
    definition: 'enterprises with an IP-advantage certification in force at the year end',
  },
  HIGH_VALUE_INVENTION_PATENTS: {
    code: 'HIGH_VALUE_INVENTION_PATENTS', name: '高价值发明专利拥有量（件）', nameEn: 'High-value invention patents',
    kind: 'STOCK_AT_YEAR_END', series: 'HIGH_VALUE_INVENTION_PATENTS', ledger: 'STOCK', units: { 件: 1 }, integer: true,
    definition: 'valid invention patents with at least one of CNIPA\'s five high-value reasons at the year end',
  },
  PCT_APPLICATIONS: {
    code: 'PCT_APPLICATIONS', name: 'PCT国际专利申请量（件）', nameEn: 'PCT patent applications',
    kind: 'FLOW_WITHIN_YEAR', series: 'PCT_APPLICATIONS', ledger: 'FLOW', units: { 件: 1 }, integer: true,
    definition: 'patent applications filed through the PCT (application number type digit 8 or 9) within the year, by the area\'s organizations',
  },
  HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION: {
    code: 'HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION', name: '每万人口高价值发明专利拥有量（件）', nameEn: 'High-value invention patents per 10,000 people',
    kind: 'STOCK_PER_10K_POPULATION', series: 'HIGH_VALUE_INVENTION_PATENTS', ledger: 'STOCK', units: { 件: 1 }, integer: false,
    definition: 'high-value invention patents (as HIGH_VALUE_INVENTION_PATENTS) / resident population x 10,000',
  },
};

export const COMPUTATION_CODES = Object.keys(COMPUTATIONS) as ComputationCode[];

/** The ledger series (ledger.ts), each with how it adds up. */
export const LEDGER_SERIES: Record<LedgerCode, LedgerKind> = {
  INVENTION_PATENTS_PER_10K_POPULATION: 'STOCK',
  VALID_TRADEMARKS: 'STOCK',
  PLEDGE_FINANCING_REGISTERED_AMOUNT: 'FLOW',
  IP_ADVANTAGE_ENTERPRISES: 'STOCK',
  HIGH_VALUE_INVENTION_PATENTS: 'STOCK',
  PCT_APPLICATIONS: 'FLOW',
};
export const LEDGER_CODES = Object.keys(LEDGER_SERIES) as LedgerCode[];

export function isComputation(code: string): code is ComputationCode {
  return Object.prototype.hasOwnProperty.call(COMPUTATIONS, code);
}

/** 约束性 (binding) or 预期性 (expected). */
export type Binding = 'BINDING' | 'EXPECTED';
/** PROGRESS: reach the target from the baseline (progress measured). FLOOR: keep at least the target every year. */
export type Goal = 'PROGRESS' | 'FLOOR';

/** One indicator of a plan, resolved against its computation: what figures.ts computes with. */
export interface IndicatorDefinition {
  code: ComputationCode; // the computation (GraphQL IndicatorCode)
  planCode: string; // the plan's own code for the indicator
  order: number; // 1.., the plan's row order
  name: string; // the plan's own wording
  nameEn: string;
  unit: string;
  /** Ledger units per unit (1 for counts, 10^10 fen per 亿元). */
  scale: number;
  kind: IndicatorKind;
  series: LedgerCode;
  ledger: LedgerKind;
  integer: boolean;
  baselineYear: number;
  baseline: number;
  targetYear: number;
  target: number;
  binding: Binding;
  goal: Goal;
}

/** The 2021-2025 plan's table (lines 28-52 of the plan text): the seed plan. */
export const BASELINE_YEAR = 2020;
export const TARGET_YEAR = 2025;
/** planIndicators, reportOfficialStatistic and setPopulation accept years from FIRST_YEAR to LAST_YEAR (or a plan's last year, if later). */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2030;

export const SEED_PLAN = {
  seedKey: 'HEGANG_IP_PLAN_2021_2025',
  title: '鹤岗市“十四五”知识产权保护和运用规划',
  issuer: '鹤岗市人民政府',
  firstYear: 2021,
  lastYear: 2025,
  // [computation, baseline 2020, target 2025]; names and units from COMPUTATIONS (as in the plan's table).
  rows: [
    ['INVENTION_PATENTS_PER_10K_POPULATION', 0.56, 0.6],
    ['VALID_TRADEMARKS', 5024, 9000],
    ['PLEDGE_FINANCING_REGISTERED_AMOUNT', 0, 0.3],
    ['IP_ADVANTAGE_ENTERPRISES', 25, 30],
    ['HIGH_VALUE_INVENTION_PATENTS', 20, 23],
  ] as [ComputationCode, number, number][],
} as const;

const SEED_UNITS: Record<string, string> = { PLEDGE_FINANCING_REGISTERED_AMOUNT: '亿元', IP_ADVANTAGE_ENTERPRISES: '家' };

/** The seed plan's indicators, in the plan's order. */
export const INDICATORS: readonly IndicatorDefinition[] = SEED_PLAN.rows.map(([code, baseline, target], i) => {
  const c = COMPUTATIONS[code];
  const unit = SEED_UNITS[code] ?? '件';
  return {
    code, planCode: code, order: i + 1, name: c.name, nameEn: c.nameEn, unit, scale: c.units[unit]!, kind: c.kind, series: c.series,
    ledger: c.ledger, integer: c.integer, baselineYear: BASELINE_YEAR, baseline, targetYear: TARGET_YEAR, target, binding: 'EXPECTED', goal: 'PROGRESS',
  };
});

export const INDICATOR_CODES = INDICATORS.map((d) => d.code);

/** A seed-plan indicator by its computation. */
export function definitionOf(code: ComputationCode): IndicatorDefinition {
  const d = INDICATORS.find((x) => x.code === code);
  if (!d) throw new RangeError(`unknown indicator ${code}`);
  return d;
}

/** Rounds away binary noise (0.56 + 0.04 = 0.6000000000000001) before comparing or showing. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

type Line = Pick<IndicatorDefinition, 'baseline' | 'target'> & Partial<Pick<IndicatorDefinition, 'baselineYear' | 'targetYear' | 'goal'>>;

/** (value - baseline) / (target - baseline); 0 at the baseline, 1 at the target. Null for a FLOOR goal. */
export function progress(def: Line, value: number): number {
  return clean((value - def.baseline) / (def.target - def.baseline));
}

/**
 * Where a straight line from the baseline (at the end of the baseline year) to the target (at the end of
 * the target year) stands at the end of `year`. After the target year the target is the level to keep,
 * so the expectation stays at it. A FLOOR goal expects the target every year.
 */
export function expectedValue(def: Line, year: number): number {
  const from = def.baselineYear ?? BASELINE_YEAR;
  const to = def.targetYear ?? TARGET_YEAR;
  if (def.goal === 'FLOOR') return def.target;
  if (year <= from) return def.baseline;
  if (year >= to) return def.target;
  return clean(def.baseline + ((def.target - def.baseline) * (year - from)) / (to - from));
}

/** At or beyond the straight line (below it, for an indicator whose target is lower than its baseline). */
export function onTrack(def: Line, year: number, value: number): boolean {
  const expected = expectedValue(def, year);
  return def.target >= def.baseline ? clean(value) >= expected : clean(value) <= expected;
}

/** The target reached (at or beyond it, in the indicator's direction). */
export function achieved(def: Line, value: number): boolean {
  return def.target >= def.baseline ? clean(value) >= clean(def.target) : clean(value) <= clean(def.target);
}
