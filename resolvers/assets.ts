import type { Resolvers } from '../schema/generated/types';
import * as assets from '../services/assets';
import { assetHighValueReasons, assetRemainingYears, assetStatus } from '../services/assets/views';

export const assetResolvers: Resolvers = {
  Query: {
    ipAsset: (_p, { id }, ctx) => assets.getIpAsset(ctx, id),
    myAssets: (_p, { first, after }, ctx) => assets.myAssets(ctx, first, after),
  },
  Mutation: {
    createIpAsset: (_p, { input }, ctx) => assets.createIpAsset(ctx, input),
  },
  IpAsset: {
    id: (a) => String(a._id),
    owner: async (a, _x, ctx) => (await ctx.loaders.organizationRead.load(a.owner))!, // read-only (services/loaders.ts)
    legalStatus: (a) => assetStatus(a),
    industries: (a) => a.industries as never,
    highValueReasons: (a) => assetHighValueReasons(a),
    highValue: (a) => assetHighValueReasons(a).length > 0,
    remainingYears: (a) => assetRemainingYears(a),
    licenses: (a, _x, ctx) => ctx.loaders.licensesByAsset.load(a._id),
    pledged: (a) => !!a.pledge,
    activePledge: (a, _x, ctx) => (a.pledge ? ctx.loaders.pledgeRegistration.load(a.pledge.registration) : null),
  },
  License: {
    id: (l) => String(l._id),
    asset: async (l, _x, ctx) => (await ctx.loaders.ipAsset.load(l.asset))!,
    licensee: async (l, _x, ctx) => (await ctx.loaders.organization.load(l.licensee))!,
    deal: () => null, // replaced by the deals domain
  },
};
