import type { Resolvers } from '../schema/generated/types';
import * as indicators from '../services/indicators';
import * as plans from '../services/indicators/plans';
import { planEvaluation } from '../services/indicators/planEvaluation';
import { COMPUTATIONS, COMPUTATION_CODES, type ComputationCode } from '../services/indicators/definitions';

const computationOf = (code: string) => COMPUTATIONS[code as ComputationCode];
const asText = (x: unknown) => (x === null || x === undefined ? null : typeof x === 'string' ? x : JSON.stringify(x));

export const indicatorResolvers: Resolvers = {
  Query: {
    planIndicators: (_p, { year, county, plan }, ctx) => indicators.planIndicators(ctx, year, county ?? null, plan ?? null),
    indicatorAudit: (_p, { year }, ctx) => indicators.indicatorAudit(ctx, year),
    plans: (_p, _a, ctx) => plans.listPlans(ctx),
    plan: (_p, { id }, ctx) => plans.getPlan(ctx, id),
    planEvaluation: (_p, { planId }, ctx) => planEvaluation(ctx, planId),
    indicatorComputations: () =>
      COMPUTATION_CODES.map((code) => {
        const c = COMPUTATIONS[code];
        return { code, name: c.name, nameEn: c.nameEn, kind: c.kind, units: Object.keys(c.units), definition: c.definition };
      }),
    officialStatistic: (_p, { code, year, county }, ctx) => indicators.officialStatistic(ctx, code, year, county ?? null),
  },
  Mutation: {
    reportOfficialStatistic: (_p, { code, year, county, value }, ctx) =>
      indicators.reportOfficialStatistic(ctx, { code, year, county: county ?? null, value }),
    withdrawOfficialStatistic: (_p, { code, year, county, reason }, ctx) =>
      indicators.withdrawOfficialStatistic(ctx, { code, year, county: county ?? null }, reason),
    setPopulation: (_p, { year, county, population }, ctx) => indicators.setPopulation(ctx, year, county ?? null, population),
    createPlan: (_p, { input }, ctx) => plans.createPlan(ctx, input),
    updatePlanIndicator: (_p, { planId, code, patch, reason }, ctx) => plans.updatePlanIndicator(ctx, planId, code, patch, reason),
    publishPlan: (_p, { id }, ctx) => plans.publishPlan(ctx, id),
  },
  Plan: {
    id: (p) => String(p._id),
    history: (p) => p.history ?? [],
    indicators: (p) => p.indicators.map((i) => ({ ...i, targetYear: p.lastYear })),
  },
  PlanIndicator: {
    nameEn: (i) => i.nameEn ?? computationOf(i.computation).nameEn,
    kind: (i) => computationOf(i.computation).kind,
    computation: (i) => i.computation as ComputationCode,
    targetYear: (i) => (i as typeof i & { targetYear: number }).targetYear,
    goal: (i) => i.goal ?? 'PROGRESS',
    definition: (i) => computationOf(i.computation).definition,
  },
  PlanChange: {
    by: (c) => (c.by ? String(c.by) : null),
    changes: (c) => c.changes.map((x) => ({ field: x.field, before: asText(x.before), after: asText(x.after) })),
  },
  PlanEvaluation: {
    indicators: (e) => e.indicators,
  },
  PlanEvaluationIndicator: {
    indicator: (x) => x,
  },
};
