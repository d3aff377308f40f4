// From stored figures (ledger rows, official statistics, populations) and a plan's indicators to the
// values shown for an area and year, with the per-year series. Pure: index.ts loads the rows.
import { COUNTIES, type County } from '../../models/enums';
import { todayInShanghai } from '../rules/calendar';
import {
  COMPUTATIONS, FIRST_YEAR, INDICATORS, LEDGER_SERIES, clean, expectedValue, onTrack, progress,
  type IndicatorCode, type IndicatorDefinition, type LedgerCode,
} from './definitions';
import { estimateFor, type YearFigures } from './estimates';

export type IndicatorSource = 'PLATFORM_RECORDS' | 'OFFICIAL_STATISTIC' | 'ESTIMATE';

export interface LedgerRow { code: string; year: number; county: string; amount: number }
export interface StatRow { code: string; year: number; county?: string | null; value: number }
export interface PopulationRow { year: number; county?: string | null; population: number }

export interface IndicatorPoint {
  year: number;
  value: number;
  platformValue: number;
  officialValue: number | null;
  estimateValue: number | null;
  estimateNote: string | null;
  source: IndicatorSource;
  /** Null for a county: the plan's targets are the city's. */
  expectedValue: number | null;
  onTrack: boolean | null;
  progress: number | null;
}

export interface IndicatorView extends IndicatorPoint {
  code: IndicatorCode;
  planCode: string;
  name: string;
  nameEn: string;
  unit: string;
  kind: IndicatorDefinition['kind'];
  binding: IndicatorDefinition['binding'];
  goal: IndicatorDefinition['goal'];
  baselineYear: number;
  baseline: number;
  targetYear: number;
  target: number;
  county: County | null;
  yearComplete: boolean;
  population: number | null;
  populationYear: number | null;
  note: string | null;
  series: IndicatorPoint[];
  def: IndicatorDefinition;
}

export const AREA_NAMES: Record<County | 'CITY', string> = {
  CITY: '鹤岗市',
  XIANGYANG: '向阳区',
  GONGNONG: '工农区',
  NANSHAN: '南山区',
  XINGAN: '兴安区',
  DONGSHAN: '东山区',
  XINGSHAN: '兴山区',
  LUOBEI: '萝北县',
  SUIBIN: '绥滨县',
};

/**
 * The population used for `year`: the most recent year <= `year` for which the area's population is
 * known. A county: its own figure. The city: its explicit figure for that year, else the sum of the
 * eight counties when all eight have a figure for that year.
 */
export function populationFor(rows: PopulationRow[], county: County | null, year: number): { population: number; year: number } | null {
  const years = [...new Set(rows.map((r) => r.year))].filter((y) => y <= year).sort((a, b) => b - a);
  for (const y of years) {
    const ofYear = rows.filter((r) => r.year === y);
    if (county) {
      const own = ofYear.find((r) => r.county === county);
      if (own) return { population: own.population, year: y };
      continue;
    }
    const city = ofYear.find((r) => r.county == null);
    if (city) return { population: city.population, year: y };
    const parts = COUNTIES.map((c) => ofYear.find((r) => r.county === c));
    if (parts.every((p) => p)) return { population: parts.reduce((s, p) => s + p!.population, 0), year: y };
  }
  return null;
}

/** The ledger amount of a series for an area at the end of each year from `firstYear` up to `lastYear`. */
export function ledgerAmounts(
  def: { series?: LedgerCode; code: string; ledger: 'STOCK' | 'FLOW' },
  rows: LedgerRow[],
  lastYear: number,
  firstYear = FIRST_YEAR,
): Map<number, number> {
  const series = def.series ?? def.code;
  const mine = rows.filter((r) => r.code === series);
  const out = new Map<number, number>();
  let running = mine.filter((r) => r.year < firstYear).reduce((s, r) => s + r.amount, 0);
  for (let y = firstYear; y <= lastYear; y++) {
    const ofYear = mine.filter((r) => r.year === y).reduce((s, r) => s + r.amount, 0);
    running += ofYear;
    out.set(y, def.ledger === 'STOCK' ? running : ofYear);
  }
  return out;
}

