// Plans as data (issue 13): the 2021-2025 plan seeded from its table, plans created, edited and
// published by the REGULATOR with history, and the plan in force for a year.
import { Types } from 'mongoose';
import { Plan } from '../../models/plan';
import type { ServiceContext } from '../context';
import { isRegulator, requireRegulator } from '../authz';
import { withLock, updateOneDoc } from '../atomic';
import { badInput, conflict, isDuplicateKey, notFound } from '../errors';
import { recordAudit } from '../audit';
import { tryParseId } from '../ids';
import * as v from '../validate';
import {
  COMPUTATIONS, SEED_PLAN, INDICATORS, isComputation, clean,
  type Binding, type Goal, type IndicatorDefinition, type IndicatorKind,
} from './definitions';
import { figuresSnapshot, touchFigures } from './store';

/** A plan as stored (lean). */
export interface PlanIndicatorRow {
  code: string;
  computation: string;
  name: string;
  nameEn?: string | null;
  unit: string;
  baselineYear: number;
  baseline: number;
  target: number;
  binding: Binding;
  goal?: Goal | null;
}
export interface PlanChangeRow {
  at: Date;
  by?: Types.ObjectId | null;
  action: string;
  indicatorCode?: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
  reason?: string | null;
}
export interface PlanRow {
  _id: Types.ObjectId;
  title: string;
  issuer: string;
  firstYear: number;
  lastYear: number;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt?: Date | null;
  indicators: PlanIndicatorRow[];
  history?: PlanChangeRow[];
  seedKey?: string | null;
  revision?: number;
}

/** The seed plan's fixed id: loading it is one idempotent upsert, safe for several instances. */
export const SEED_PLAN_ID = new Types.ObjectId('00000000000000000000a021');

/** The plan's indicators resolved against their computations, in the plan's order. */
export function definitionsOf(plan: Pick<PlanRow, 'lastYear' | 'indicators'>): IndicatorDefinition[] {
  return plan.indicators.map((ind, i) => {
    const c = COMPUTATIONS[ind.computation as keyof typeof COMPUTATIONS];
    return {
      code: c.code, planCode: ind.code, order: i + 1, name: ind.name, nameEn: ind.nameEn ?? c.nameEn, unit: ind.unit,
      scale: c.units[ind.unit] ?? Object.values(c.units)[0]!, kind: c.kind, series: c.series, ledger: c.ledger, integer: c.integer,
      baselineYear: ind.baselineYear, baseline: ind.baseline, targetYear: plan.lastYear, target: ind.target, binding: ind.binding, goal: ind.goal ?? 'PROGRESS',
    };
  });
}

/** The seed plan's document content (from definitions.ts SEED_PLAN / INDICATORS, the plan's table). */
function seedPlanDoc() {
  return {
    title: SEED_PLAN.title,
    issuer: SEED_PLAN.issuer,
    firstYear: SEED_PLAN.firstYear,
    lastYear: SEED_PLAN.lastYear,
    status: 'PUBLISHED',
    publishedAt: new Date(),
    seedKey: SEED_PLAN.seedKey,
    revision: 0,
    indicators: INDICATORS.map((d) => ({
      code: d.planCode, computation: d.code, name: d.name, nameEn: d.nameEn, unit: d.unit, baselineYear: d.baselineYear,
      baseline: d.baseline, target: d.target, binding: d.binding, goal: d.goal,
    })),
    history: [{ at: new Date(), by: null, action: 'CREATE', changes: [], reason: 'loaded from the plan text (主要指标 table)' }],
  };
}

