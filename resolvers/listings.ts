import type { Resolvers } from '../schema/generated/types';
import * as listings from '../services/listings';

export const listingResolvers: Resolvers = {
  Query: {
    listing: (_p, { id }, ctx) => listings.getListing(ctx, id),
  },
  Mutation: {
    createListing: (_p, { input }, ctx) => listings.createListing(ctx, input),
    publishListing: (_p, { id }, ctx) => listings.publishListing(ctx, id),
    withdrawListing: (_p, { id }, ctx) => listings.withdrawListing(ctx, id),
  },
  Listing: {
    id: (l) => String(l._id),
    asset: async (l, _x, ctx) => (await ctx.loaders.ipAsset.load(l.asset))!,
    holder: async (l, _x, ctx) => (await ctx.loaders.organization.load(l.holder))!,
    modes: (l) => l.modes as never,
    licenseTypes: (l) => l.licenseTypes as never,
    history: (l) => l.history as never,
  },
  StatusChange: {
    by: (h, _x, ctx) => (h.by ? ctx.loaders.user.load(h.by) : null),
  },
};
