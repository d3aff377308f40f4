// Technology needs (issue 18; services/needs). Also replaces Inquiry.from and InquiryMessage.author
// (resolvers/listings.ts): a thread answering a need whose owner hides its name shows an anonymous
// organization to the holder until the owner writes in it (services/needs/answers.ts maskedOwner).
import type { Resolvers } from '../schema/generated/types';
import * as needs from '../services/needs';
import { answerNeed, answersOf, maskedOwner } from '../services/needs/answers';
import { searchNeeds } from '../services/needs/search';
import { suggestedListings, suggestedNeeds } from '../services/matching';
import { TechnologyNeed } from '../models/technologyNeed';

export const needResolvers: Resolvers = {
  Query: {
    technologyNeed: (_p, { id }, ctx) => needs.getNeed(ctx, id),
    technologyNeeds: (_p, args, ctx) => searchNeeds(ctx, args),
    suggestedListings: (_p, { needId, first }, ctx) => suggestedListings(ctx, needId, first),
    suggestedNeeds: (_p, { listingId, first }, ctx) => suggestedNeeds(ctx, listingId, first),
  },
  Mutation: {
    createTechnologyNeed: (_p, { input }, ctx) => needs.createNeed(ctx, input),
    publishTechnologyNeed: (_p, { id }, ctx) => needs.publishNeed(ctx, id),
    closeTechnologyNeed: (_p, { id, reason, note }, ctx) => needs.closeNeed(ctx, id, reason, note),
    answerTechnologyNeed: (_p, { needId, listingId, message, dealType }, ctx) => answerNeed(ctx, needId, listingId, message, dealType),
  },
  TechnologyNeed: {
    id: (n) => String(n._id),
    // services/visibility.ts FIELD_RULES 'TechnologyNeed.owner' returns null when the name is hidden from the caller
    owner: async (n, _x, ctx) => (await ctx.loaders.organization.load(n.owner))!,
    nameHidden: (n) => !!n.hideName,
    industries: (n) => n.industries as never,
    dealTypes: (n) => n.dealTypes as never,
    status: (n) => n.status as never,
    closeReason: (n) => (n.closeReason ?? null) as never,
    history: (n) => n.history as never,
    answers: (n, _x, ctx) => answersOf(ctx, n),
  },
  Inquiry: {
    needs: async (i, _x, ctx) => (await Promise.all((i.needs ?? []).map((id) => needs.getNeed(ctx, String(id))))).filter((n) => n !== null),
    from: async (i, _x, ctx) => (await maskedOwner(ctx, i)) ?? (await ctx.loaders.organization.load(i.from))!,
    messages: async (i, _x, ctx) => {
      const mask = await maskedOwner(ctx, i);
      return mask ? i.messages.map((m) => (String(m.author) === String(i.from) ? Object.assign(Object.create(m), { maskedAuthor: mask }) : m)) : i.messages;
    },
  },
  InquiryMessage: {
    author: async (m, _x, ctx) => (m as { maskedAuthor?: never }).maskedAuthor ?? (await ctx.loaders.organization.load(m.author))!,
  },
};

export { TechnologyNeed };
