import type { Resolvers } from '../schema/generated/types';
import * as identity from '../services/identity';
import * as organizations from '../services/organizations';
import { addYears } from '../services/rules/calendar';
import { IP_ADVANTAGE_VALID_YEARS } from '../services/organizations';

export const identityResolvers: Resolvers = {
  Query: {
    me: (_p, _a, ctx) => identity.me(ctx),
    organization: (_p, { id }, ctx) => organizations.getOrganization(ctx, id),
  },
  Mutation: {
    register: (_p, { input }, ctx) => identity.register(ctx, input),
    login: (_p, { email, password }, ctx) => identity.login(ctx, email, password),
    verifyOrganization: (_p, { id }, ctx) => organizations.verifyOrganization(ctx, id),
    certifyIpAdvantage: (_p, { organizationId, level, certifiedOn }, ctx) =>
      organizations.certifyIpAdvantage(ctx, organizationId, level, certifiedOn),
  },
  User: {
    id: (u) => String(u._id),
    organization: async (u, _a, ctx) => {
      const org = await ctx.loaders.organization.load(u.organization);
      if (!org) throw new Error(`user ${String(u._id)} has no organization`);
      return org;
    },
  },
  Organization: {
    id: (o) => String(o._id),
    ipAdvantage: (o) =>
      o.ipAdvantage
        ? {
            level: o.ipAdvantage.level,
            certifiedOn: o.ipAdvantage.certifiedOn,
            expiresOn: o.ipAdvantage.expiresOn ?? addYears(o.ipAdvantage.certifiedOn, IP_ADVANTAGE_VALID_YEARS),
          }
        : null,
  },
};
