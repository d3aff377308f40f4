// Saved searches (issue 18 point 3): a user names a ListingFilter; alerts.ts tells them once of
// each listing published afterwards that matches it. Only the user sees or deletes their own.
import { Types } from 'mongoose';
import { SavedSearch, type SavedSearchDoc } from '../../models/savedSearch';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { badInput, conflict, notFound } from '../errors';
import { tryParseId } from '../ids';
import { todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { compileFilter, type ListingFilterInput } from '../listings/search';

export const MAX_SAVED_SEARCHES = 20;

const FILTER_KEYS = ['text', 'kinds', 'modes', 'industries', 'counties', 'holderKinds', 'classPrefix', 'highValueOnly', 'maxPrice', 'minRemainingYears', 'holderName'] as const;

/** The filter as stored: the given keys only (no nulls), validated as the search validates it. */
async function storedFilter(ctx: ServiceContext, f: ListingFilterInput): Promise<Record<string, unknown>> {
  if (f.mine) throw badInput('filter.mine', 'a saved search watches published listings; mine cannot be saved');
  await compileFilter(ctx, f, todayInShanghai()); // BAD_USER_INPUT naming filter.<field>
  const out: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    const value = f[k];
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) out[k] = value;
  }
  if (Object.keys(out).length === 0) throw badInput('filter', 'name at least one condition: an empty filter matches every listing');
  return out;
}

export async function saveSearch(ctx: ServiceContext, name: string, filter: ListingFilterInput): Promise<SavedSearchDoc> {
  const { viewer, org } = await requireOrg(ctx);
  const cleanName = v.text('name', name, { min: 1, max: 100 });
  const stored = await storedFilter(ctx, filter);
  const user = new Types.ObjectId(viewer.userId);
  if ((await SavedSearch.countDocuments({ user })) >= MAX_SAVED_SEARCHES) throw conflict(`You have ${MAX_SAVED_SEARCHES} saved searches; delete one first`);
  return SavedSearch.create({ user, organization: org._id, name: cleanName, filter: stored });
}

export async function mySavedSearches(ctx: ServiceContext): Promise<SavedSearchDoc[]> {
  const { viewer } = await requireOrg(ctx);
  return SavedSearch.find({ user: new Types.ObjectId(viewer.userId) }).sort({ createdAt: -1, _id: -1 });
}

/** Deletes one of the caller's saved searches; anyone else's (or a missing one) is NOT_FOUND. */
export async function deleteSavedSearch(ctx: ServiceContext, id: string): Promise<boolean> {
  const { viewer } = await requireOrg(ctx);
  const oid = tryParseId(id);
  const res = oid ? await SavedSearch.deleteOne({ _id: oid, user: new Types.ObjectId(viewer.userId) }) : { deletedCount: 0 };
  if (res.deletedCount !== 1) throw notFound('SavedSearch', id);
  return true;
}
