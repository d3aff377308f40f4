// Downloadable reports of the indicators (REGULATOR only): CSV for spreadsheets, SVG for a picture.
import { COUNTIES, type County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { badInput } from '../errors';
import { todayInShanghai } from '../rules/calendar';
import { FIRST_YEAR, LAST_YEAR } from './definitions';
import { planIndicators, validYear } from './index';
import { indicatorsCsv } from './reportCsv';
import { indicatorsSvg } from './reportChart';

export interface ReportQuery {
  year: number;
  county: County | null;
}

/** Reads ?year=Y&county=C (both optional: this year, the whole city). */
export function parseReportQuery(query: Record<string, unknown>): ReportQuery {
  const { year: rawYear, county: rawCounty } = query;
  let year = Math.min(Math.max(Number(todayInShanghai().slice(0, 4)), FIRST_YEAR), LAST_YEAR);
  if (rawYear !== undefined) {
    if (typeof rawYear !== 'string' || !/^\d{4}$/.test(rawYear)) throw badInput('year', `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}`);
    year = validYear('year', Number(rawYear));
  }
  let county: County | null = null;
  if (rawCounty !== undefined && rawCounty !== '') {
    if (typeof rawCounty !== 'string' || !(COUNTIES as readonly string[]).includes(rawCounty)) {
      throw badInput('county', `must be one of ${COUNTIES.join(', ')} (or absent for the whole city)`);
    }
    county = rawCounty as County;
  }
  return { year, county };
}

export interface Report {
  body: string;
  filename: string;
}

export async function planIndicatorsCsv(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  await requireRegulator(ctx);
  const { year, county } = parseReportQuery(query);
  const views = await planIndicators(ctx, year, county);
  return { body: indicatorsCsv(views), filename: `plan-indicators-${year}-${county ?? 'CITY'}.csv` };
}

export async function planIndicatorsSvg(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  await requireRegulator(ctx);
  const { year, county } = parseReportQuery(query);
  const views = await planIndicators(ctx, year, county);
  return { body: indicatorsSvg(views, todayInShanghai()), filename: `plan-indicators-${year}-${county ?? 'CITY'}.svg` };
}
