// Valuation by an appraiser (issue 16, point 5): thin mapping onto services/financing/appraisal.ts.
import type { Resolvers } from '../schema/generated/types';
import * as financing from '../services/financing';

export const appraisalResolvers: Resolvers = {
  Query: {
    valuationRequests: (_p, { confirmed, first, after }, ctx) => financing.listValuationRequests(ctx, confirmed, first, after),
  },
  Mutation: {
    confirmValuationReport: (_p, { input }, ctx) => financing.confirmValuationReport(ctx, input),
  },
  PledgeApplication: {
    appraiser: (a, _x, ctx) => (a.appraiser ? ctx.loaders.organization.load(a.appraiser) : null),
    valuationReport: (a) => financing.reportView(a),
  },
  ValuationReport: {
    appraiser: async (r, _x, ctx) => (await ctx.loaders.organization.load(r.appraiser))!,
    method: (r) => r.method as never,
    confirmedBy: (r, _x, ctx) => (r.confirmedBy ? ctx.loaders.user.load(r.confirmedBy) : null),
  },
  AssetValue: {
    asset: (v, _x, ctx) => ctx.loaders.ipAsset.load(v.asset),
  },
};
