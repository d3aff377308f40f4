// suggestedListings(needId, first) and suggestedNeeds(listingId, first): the candidates of the
// other side, scored by score.ts with their reasons, best first. Candidates: the published
// listings of the search snapshot (or the mirrored collection above its bound), not the need
// owner's own; the OPEN needs whose deadline has not passed, not the listing holder's own.
import { Listing, type ListingDoc } from '../../models/listing';
import { TechnologyNeed, type TechnologyNeedDoc } from '../../models/technologyNeed';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { parseId } from '../ids';
import { todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { canSeeListing } from '../listings';
import { publicSnapshot, type SnapshotListing } from '../listings/searchSnapshot';
import { canSeeNeed } from '../needs';
import { scorePair, textModel, type MatchListing, type MatchNeed, type Scored } from './score';

export const MAX_SUGGESTIONS = 50;

const asListing = (l: Pick<SnapshotListing, 'searchText' | 'industries' | 'classes' | 'modes' | 'availableModes' | 'askingPrice'>): MatchListing => ({
  searchText: l.searchText ?? '',
  industries: l.industries ?? [],
  classes: l.classes ?? [],
  modes: l.availableModes ?? l.modes ?? [],
  askingPrice: l.askingPrice ?? null,
});
const asNeed = (n: TechnologyNeedDoc): MatchNeed => ({
  searchText: n.searchText ?? '',
  industries: n.industries,
  ipcPrefixes: n.ipcPrefixes,
  dealTypes: n.dealTypes,
  budgetMax: n.budgetMax ?? null,
});

const byScore = <T extends { score: number; at: number; id: string }>(a: T, b: T) => b.score - a.score || b.at - a.at || (a.id < b.id ? 1 : -1);

async function publishedListings(): Promise<SnapshotListing[]> {
  const snapshot = await publicSnapshot();
  const today = todayInShanghai();
  const all = snapshot ? [...snapshot.byId.values()] : ((await Listing.find({ status: 'PUBLISHED' }).lean()) as unknown as SnapshotListing[]);
  return all.filter((l) => l.status === 'PUBLISHED' && (l.expiresOn == null || l.expiresOn > today));
}

export async function suggestedListings(ctx: ServiceContext, needId: string, first?: number | null): Promise<({ listing: ListingDoc } & Scored)[]> {
  const limit = v.pageSize('first', first, 10, MAX_SUGGESTIONS);
  const need = await TechnologyNeed.findById(parseId('needId', needId));
  if (!need || !(await canSeeNeed(ctx, need))) throw notFound('TechnologyNeed', needId);
  const candidates = (await publishedListings()).filter((l) => String(l.holder) !== String(need.owner));
  const model = textModel(need.searchText ?? '', candidates.map((l) => l.searchText ?? ''));
  const m = asNeed(need);
  const scored = candidates
    .map((l) => ({ l, s: scorePair(model, l.searchText ?? '', m, asListing(l)) }))
    .filter((x): x is { l: SnapshotListing; s: Scored } => x.s !== null)
    .map((x) => ({ ...x, score: x.s.score, at: x.l.publishedAt ? new Date(x.l.publishedAt).getTime() : 0, id: String(x.l._id) }))
    .sort(byScore)
    .slice(0, limit);
  const docs = await Promise.all(scored.map((x) => ctx.loaders.listing.load(x.l._id)));
  return scored.flatMap((x, i) => (docs[i] ? [{ listing: docs[i]!, ...x.s }] : []));
}

export async function suggestedNeeds(ctx: ServiceContext, listingId: string, first?: number | null): Promise<({ need: TechnologyNeedDoc } & Scored)[]> {
  const limit = v.pageSize('first', first, 10, MAX_SUGGESTIONS);
  const listing = await ctx.loaders.listing.load(parseId('listingId', listingId));
  if (!listing || !(await canSeeListing(ctx, listing))) throw notFound('Listing', listingId);
  const today = todayInShanghai();
  const candidates = (await TechnologyNeed.find({ status: 'OPEN' })).filter((n) => n.deadline >= today && String(n.owner) !== String(listing.holder));
  const model = textModel(listing.searchText ?? '', candidates.map((n) => n.searchText ?? ''));
  const l = asListing(listing as unknown as SnapshotListing);
  return candidates
    .map((n) => ({ n, s: scorePair(model, n.searchText ?? '', asNeed(n), l) }))
    .filter((x): x is { n: TechnologyNeedDoc; s: Scored } => x.s !== null)
    .map((x) => ({ ...x, score: x.s.score, at: (x.n.publishedAt ?? x.n.createdAt ?? new Date(0)).getTime(), id: String(x.n._id) }))
    .sort(byScore)
    .slice(0, limit)
    .map((x) => ({ need: x.n, ...x.s }));
}
