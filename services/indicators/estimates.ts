// The estimate shown for a year and area without an official statistic (issue 11, point 7), pure.
//
// The platform holds only what is recorded on it, so its own stock figures sit far below the city's
// (6 trademarks against an official 5,024). For a year without an official statistic:
// - a stock (rights held at the year end, enterprises certified, per-10k rates) is estimated as the
//   latest official figure of an earlier year plus the platform's net change since that year: the
//   official figure carries what the platform does not hold, the platform carries the movement;
// - a flow (pledge amount registered within the year, PCT applications filed within the year) is the
//   platform's own figure: banks record registrations here, so the platform holds the whole flow, and
//   an earlier year's official flow says nothing about this year's.
// No earlier official figure (or no population for a per-10k rate): no estimate; the platform figure
// is shown as PLATFORM_RECORDS.
import { clean, type IndicatorDefinition } from './definitions';

export interface YearFigures {
  year: number;
  /** The platform's figure in the indicator's unit. */
  platformValue: number;
  /** Ledger units behind it (counts, fen); for per-10k rates the count of patents. */
  amount: number;
  /** Per-10k rates: the population used for this year, if any. */
  population: number | null;
  /** The official statistic in the indicator's unit, if reported. */
  official: number | null;
}

export interface Estimate {
  value: number;
  note: string;
}

/** `years` ascending, ending with the year to estimate. */
export function estimateFor(def: Pick<IndicatorDefinition, 'kind'>, years: YearFigures[]): Estimate | null {
  const current = years[years.length - 1];
  if (!current || current.official !== null) return null;
  if (def.kind === 'FLOW_WITHIN_YEAR') {
    return { value: current.platformValue, note: `flow: the platform's own figure for ${current.year} (every registration is recorded on the platform)` };
  }
  const base = [...years.slice(0, -1)].reverse().find((y) => y.official !== null);
  if (!base) return null;
  if (def.kind === 'STOCK_PER_10K_POPULATION') {
    if (!current.population) return null;
    const change = current.amount - base.amount;
    const value = clean(base.official! + (change / current.population) * 10_000);
    return {
      value,
      note: `official ${base.year} (${base.official}) + platform net change since ${base.year} (${signed(change)} patents / ${current.population} people x 10,000)`,
    };
  }
  const change = clean(current.platformValue - base.platformValue);
  return { value: clean(base.official! + change), note: `official ${base.year} (${base.official}) + platform net change since ${base.year} (${signed(change)})` };
}

const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
