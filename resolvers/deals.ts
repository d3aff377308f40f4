import { pledgeeConsentState } from '../services/deals/consentState';
import type { Resolvers } from '../schema/generated/types';
import * as deals from '../services/deals';
import { payDeal } from '../services/payments/payDeal';

export const dealResolvers: Resolvers = {
  Query: {
    deal: (_p, { id }, ctx) => deals.getDeal(ctx, id),
    myDeals: (_p, { status, first, after }, ctx) => deals.myDeals(ctx, status, first, after),
  },
  Mutation: {
    proposeDeal: (_p, { input }, ctx) => deals.proposeDeal(ctx, input),
    acceptDeal: (_p, { id }, ctx) => deals.acceptDeal(ctx, id),
    cancelDeal: (_p, { id, reason }, ctx) => deals.cancelDeal(ctx, id, reason),
    payDeal: (_p, { id }, ctx) => payDeal(ctx, id),
  },
  Deal: {
    id: (d) => String(d._id),
    listing: async (d, _x, ctx) => (await ctx.loaders.listing.load(d.listing))!,
    asset: async (d, _x, ctx) => (await ctx.loaders.ipAsset.load(d.asset))!,
    buyer: async (d, _x, ctx) => (await ctx.loaders.organization.load(d.buyer))!,
    seller: async (d, _x, ctx) => (await ctx.loaders.organization.load(d.seller))!,
    type: (d) => d.type as 'LICENSE' | 'TRANSFER',
    licenseType: (d) => (d.licenseType ?? null) as never,
    status: (d) => d.status as never,
    history: (d) => d.history as never,
    license: (d, _x, ctx) => deals.licenseOfDeal(ctx, d),
    cancelledBy: (d) => (d.cancelledBy ?? null) as never,
    pledgeeConsent: (d, _x, ctx) => pledgeeConsentState(ctx, d),
  },
  // Replaces the assets domain's placeholder: the deal behind a licence, for that deal's parties.
  License: {
    deal: (l, _x, ctx) => deals.dealOfLicense(ctx, l),
  },
};
