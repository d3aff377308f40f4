// From stored figures (ledger rows, official statistics, populations) to the values shown for an
// area and year, with the per-year series. Pure: index.ts loads the rows.
import { COUNTIES, type County } from '../../models/enums';
import { fenToYi } from '../rules/money';
import { todayInShanghai } from '../rules/calendar';
import {
  FIRST_YEAR, INDICATORS, clean, expectedValue, onTrack, progress, type IndicatorCode, type IndicatorDefinition,
} from './definitions';

export type IndicatorSource = 'PLATFORM_RECORDS' | 'OFFICIAL_STATISTIC';

export interface LedgerRow { code: string; year: number; county: string; amount: number }
export interface StatRow { code: string; year: number; county?: string | null; value: number }
export interface PopulationRow { year: number; county?: string | null; population: number }

export interface IndicatorPoint {
  year: number;
  value: number;
  platformValue: number;
  officialValue: number | null;
  source: IndicatorSource;
  expectedValue: number;
  onTrack: boolean;
  progress: number;
}

export interface IndicatorView extends IndicatorPoint {
  code: IndicatorCode;
  name: string;
  nameEn: string;
  unit: string;
  baseline: number;
  target: number;
  county: County | null;
  yearComplete: boolean;
  population: number | null;
  populationYear: number | null;
  note: string | null;
  series: IndicatorPoint[];
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

/** The ledger amount of an indicator for an area at the end of each year up to `lastYear`. */
export function ledgerAmounts(def: IndicatorDefinition, rows: LedgerRow[], lastYear: number): Map<number, number> {
  const mine = rows.filter((r) => r.code === def.code);
  const out = new Map<number, number>();
  let running = mine.filter((r) => r.year < FIRST_YEAR).reduce((s, r) => s + r.amount, 0);
  for (let y = FIRST_YEAR; y <= lastYear; y++) {
    const ofYear = mine.filter((r) => r.year === y).reduce((s, r) => s + r.amount, 0);
    running += ofYear;
    out.set(y, def.ledger === 'STOCK' ? running : ofYear);
  }
  return out;
}

/** The platform's figure in the indicator's unit, from the ledger amount (a count, or fen). */
export function platformFigure(def: IndicatorDefinition, amount: number, population: number | null): number {
  switch (def.code) {
    case 'INVENTION_PATENTS_PER_10K_POPULATION':
      return population ? clean((amount / population) * 10_000) : 0;
    case 'PLEDGE_FINANCING_REGISTERED_AMOUNT':
      return fenToYi(amount);
    default:
      return amount;
  }
}

export interface FigureInput {
  year: number;
  county: County | null;
  ledger: LedgerRow[]; // rows of the area's counties, years <= year
  stats: StatRow[]; // official statistics of the area (same county or null), years <= year
  populations: PopulationRow[]; // every area, years <= year
  today?: string;
}

/** All five indicators for an area and year, in the plan's order, each with its series from 2020. */
export function indicatorViews(input: FigureInput): IndicatorView[] {
  const { year, county } = input;
  const area = county ?? 'CITY';
  const today = input.today ?? todayInShanghai();
  return INDICATORS.map((def) => {
    const amounts = ledgerAmounts(def, input.ledger, year);
    const series: IndicatorPoint[] = [];
    for (let y = FIRST_YEAR; y <= year; y++) {
      const pop = def.code === 'INVENTION_PATENTS_PER_10K_POPULATION' ? populationFor(input.populations, county, y) : null;
      const platformValue = platformFigure(def, amounts.get(y) ?? 0, pop?.population ?? null);
      const official = input.stats.find((s) => s.code === def.code && s.year === y && (s.county ?? null) === county);
      const value = official ? official.value : platformValue;
      series.push({
        year: y,
        value,
        platformValue,
        officialValue: official ? official.value : null,
        source: official ? 'OFFICIAL_STATISTIC' : 'PLATFORM_RECORDS',
        expectedValue: expectedValue(def, y),
        onTrack: onTrack(def, y, value),
        progress: progress(def, value),
      });
    }
    const last = series[series.length - 1]!;
    let population: { population: number; year: number } | null = null;
    let note: string | null = null;
    if (def.code === 'INVENTION_PATENTS_PER_10K_POPULATION') {
      population = populationFor(input.populations, county, year);
      const patents = amounts.get(year) ?? 0;
      note = population
        ? `${patents} valid invention patents / ${population.population} people (population of ${population.year}) x 10,000`
        : `No population recorded for ${area} in ${year} or earlier (setPopulation): the platform figure is 0 (${patents} valid invention patents)`;
    }
    return {
      ...last,
      code: def.code,
      name: def.name,
      nameEn: def.nameEn,
      unit: def.unit,
      baseline: def.baseline,
      target: def.target,
      county,
      yearComplete: `${year}-12-31` < today,
      population: population?.population ?? null,
      populationYear: population?.year ?? null,
      note,
      series,
    };
  });
}
