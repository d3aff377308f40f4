import type { Resolvers } from '../schema/generated/types';
import * as indicators from '../services/indicators';

export const indicatorResolvers: Resolvers = {
  Query: {
    planIndicators: (_p, { year, county }, ctx) => indicators.planIndicators(ctx, year, county ?? null),
    indicatorAudit: (_p, { year }, ctx) => indicators.indicatorAudit(ctx, year),
  },
  Mutation: {
    reportOfficialStatistic: (_p, { code, year, county, value }, ctx) =>
      indicators.reportOfficialStatistic(ctx, { code, year, county: county ?? null, value }),
    setPopulation: (_p, { year, county, population }, ctx) => indicators.setPopulation(ctx, year, county ?? null, population),
  },
};