/** At start-up: the 2021-2025 plan, once (a plan the office edited since is left as it is). */
export async function loadSeedPlan(): Promise<void> {
  try {
    await Plan.collection.updateOne({ _id: SEED_PLAN_ID }, { $setOnInsert: seedPlanDoc() }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * The plan measuring `year` among `plans` (published only, unless a draft is chosen by id): the one
 * whose period contains it; before every period, the first plan (its baseline years); after every
 * period, the last plan (its targets are the levels to keep).
 */
export function planForYear<P extends Pick<PlanRow, 'firstYear' | 'lastYear' | 'status'>>(plans: P[], year: number): P | null {
  const published = plans.filter((p) => p.status === 'PUBLISHED').sort((a, b) => a.firstYear - b.firstYear);
  if (published.length === 0) return null;
  return (
    published.find((p) => p.firstYear <= year && year <= p.lastYear) ??
    published.find((p) => p.firstYear > year) ??
    published[published.length - 1]!
  );
}

/** The plan a request asks for: by id (drafts for the REGULATOR only), else the one for the year. */
export async function choosePlan(ctx: ServiceContext | null, plans: PlanRow[], planId: string | null | undefined, year: number): Promise<PlanRow> {
  if (planId) {
    const id = tryParseId(planId);
    const plan = id && plans.find((p) => p._id.equals(id));
    if (!plan || (plan.status !== 'PUBLISHED' && !(ctx && (await isRegulator(ctx))))) throw notFound('Plan', planId);
    return plan;
  }
  const plan = planForYear(plans, year);
  if (!plan) throw notFound('A published plan');
  return plan;
}

// ---------- input ----------

export interface PlanIndicatorInput {
  code?: string | null;
  computation: string;
  name: string;
  nameEn?: string | null;
  unit?: string | null;
  kind?: IndicatorKind | null;
  baselineYear: number;
  baseline: number;
  target: number;
  binding: Binding;
  goal?: Goal | null;
}
export interface CreatePlanInput {
  title: string;
  issuer: string;
  firstYear: number;
  lastYear: number;
  indicators: PlanIndicatorInput[];
}

const CODE_RE = /^[A-Z][A-Z0-9_]{0,59}$/;

function finiteNumber(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw badInput(field, 'must be a number >= 0');
  return clean(value);
}

/** Checks one indicator against the plan's period; returns what is stored. */
function checkIndicator(field: string, ind: PlanIndicatorInput, period: { firstYear: number; lastYear: number }): PlanIndicatorRow {
  if (!isComputation(ind.computation)) {
    throw badInput(`${field}.computation`, `unknown computation ${ind.computation}; known: ${Object.keys(COMPUTATIONS).join(', ')}`);
  }
  const c = COMPUTATIONS[ind.computation];
  const code = (ind.code ?? c.code).trim();
  if (!CODE_RE.test(code)) throw badInput(`${field}.code`, 'must be 1-60 characters A-Z, 0-9 and _ starting with a letter');
  const unit = ind.unit?.trim() || Object.keys(c.units)[0]!;
  if (!(unit in c.units)) throw badInput(`${field}.unit`, `${c.code} is measured in ${Object.keys(c.units).join(' or ')}`);
  if (ind.kind && ind.kind !== c.kind) throw badInput(`${field}.kind`, `${c.code} is ${c.kind}`);
  v.intInRange(`${field}.baselineYear`, ind.baselineYear, period.firstYear - 1, period.lastYear - 1);
  const baseline = finiteNumber(`${field}.baseline`, ind.baseline);
  const target = finiteNumber(`${field}.target`, ind.target);
  const goal = ind.goal ?? 'PROGRESS';
  if (goal === 'PROGRESS' && baseline === target) {
    throw badInput(`${field}.target`, `equals the baseline (${baseline}): a progress indicator needs a target different from its baseline (use goal FLOOR to keep a level)`);
  }
  return {
    code, computation: c.code, name: v.text(`${field}.name`, ind.name, { max: 100 }), nameEn: v.optionalText(`${field}.nameEn`, ind.nameEn, 200),
    unit, baselineYear: ind.baselineYear, baseline, target, binding: ind.binding, goal,
  };
}

function overlapping(plans: Pick<PlanRow, '_id' | 'title' | 'firstYear' | 'lastYear' | 'status'>[], firstYear: number, lastYear: number, except?: Types.ObjectId) {
  return plans.find((p) => p.status === 'PUBLISHED' && !(except && p._id.equals(except)) && p.firstYear <= lastYear && firstYear <= p.lastYear);
}

const PUBLISH_LOCK = 'Plan:publish';

/** REGULATOR: a new DRAFT plan. Every field is checked before anything is written. */
export async function createPlan(ctx: ServiceContext, input: CreatePlanInput): Promise<PlanRow> {
  const viewer = await requireRegulator(ctx);
  const title = v.text('input.title', input.title, { max: 200 });
  const issuer = v.text('input.issuer', input.issuer, { max: 200 });
  v.intInRange('input.firstYear', input.firstYear, 2000, 2100);
  v.intInRange('input.lastYear', input.lastYear, input.firstYear, input.firstYear + 9);
  const overlapCheck = async () => {
    const clash = overlapping((await figuresSnapshot()).plans, input.firstYear, input.lastYear);
    if (clash) {
      throw badInput('input.firstYear', `the period ${input.firstYear}-${input.lastYear} overlaps the published plan ${clash.title} (${clash.firstYear}-${clash.lastYear})`);
    }
  };
  await overlapCheck(); // the period first, then its indicators
  if (input.indicators.length < 1 || input.indicators.length > 40) throw badInput('input.indicators', 'must list 1 to 40 indicators');
  const indicators = input.indicators.map((ind, i) => checkIndicator(`input.indicators[${i}]`, ind, input));
  indicators.forEach((ind, i) => {
    if (indicators.findIndex((o) => o.code === ind.code) !== i) throw badInput(`input.indicators[${i}].code`, `${ind.code} appears twice`);
    if (indicators.findIndex((o) => o.computation === ind.computation) !== i) {
      throw badInput(`input.indicators[${i}].computation`, `${ind.computation} appears twice: one indicator per computation`);
    }
  });
  return withLock(PUBLISH_LOCK, async () => {
    await overlapCheck(); // again, under the lock publishPlan takes
    const doc = await Plan.create({
      title, issuer, firstYear: input.firstYear, lastYear: input.lastYear, status: 'DRAFT', indicators, revision: 0,
      history: [{ at: new Date(), by: viewer.userId, action: 'CREATE', changes: [], reason: null }],
    });
    await touchFigures();
    await recordAudit(ctx, {
      kind: 'EDIT_PLAN', targetType: 'Plan', targetId: String(doc._id),
      summary: `created the draft plan ${title} (${input.firstYear}-${input.lastYear}) with ${indicators.length} indicators`,
      details: { action: 'CREATE', indicators: indicators.map((i) => i.code) },
    });
    return doc.toObject() as unknown as PlanRow;
  });
}

export interface PlanIndicatorPatch {
  name?: string | null;
  nameEn?: string | null;
  unit?: string | null;
  baselineYear?: number | null;
  baseline?: number | null;
  target?: number | null;
  binding?: Binding | null;
  goal?: Goal | null;
}

const GUARDED_FIELDS = ['baselineYear', 'baseline', 'target', 'goal'] as const;

async function loadPlan(planId: string): Promise<PlanRow> {
  const id = tryParseId(planId);
  const plan = id && ((await Plan.findById(id).lean()) as unknown as PlanRow | null);
  if (!plan) throw notFound('Plan', planId);
  return plan;
}

/**
 * REGULATOR: changes one indicator of a plan, recording each changed field (before, after) in the
 * plan's history. A published plan's baselines and targets change only with a reason.
 */
export async function updatePlanIndicator(
  ctx: ServiceContext,
  planId: string,
  code: string,
  patch: PlanIndicatorPatch,
  reason: string | null | undefined,
): Promise<PlanRow> {
  const viewer = await requireRegulator(ctx);
  const why = v.optionalText('reason', reason, 2000);
  const plan = await loadPlan(planId);
  const index = plan.indicators.findIndex((i) => i.code === code);
  if (index < 0) throw badInput('code', `the plan has no indicator ${code} (it has ${plan.indicators.map((i) => i.code).join(', ')})`);
  const current = plan.indicators[index]!;
  const merged: PlanIndicatorInput = {
    code: current.code, computation: current.computation, kind: null,
    name: patch.name ?? current.name,
    nameEn: patch.nameEn === undefined ? current.nameEn : patch.nameEn,
    unit: patch.unit ?? current.unit,
    baselineYear: patch.baselineYear ?? current.baselineYear,
    baseline: patch.baseline ?? current.baseline,
    target: patch.target ?? current.target,
    binding: patch.binding ?? current.binding,
    goal: patch.goal ?? current.goal ?? 'PROGRESS',
  };
  const next = checkIndicator('patch', merged, plan);
  const changes = (Object.keys(next) as (keyof PlanIndicatorRow)[])
    .filter((k) => (next[k] ?? null) !== ((current as unknown as Record<string, unknown>)[k] ?? null))
    .map((k) => ({ field: k, before: (current as unknown as Record<string, unknown>)[k] ?? null, after: next[k] ?? null }));
  if (changes.length === 0) return plan;
  if (plan.status === 'PUBLISHED' && !why && changes.some((c) => (GUARDED_FIELDS as readonly string[]).includes(c.field))) {
    throw badInput('reason', 'the plan is published: a change of its baselines or targets needs a reason, kept in its history');
  }
  const indicators = plan.indicators.map((ind, i) => (i === index ? next : ind));
  const updated = await updateOneDoc<PlanRow>(
    Plan,
    { _id: plan._id, revision: plan.revision ?? 0 },
    {
      $set: { indicators, revision: (plan.revision ?? 0) + 1 },
      $push: { history: { at: new Date(), by: viewer.userId, action: 'UPDATE_INDICATOR', indicatorCode: code, changes, reason: why } },
    },
  );
  if (!updated) throw conflict('The plan was changed meanwhile; read it again and retry');
  await touchFigures();
  await recordAudit(ctx, {
    kind: 'EDIT_PLAN', targetType: 'Plan', targetId: String(plan._id), reason: why,
    summary: `changed ${code} of ${plan.title}: ${changes.map((c) => `${c.field} ${String(c.before)} -> ${String(c.after)}`).join('; ')}`,
    details: { action: 'UPDATE_INDICATOR', code, changes },
  });
  return (await Plan.findById(plan._id).lean()) as unknown as PlanRow;
}

/** REGULATOR: publishes a draft; its period must not overlap another published plan. */
export async function publishPlan(ctx: ServiceContext, planId: string): Promise<PlanRow> {
  const viewer = await requireRegulator(ctx);
  const plan = await loadPlan(planId);
  if (plan.status === 'PUBLISHED') throw conflict('The plan is already published');
  return withLock(PUBLISH_LOCK, async () => {
    const plans = (await Plan.find({ status: 'PUBLISHED' }, { title: 1, firstYear: 1, lastYear: 1, status: 1 }).lean()) as unknown as PlanRow[];
    const clash = overlapping(plans, plan.firstYear, plan.lastYear, plan._id);
    if (clash) throw conflict(`The period ${plan.firstYear}-${plan.lastYear} overlaps the published plan ${clash.title} (${clash.firstYear}-${clash.lastYear})`, { planId: String(clash._id) });
    const updated = await updateOneDoc<PlanRow>(
      Plan,
      { _id: plan._id, status: 'DRAFT' },
      {
        $set: { status: 'PUBLISHED', publishedAt: new Date(), revision: (plan.revision ?? 0) + 1 },
        $push: { history: { at: new Date(), by: viewer.userId, action: 'PUBLISH', changes: [{ field: 'status', before: 'DRAFT', after: 'PUBLISHED' }], reason: null } },
      },
    );
    if (!updated) throw conflict('The plan was changed meanwhile; read it again and retry');
    await touchFigures();
    await recordAudit(ctx, {
      kind: 'EDIT_PLAN', targetType: 'Plan', targetId: String(plan._id),
      summary: `published the plan ${plan.title} (${plan.firstYear}-${plan.lastYear})`, details: { action: 'PUBLISH' },
    });
    return (await Plan.findById(plan._id).lean()) as unknown as PlanRow;
  });
}

/** Published plans for everyone; drafts too for the REGULATOR. Oldest period first. */
export async function listPlans(ctx: ServiceContext | null): Promise<PlanRow[]> {
  const all = (await Plan.find({}).sort({ firstYear: 1, _id: 1 }).lean()) as unknown as PlanRow[];
  const regulator = ctx ? await isRegulator(ctx) : false;
  return all.filter((p) => p.status === 'PUBLISHED' || regulator);
}

/** One plan (with its history); a draft is visible to the REGULATOR only. */
export async function getPlan(ctx: ServiceContext | null, planId: string): Promise<PlanRow> {
  const plan = await loadPlan(planId);
  if (plan.status !== 'PUBLISHED' && !(ctx && (await isRegulator(ctx)))) throw notFound('Plan', planId);
  return plan;
}