/** The platform's figure in the indicator's unit, from the ledger amount (a count, or fen). */
export function platformFigure(def: Pick<IndicatorDefinition, 'kind' | 'scale'>, amount: number, population: number | null): number {
  if (def.kind === 'STOCK_PER_10K_POPULATION') return population ? clean((amount / population) * 10_000) : 0;
  return clean(amount / def.scale);
}

/** An official statistic (stored in the computation's first unit) in the indicator's unit. */
export function officialInUnit(def: Pick<IndicatorDefinition, 'code' | 'scale'>, value: number): number {
  const canonical = Object.values(COMPUTATIONS[def.code].units)[0]!;
  return canonical === def.scale ? value : clean((value * canonical) / def.scale);
}

export interface FigureInput {
  year: number;
  county: County | null;
  ledger: LedgerRow[]; // rows of the area's counties, years <= year
  stats: StatRow[]; // official statistics of the area (same county or null), years <= year
  populations: PopulationRow[]; // every area, years <= year
  /** The plan's indicators (default: the 2021-2025 plan). */
  defs?: readonly IndicatorDefinition[];
  /** First year of the series (default: the plan's earliest baseline year). */
  seriesFrom?: number;
  today?: string;
}

/** Each indicator of the plan for an area and year, in the plan's order, each with its series. */
export function indicatorViews(input: FigureInput): IndicatorView[] {
  const { year, county } = input;
  const area = county ?? 'CITY';
  const today = input.today ?? todayInShanghai();
  const defs = input.defs ?? INDICATORS;
  const from = Math.min(year, input.seriesFrom ?? Math.min(...defs.map((d) => d.baselineYear)));
  return defs.map((def) => {
    // Figures from FIRST_YEAR (an estimate may rest on an official figure before the series starts).
    const calcFrom = Math.min(FIRST_YEAR, from);
    const amounts = ledgerAmounts(def, input.ledger, year, calcFrom);
    const perPopulation = def.kind === 'STOCK_PER_10K_POPULATION';
    const series: IndicatorPoint[] = [];
    const figures: YearFigures[] = [];
    for (let y = calcFrom; y <= year; y++) {
      const pop = perPopulation ? populationFor(input.populations, county, y) : null;
      const amount = amounts.get(y) ?? 0;
      const platformValue = platformFigure(def, amount, pop?.population ?? null);
      const stat = input.stats.find((s) => s.code === def.code && s.year === y && (s.county ?? null) === county);
      const official = stat ? officialInUnit(def, stat.value) : null;
      figures.push({ year: y, platformValue, amount, population: pop?.population ?? null, official });
      const estimate = estimateFor(def, figures);
      const value = official ?? estimate?.value ?? platformValue;
      const city = county === null;
      if (y < from) continue;
      series.push({
        year: y,
        value,
        platformValue,
        officialValue: official,
        estimateValue: estimate?.value ?? null,
        estimateNote: estimate?.note ?? null,
        source: official !== null ? 'OFFICIAL_STATISTIC' : estimate ? 'ESTIMATE' : 'PLATFORM_RECORDS',
        expectedValue: city ? expectedValue(def, y) : null,
        onTrack: city ? onTrack(def, y, value) : null,
        progress: city && def.goal === 'PROGRESS' ? progress(def, value) : null,
      });
    }
    const last = series[series.length - 1]!;
    let population: { population: number; year: number } | null = null;
    let note: string | null = null;
    if (perPopulation) {
      population = populationFor(input.populations, county, year);
      const count = amounts.get(year) ?? 0;
      const what = def.series === 'HIGH_VALUE_INVENTION_PATENTS' ? 'high-value invention patents' : 'valid invention patents';
      note = population
        ? `${count} ${what} / ${population.population} people (population of ${population.year}) x 10,000`
        : `No population recorded for ${area} in ${year} or earlier (setPopulation): the platform figure is 0 (${count} ${what})`;
    }
    return {
      ...last,
      code: def.code,
      planCode: def.planCode,
      name: def.name,
      nameEn: def.nameEn,
      unit: def.unit,
      kind: def.kind,
      binding: def.binding,
      goal: def.goal,
      baselineYear: def.baselineYear,
      baseline: def.baseline,
      targetYear: def.targetYear,
      target: def.target,
      county,
      yearComplete: `${year}-12-31` < today,
      population: population?.population ?? null,
      populationYear: population?.year ?? null,
      note,
      series,
      def,
    };
  });
}

export { LEDGER_SERIES };
