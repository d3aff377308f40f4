import type { Resolvers } from '../schema/generated/types';
import * as saved from '../services/savedSearches';

export const savedSearchResolvers: Resolvers = {
  Query: {
    savedSearches: (_p, _a, ctx) => saved.mySavedSearches(ctx),
  },
  Mutation: {
    saveSearch: (_p, { name, filter }, ctx) => saved.saveSearch(ctx, name, filter),
    deleteSavedSearch: (_p, { id }, ctx) => saved.deleteSavedSearch(ctx, id),
  },
  SavedSearch: {
    id: (s) => String(s._id),
    filter: (s) => s.filter as never,
  },
};
