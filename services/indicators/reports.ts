// Downloadable reports of the indicators (REGULATOR only): CSV for spreadsheets, SVG for a picture.
import { COUNTIES, type County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { badInput } from '../errors';
import { todayInShanghai } from '../rules/calendar';
import { FIRST_YEAR, LAST_YEAR } from './definitions';
import { planIndicators, validYear } from './index';
import { indicatorsCsv } from './reportCsv';
import { indicatorsSvg, SEED_CHART_TITLE } from './reportChart';
import { evaluationCsv, evaluationHtml } from './evaluationReport';
import { planEvaluation } from './planEvaluation';
import { choosePlan, SEED_PLAN_ID } from './plans';
import { figuresSnapshot } from './store';

export interface ReportQuery {
  year: number;
  county: County | null;
  plan: string | null;
}

/** Reads ?year=Y&county=C (both optional: this year, the whole city). */
export function parseReportQuery(query: Record<string, unknown>, plans: { lastYear: number }[] = []): ReportQuery {
  const { year: rawYear, county: rawCounty, plan: rawPlan } = query;
  let year = Math.min(Math.max(Number(todayInShanghai().slice(0, 4)), FIRST_YEAR), LAST_YEAR);
  if (rawYear !== undefined) {
    if (typeof rawYear !== 'string' || !/^\d{4}$/.test(rawYear)) throw badInput('year', `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}`);
    year = validYear('year', Number(rawYear), plans);
  }
  if (rawPlan !== undefined && (typeof rawPlan !== 'string' || !/^[0-9a-f]{24}$/i.test(rawPlan))) throw badInput('plan', 'must be a plan id');
  let county: County | null = null;
  if (rawCounty !== undefined && rawCounty !== '') {
    if (typeof rawCounty !== 'string' || !(COUNTIES as readonly string[]).includes(rawCounty)) {
      throw badInput('county', `must be one of ${COUNTIES.join(', ')} (or absent for the whole city)`);
    }
    county = rawCounty as County;
  }
  return { year, county, plan: typeof rawPlan === 'string' ? rawPlan : null };
}

export interface Report {
  body: string;
  filename: string;
}

async function parse(ctx: ServiceContext, query: Record<string, unknown>) {
  await requireRegulator(ctx);
  const all = await figuresSnapshot();
  const q = parseReportQuery(query, all.plans);
  const plan = await choosePlan(ctx, all.plans, q.plan, q.year);
  return { ...q, plan };
}

const chartTitle = (plan: { _id: unknown; title: string }) => (String(plan._id) === String(SEED_PLAN_ID) ? SEED_CHART_TITLE : `${plan.title} 主要指标`);

export async function planIndicatorsCsv(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  const { year, county, plan } = await parse(ctx, query);
  const views = await planIndicators(ctx, year, county, String(plan._id));
  return { body: indicatorsCsv(views), filename: `plan-indicators-${year}-${county ?? 'CITY'}.csv` };
}

export async function planIndicatorsSvg(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  const { year, county, plan } = await parse(ctx, query);
  const views = await planIndicators(ctx, year, county, String(plan._id));
  return { body: indicatorsSvg(views, todayInShanghai(), chartTitle(plan)), filename: `plan-indicators-${year}-${county ?? 'CITY'}.svg` };
}

/** ?plan=ID (default: the plan in force this year). */
async function evaluationOf(ctx: ServiceContext, query: Record<string, unknown>) {
  const { plan } = await parse(ctx, { ...query, year: undefined });
  return planEvaluation(ctx, String(plan._id));
}

const fileStem = (e: { plan: { firstYear: number; lastYear: number } }) => `plan-evaluation-${e.plan.firstYear}-${e.plan.lastYear}`;

export async function planEvaluationCsv(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  const e = await evaluationOf(ctx, query);
  return { body: evaluationCsv(e), filename: `${fileStem(e)}.csv` };
}

export async function planEvaluationSvg(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  const e = await evaluationOf(ctx, query);
  return { body: indicatorsSvg(e.indicators, e.asOf, chartTitle(e.plan)), filename: `${fileStem(e)}.svg` };
}

export async function planEvaluationHtml(ctx: ServiceContext, query: Record<string, unknown>): Promise<Report> {
  const e = await evaluationOf(ctx, query);
  return { body: evaluationHtml(e), filename: `${fileStem(e)}.html` };
}
