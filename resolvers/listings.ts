import { openLicenceOffer } from '../services/listings/openLicenceTerms';
import { todayInShanghai } from '../services/rules/calendar';
import { listingSuspension } from '../services/deals/suspension';
import type { Resolvers } from '../schema/generated/types';
import * as listings from '../services/listings';
import * as inquiries from '../services/listings/inquiries';
import { searchListings } from '../services/listings/search';

export const listingResolvers: Resolvers = {
  Query: {
    listing: (_p, { id }, ctx) => listings.getListing(ctx, id),
    listings: (_p, args, ctx) => searchListings(ctx, args),
    inquiries: (_p, { listingId }, ctx) => inquiries.myInquiries(ctx, listingId),
  },
  Mutation: {
    createListing: (_p, { input }, ctx) => listings.createListing(ctx, input),
    publishListing: (_p, { id }, ctx) => listings.publishListing(ctx, id),
    withdrawListing: (_p, { id }, ctx) => listings.withdrawListing(ctx, id),
    sendInquiry: (_p, { listingId, dealType, message }, ctx) => inquiries.sendInquiry(ctx, listingId, dealType, message),
    replyToInquiry: (_p, { inquiryId, message }, ctx) => inquiries.replyToInquiry(ctx, inquiryId, message),
  },
  Listing: {
    id: (l) => String(l._id),
    asset: async (l, _x, ctx) => (await ctx.loaders.ipAssetRead.load(l.asset))!, // read-only (services/loaders.ts)
    holder: async (l, _x, ctx) => (await ctx.loaders.organizationRead.load(l.holder))!,
    modes: (l) => l.modes as never,
    licenseTypes: (l) => l.licenseTypes as never,
    history: (l) => l.history as never,
    suspended: async (l, _x, ctx) => listingSuspension(l, await ctx.loaders.ipAsset.load(l.asset)) !== null,
    suspendedReason: async (l, _x, ctx) => listingSuspension(l, await ctx.loaders.ipAsset.load(l.asset)),
    openLicence: async (l, _x, ctx) =>
      openLicenceOffer(l as never, (await ctx.loaders.ipAsset.load(l.asset))?.expiresOn ?? null, todayInShanghai()) as never,
  },
  ListingConnection: {
    edges: async (r) => (await r.page()).edges,
    pageInfo: async (r) => (await r.page()).pageInfo,
    totalCount: (r) => r.totalCount(),
    facets: (r) => r.facets(),
  },
  Inquiry: {
    id: (i) => String(i._id),
    listing: async (i, _x, ctx) => (await ctx.loaders.listing.load(i.listing))!,
    from: async (i, _x, ctx) => (await ctx.loaders.organizationRead.load(i.from))!,
    dealType: (i) => i.dealType as never,
    messages: (i) => i.messages,
  },
  InquiryMessage: {
    author: async (m, _x, ctx) => (await ctx.loaders.organizationRead.load(m.author))!,
  },
  StatusChange: {
    by: (h, _x, ctx) => (h.by ? ctx.loaders.user.load(h.by) : null),
  },
};
