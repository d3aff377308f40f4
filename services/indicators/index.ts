// The plan's indicators by year and area: read from the ledger the writes keep current (never a
// scan of the records), official statistics that win over it, estimates where none is reported,
// populations, the plan in force, the audit.
import { IndicatorDelta } from '../../models/indicatorDelta';
import { OfficialStatistic } from '../../models/officialStatistic';
import { Population } from '../../models/population';
import { COUNTIES, type County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { withLock, updateOneDoc } from '../atomic';
import { badInput, notFound } from '../errors';
import { recordAudit } from '../audit';
import { todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { COMPUTATIONS, FIRST_YEAR, LAST_YEAR, LEDGER_CODES, LEDGER_SERIES, isComputation, type IndicatorCode, type LedgerCode } from './definitions';
import { indicatorViews, ledgerAmounts, type IndicatorView } from './figures';
import { paceFor, type IndicatorPace } from './pace';
import { choosePlan, definitionsOf, type PlanRow } from './plans';
import { computeFromRecords } from './recompute';
import { figuresSnapshot, touchFigures, type FiguresSnapshot } from './store';

export type { IndicatorView };

/** Years accepted: 2020 to 2030, or to the last year of a later plan. */
export function validYear(field: string, year: number, plans: Pick<PlanRow, 'lastYear'>[] = []): number {
  return v.intInRange(field, year, FIRST_YEAR, Math.max(LAST_YEAR, ...plans.map((p) => p.lastYear)));
}

export interface PlanView extends IndicatorView {
  planId: string;
  pace: IndicatorPace | null;
}

/** The views of a plan's indicators for an area and year, from a snapshot of the stored figures. */
export function viewsOf(all: FiguresSnapshot, plan: PlanRow, year: number, county: County | null, today = todayInShanghai()): PlanView[] {
  const defs = definitionsOf(plan);
  const views = indicatorViews({
    year,
    county,
    defs,
    ledger: all.ledger.filter((r) => r.year <= year && (!county || r.county === county)),
    stats: all.stats.filter((s) => s.year <= year && (s.county ?? null) === county),
    populations: all.populations.filter((p) => p.year <= year),
    today,
  });
  return views.map((view) => ({
    ...view,
    planId: String(plan._id),
    // The pace is the city's (the plan's targets are the city's), for this year of an open plan.
    pace: county === null && Number(today.slice(0, 4)) === year ? paceFor(view.def, plan.firstYear, view.series, today) : null,
  }));
}

/**
 * Each indicator of the plan in force for `year` (or of the plan chosen by id) at the end of `year`
 * in an area (null = the whole city), in the plan's order. Public (drafts: REGULATOR).
 */
export async function planIndicators(ctx: ServiceContext | null, year: number, county: County | null = null, planId?: string | null): Promise<PlanView[]> {
  const all = await figuresSnapshot();
  validYear('year', year, all.plans);
  const plan = await choosePlan(ctx, all.plans, planId, year);
  return viewsOf(all, plan, year, county);
}

export interface OfficialStatisticInput {
  code: IndicatorCode;
  year: number;
  county?: County | null;
  value: number;
}

function statisticKey(code: string, year: number, county: County | null) {
  return { key: { code, year, county }, lock: `OfficialStatistic:${code}:${year}:${county ?? 'CITY'}` };
}

/**
 * The indicator as now shown: against the plan in force that year, else against the published plan
 * nearest that year that measures it (e.g. a 2025 figure of an indicator new in 2026-2030).
 */
async function shownAfterWrite(ctx: ServiceContext, code: IndicatorCode, year: number, county: County | null): Promise<PlanView> {
  const all = await figuresSnapshot();
  const inForce = await choosePlan(ctx, all.plans, null, year);
  const distance = (p: PlanRow) => (year < p.firstYear ? p.firstYear - year : year > p.lastYear ? year - p.lastYear : 0);
  const measuring = [inForce, ...all.plans.filter((p) => p.status === 'PUBLISHED').sort((a, b) => distance(a) - distance(b))]
    .find((p) => p.indicators.some((i) => i.computation === code));
  if (measuring) return viewsOf(all, measuring, year, county).find((x) => x.code === code)!;
  // No plan measures it: shown against a one-indicator plan of its own, with no target (a FLOOR of 0).
  const c = COMPUTATIONS[code];
  const single: PlanRow = {
    ...inForce,
    indicators: [{ code, computation: code, name: c.name, nameEn: c.nameEn, unit: Object.keys(c.units)[0]!, baselineYear: inForce.firstYear - 1, baseline: 0, target: 0, binding: 'EXPECTED', goal: 'FLOOR' }],
  };
  return viewsOf(all, single, year, county)[0]!;
}

/**
 * REGULATOR: records the official figure for a year and area; it wins over the platform's. A figure
 * already reported is replaced, and the old one kept in the statistic's history (value, who, when).
 */
export async function reportOfficialStatistic(ctx: ServiceContext, input: OfficialStatisticInput): Promise<PlanView> {
  const viewer = await requireRegulator(ctx);
  if (!isComputation(input.code)) throw badInput('code', `unknown indicator ${input.code}`);
  const c = COMPUTATIONS[input.code];
  validYear('year', input.year, (await figuresSnapshot()).plans);
  const county = input.county ?? null;
  if (!Number.isFinite(input.value) || input.value < 0) throw badInput('value', 'must be a number >= 0');
  if (c.integer && !Number.isInteger(input.value)) throw badInput('value', `must be a whole number for ${c.name}`);
  const { key, lock } = statisticKey(c.code, input.year, county);
  const now = new Date();
  const previous = await withLock(lock, async () => {
    const old = await OfficialStatistic.findOne(key).lean();
    const fresh = { value: input.value, origin: 'REGULATOR', reportedBy: viewer.userId, reportedAt: now, withdrawn: false };
    if (!old) {
      await OfficialStatistic.updateOne(key, { $set: fresh }, { upsert: true });
      return null;
    }
    const push = old.withdrawn
      ? {}
      : { $push: { history: { value: old.value, origin: old.origin, reportedBy: old.reportedBy ?? null, reportedAt: old.reportedAt ?? old.createdAt ?? null, ended: 'REPLACED', endedBy: viewer.userId, endedAt: now } } };
    await OfficialStatistic.updateOne({ _id: old._id }, { $set: fresh, ...push });
    return old.withdrawn ? null : old.value;
  });
  await touchFigures();
  await recordAudit(ctx, {
    kind: 'REPORT_OFFICIAL_STATISTIC', targetType: 'OfficialStatistic', targetId: `${c.code}:${input.year}:${county ?? 'CITY'}`,
    summary: `reported ${c.code} ${input.year} ${county ?? 'city'} = ${input.value}${previous !== null ? ` (replacing ${previous})` : ''}`,
    details: { code: c.code, year: input.year, county, value: input.value, previous },
  });
  return shownAfterWrite(ctx, c.code, input.year, county);
}

/** REGULATOR: withdraws an official figure (kept in its history); the indicator falls back to the estimate. */
export async function withdrawOfficialStatistic(ctx: ServiceContext, input: Omit<OfficialStatisticInput, 'value'>, reason: string | null | undefined): Promise<PlanView> {
  const viewer = await requireRegulator(ctx);
  if (!isComputation(input.code)) throw badInput('code', `unknown indicator ${input.code}`);
  const why = v.optionalText('reason', reason, 2000);
  const county = input.county ?? null;
  const { key, lock } = statisticKey(input.code, input.year, county);
  const now = new Date();
  const withdrawn = await withLock(lock, async () => {
    const old = await OfficialStatistic.findOne(key).lean();
    if (!old || old.withdrawn) return null;
    await updateOneDoc(OfficialStatistic, { _id: old._id, withdrawn: { $ne: true } }, {
      $set: { withdrawn: true },
      $push: { history: { value: old.value, origin: old.origin, reportedBy: old.reportedBy ?? null, reportedAt: old.reportedAt ?? old.createdAt ?? null, ended: 'WITHDRAWN', endedBy: viewer.userId, endedAt: now, reason: why } },
    });
    return old;
  });
  if (!withdrawn) throw notFound(`Official statistic ${input.code} ${input.year} ${county ?? 'city'}`);
  await touchFigures();
  await recordAudit(ctx, {
    kind: 'WITHDRAW_OFFICIAL_STATISTIC', targetType: 'OfficialStatistic', targetId: `${input.code}:${input.year}:${county ?? 'CITY'}`, reason: why,
    summary: `withdrew ${input.code} ${input.year} ${county ?? 'city'} = ${withdrawn.value}`,
    details: { code: input.code, year: input.year, county, value: withdrawn.value },
  });
  return shownAfterWrite(ctx, input.code, input.year, county);
}

/** REGULATOR: an official statistic with its history (null when none was ever reported). */
export interface OfficialStatisticPastView {
  value: number;
  origin: string;
  reportedBy: string | null;
  reportedAt: Date | null;
  ended: string;
  endedBy: string | null;
  endedAt: Date;
  reason: string | null;
}
export interface OfficialStatisticView {
  code: IndicatorCode;
  year: number;
  county: County | null;
  value: number | null;
  withdrawn: boolean;
  origin: string;
  reportedBy: string | null;
  reportedAt: Date | null;
  history: OfficialStatisticPastView[];
}

export async function officialStatistic(ctx: ServiceContext, code: IndicatorCode, year: number, county: County | null): Promise<OfficialStatisticView | null> {
  await requireRegulator(ctx);
  const doc = await OfficialStatistic.findOne({ code, year, county }).lean();
  if (!doc) return null;
  return {
    code: doc.code as IndicatorCode, year: doc.year, county: (doc.county ?? null) as County | null, value: doc.withdrawn ? null : doc.value, withdrawn: !!doc.withdrawn,
    origin: doc.origin, reportedBy: doc.reportedBy ? String(doc.reportedBy) : null, reportedAt: doc.reportedAt ?? doc.createdAt ?? null,
    history: (doc.history ?? []).map((h) => ({
      value: h.value, origin: h.origin, reportedBy: h.reportedBy ? String(h.reportedBy) : null, reportedAt: h.reportedAt ?? null,
      ended: h.ended, endedBy: h.endedBy ? String(h.endedBy) : null, endedAt: h.endedAt, reason: h.reason ?? null,
    })),
  };
}

/** REGULATOR: the resident population of an area (null = the whole city) in a year. */
export async function setPopulation(ctx: ServiceContext, year: number, county: County | null | undefined, population: number): Promise<boolean> {
  const viewer = await requireRegulator(ctx);
  validYear('year', year, (await figuresSnapshot()).plans);
  v.intInRange('population', population, 1, 1_000_000_000);
  const area = county ?? null;
  await withLock(`Population:${year}:${area ?? 'CITY'}`, () =>
    Population.updateOne({ year, county: area }, { $set: { population, setBy: viewer.userId, demo: false } }, { upsert: true }),
  );
  await touchFigures();
  return true;
}

export interface AuditRow {
  code: LedgerCode;
  county: County | null;
  live: number;
  recomputed: number;
  consistent: boolean;
}

/**
 * REGULATOR: the ledger's figures for the end of `year` next to a recomputation from the records
 * (ledger units: counts, fen for the pledge amount, valid invention patents for the per-10k
 * indicator), for the city and each county, per ledger series. Reads whole collections: an audit,
 * not a dashboard.
 */
export async function indicatorAudit(ctx: ServiceContext, year: number): Promise<{ year: number; consistent: boolean; rows: AuditRow[] }> {
  await requireRegulator(ctx);
  validYear('year', year, (await figuresSnapshot()).plans);
  const [ledger, recomputed] = await Promise.all([
    IndicatorDelta.find({ year: { $lte: year } }, { code: 1, year: 1, county: 1, amount: 1 }).lean(),
    computeFromRecords(year),
  ]);
  const rows: AuditRow[] = [];
  for (const code of LEDGER_CODES) {
    const def = { code, ledger: LEDGER_SERIES[code] };
    let liveCity = 0;
    let recomputedCity = 0;
    const countyRows: AuditRow[] = [];
    for (const county of COUNTIES) {
      const live = ledgerAmounts(def, ledger.filter((r) => r.county === county), year, Math.min(FIRST_YEAR, year)).get(year) ?? 0;
      const again = recomputed[code][county];
      liveCity += live;
      recomputedCity += again;
      countyRows.push({ code, county, live, recomputed: again, consistent: live === again });
    }
    rows.push({ code, county: null, live: liveCity, recomputed: recomputedCity, consistent: liveCity === recomputedCity }, ...countyRows);
  }
  return { year, consistent: rows.every((r) => r.consistent), rows };
}
