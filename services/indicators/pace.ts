// What it takes to reach a target (issue 13, point 4), pure: for an open plan, the value needed by
// the end of each remaining year on a straight line from the last completed year to the target, the
// pace this year so far and the pace needed from now on.
//
//   y0 = the last completed year (this year - 1, not before the baseline year), v0 = its value
//   needed(y) = v0 + (target - v0) * (y - y0) / (lastYear - y0)       for y = this year .. lastYear
//   a FLOOR goal needs the target every year
//   monthsElapsed = 12 * dayOfYear(today) / daysInYear   (today counts as elapsed)
//   monthsRemaining = 12 - monthsElapsed
//   soFar = value now - v0 for a stock (the change this year); value now for a flow (this year's amount)
//   paceSoFarPerMonth = soFar / monthsElapsed
//   stillNeeded = needed(this year) - value now     (<= 0: already reached for this year)
//   neededPerMonth = stillNeeded / monthsRemaining   (null on 31 December)
import { clean, type IndicatorDefinition } from './definitions';
import type { IndicatorPoint } from './figures';

export interface NeededValue {
  year: number;
  value: number;
}

export interface IndicatorPace {
  asOf: string;
  year: number;
  fromYear: number;
  fromValue: number;
  neededByYearEnd: NeededValue[];
  currentValue: number;
  soFar: number;
  dayOfYear: number;
  daysInYear: number;
  monthsElapsed: number;
  monthsRemaining: number;
  paceSoFarPerMonth: number;
  stillNeeded: number;
  neededPerMonth: number | null;
  /** Money indicators: neededPerMonth in yuan (Money). */
  neededPerMonthYuan: number | null; // fen (Money)
  paceSoFarPerMonthYuan: number | null; // fen (Money)
}

export function dayOfYear(date: string): { day: number; days: number } {
  const year = Number(date.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const day = Math.round((Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000) + 1;
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / 86_400_000);
  return { day, days };
}

type PaceDef = Pick<IndicatorDefinition, 'code' | 'kind' | 'baseline' | 'baselineYear' | 'target' | 'targetYear' | 'goal' | 'scale'>;

/** Null unless `today` falls within the plan's period (firstYear..targetYear) and the series reaches this year. */
export function paceFor(def: PaceDef, firstYear: number, series: Pick<IndicatorPoint, 'year' | 'value'>[], today: string): IndicatorPace | null {
  const year = Number(today.slice(0, 4));
  if (year < firstYear || year > def.targetYear) return null;
  const now = series.find((p) => p.year === year);
  if (!now) return null;
  const fromYear = Math.max(year - 1, def.baselineYear);
  const fromValue = fromYear === def.baselineYear && !series.some((p) => p.year === fromYear) ? def.baseline : series.find((p) => p.year === fromYear)?.value ?? def.baseline;
  const neededByYearEnd: NeededValue[] = [];
  for (let y = year; y <= def.targetYear; y++) {
    const value = def.goal === 'FLOOR' ? def.target : clean(fromValue + ((def.target - fromValue) * (y - fromYear)) / (def.targetYear - fromYear));
    neededByYearEnd.push({ year: y, value });
  }
  const { day, days } = dayOfYear(today);
  const monthsElapsed = clean((12 * day) / days);
  const monthsRemaining = clean(12 - monthsElapsed);
  const soFar = clean(def.kind === 'FLOW_WITHIN_YEAR' ? now.value : now.value - fromValue);
  const stillNeeded = clean(neededByYearEnd[0]!.value - now.value);
  const neededPerMonth = monthsRemaining > 0 ? clean(stillNeeded / monthsRemaining) : null;
  const paceSoFarPerMonth = clean(soFar / monthsElapsed);
  const money = def.code === 'PLEDGE_FINANCING_REGISTERED_AMOUNT';
  const yuan = (units: number) => Math.round(units * def.scale); // fen
  return {
    asOf: today, year, fromYear, fromValue, neededByYearEnd, currentValue: now.value, soFar, dayOfYear: day, daysInYear: days,
    monthsElapsed, monthsRemaining, paceSoFarPerMonth, stillNeeded, neededPerMonth,
    neededPerMonthYuan: money && neededPerMonth !== null ? yuan(neededPerMonth) : null,
    paceSoFarPerMonthYuan: money ? yuan(paceSoFarPerMonth) : null,
  };
}
