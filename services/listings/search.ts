// listings(filter, sort, first, after): free text (searchText.ts) and the contract's filters,
// all combined with AND; facets and totalCount over the filtered set; keyset pagination with
// opaque cursors. Only PUBLISHED listings whose asset has not expired are public; `mine` searches
// the caller's own listings in every status instead.
//
// The public set is searched in memory, on the per-process snapshot of the PUBLISHED listings
// (searchSnapshot.ts: kept current across processes by a shared stamp), with the same compiled
// conditions evaluated by searchMatch.ts, the same orders, cursors, scores and facets.
// `mine` searches (and a public set above the snapshot's bound) use the database path below.
// Its cost on FerretDB 1.24 (SQLite): it pushes no filter but {_id} down, so each query reads
// the whole listings collection; a request makes one such pass for the page and one for
// facets + totalCount, and only for what the client selected (docs/listings.md).
import type { Types } from 'mongoose';
import { Listing, type ListingDoc } from '../../models/listing';
import type { IpAssetDoc } from '../../models/ipAsset';
import type { OrganizationDoc } from '../../models/organization';
import { READ_MIRROR } from '../readModel/mirror';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { badInput } from '../errors';
import { addYears, todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { scoreExpanded, textFilter, type ExpandedQuery } from './glossary';
import { decodeSearchCursor, encodeSearchCursor, type SearchCursor, type SortCode } from './searchCursor';
import { matchesAll } from './searchMatch';
import { holderNameKey } from './denormalize';
import { publicSnapshot, type SearchSnapshot, type SnapshotListing } from './searchSnapshot';

export type ListingSort = 'RELEVANCE' | 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC';

export interface ListingFilterInput {
  text?: string | null;
  kinds?: string[] | null;
  modes?: string[] | null;
  industries?: string[] | null;
  counties?: string[] | null;
  holderKinds?: string[] | null;
  classPrefix?: string | null;
  highValueOnly?: boolean | null;
  maxPrice?: number | null; // fen
  minRemainingYears?: number | null;
  mine?: boolean | null;
  holderName?: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}
export interface ListingFacets {
  kinds: FacetCount[];
  modes: FacetCount[];
  industries: FacetCount[];
  counties: FacetCount[];
  holderKinds: FacetCount[];
  ipcSubclasses: FacetCount[];
}

/** The IPC subclasses (C01B, H01M) of a listing's classes; Nice and Locarno classes have none. */
export function ipcSubclasses(classes: readonly string[] | null | undefined): string[] {
  return [...new Set((classes ?? []).map((c) => /^([A-H]\d{2}[A-Z])\b/.exec(c)?.[1]).filter((x): x is string => !!x))];
}

export const MAX_HOLDER_NAME_CHARS = 100;
/** The holderName filter: a part of the holder's name as written (case, width and spaces ignored). */
function holderNamePattern(raw: string): string {
  const key = holderNameKey(raw);
  if (key.length > MAX_HOLDER_NAME_CHARS) throw badInput('filter.holderName', `must be at most ${MAX_HOLDER_NAME_CHARS} characters`);
  return escapeRegex(key);
}
export interface ListingPage {
  edges: { cursor: string; node: ListingDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
/** The connection; each part is computed only when the client asks for it, at most once. */
export interface ListingSearchResult {
  page(): Promise<ListingPage>;
  totalCount(): Promise<number>;
  facets(): Promise<ListingFacets>;
}

type Condition = Record<string, unknown>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** "C01B", "c01b 32/20", "C01B32", "H01M 4/5", "C", "29" (Nice), "12-08" (Locarno) -> a ^regex on classes. */
export function classPrefixPattern(raw: string): string | null {
  const t = raw.trim().toUpperCase().replace(/\s+/g, '');
  const ipc = /^([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})(?:\/(\d{0,6}))?)?)?)?$/.exec(t);
  if (ipc) {
    const [, section, cls, sub, group, subgroup] = ipc;
    if (group === undefined) return `^${section}${cls ?? ''}${sub ?? ''}`;
    const head = `^${section}${cls}${sub} ${Number(group)}`;
    return subgroup === undefined ? `${head}/` : `${head}/${subgroup}`;
  }
  const nice = /^(\d{1,2})$/.exec(t);
  if (nice && Number(nice[1]) >= 1 && Number(nice[1]) <= 45) return `^${Number(nice[1])}(?:-|$)`; // Nice class, or Locarno class
  if (/^\d{2}-\d{2}$/.test(t)) return `^${escapeRegex(t)}$`;
  return null;
}

interface Compiled {
  conditions: Condition[];
  query: ExpandedQuery | null;
}

/** Validates the filter and turns it into conditions (all ANDed). BAD_USER_INPUT names the field. (Saved searches compile their filter with it too.) */
export async function compileFilter(ctx: ServiceContext, f: ListingFilterInput, today: string): Promise<Compiled> {
  const conditions: Condition[] = [];
  if (f.mine) {
    const { org } = await requireOrg(ctx);
    conditions.push({ holder: org._id });
  } else {
    conditions.push({ status: 'PUBLISHED' });
    conditions.push({ $or: [{ expiresOn: null }, { expiresOn: { $gt: today } }] });
  }
  // One condition per typed term (or glossary phrase), with its other-language alternatives (glossary.ts).
  const { query, conditions: text } = textFilter('filter.text', f.text);
  conditions.push(...text);
  if (f.holderName != null && f.holderName.trim() !== '') {
    conditions.push({ holderName: { $regex: holderNamePattern(f.holderName) } });
  }
  const anyOf = (field: string, values: string[] | null | undefined) => {
    if (values && values.length > 0) conditions.push({ [field]: { $in: [...new Set(values)] } });
  };
  anyOf('assetKind', f.kinds);
  // A listing answers a mode filter only for what its asset can do now (denormalize.ts availableModes);
  // listings written before that field existed fall back to their advertised modes.
  if (f.modes && f.modes.length > 0) {
    const wanted = [...new Set(f.modes)];
    conditions.push({ $or: [{ availableModes: { $in: wanted } }, { availableModes: null, modes: { $in: wanted } }] });
  }
  anyOf('industries', f.industries);
  anyOf('county', f.counties);
  anyOf('holderKind', f.holderKinds);
  if (f.classPrefix != null && f.classPrefix.trim() !== '') {
    const pattern = classPrefixPattern(f.classPrefix);
    if (!pattern) throw badInput('filter.classPrefix', 'must be the start of an IPC symbol (e.g. "C01B" or "H01M 4/58"), a Nice class 1-45 or a Locarno class');
    conditions.push({ classes: { $regex: pattern } });
  }
  if (f.highValueOnly) conditions.push({ highValueFrom: { $ne: null, $lt: today } });
  if (f.maxPrice != null) {
    if (f.maxPrice < 0) throw badInput('filter.maxPrice', 'must not be negative');
    conditions.push({ askingPrice: { $ne: null, $lte: f.maxPrice } });
  }
  if (f.minRemainingYears != null) {
    const years = v.intInRange('filter.minRemainingYears', f.minRemainingYears, 0, 30);
    if (years > 0) conditions.push({ expiresOn: { $ne: null, $gte: addYears(today, years) } });
  }
  return { conditions, query };
}

const SORT_FIELDS: Record<Exclude<SortCode, 'R' | 'D'>, { field: 'publishedAt' | 'askingPrice'; dir: 1 | -1 }> = {
  N: { field: 'publishedAt', dir: -1 },
  PA: { field: 'askingPrice', dir: 1 },
  PD: { field: 'askingPrice', dir: -1 },
};

function sortCode(sort: ListingSort, query: ExpandedQuery | null): Exclude<SortCode, 'D'> {
  switch (sort) {
    case 'RELEVANCE':
      return query ? 'R' : 'N'; // without text every listing scores the same: newest first
    case 'NEWEST':
      return 'N';
    case 'PRICE_ASC':
      return 'PA';
    case 'PRICE_DESC':
      return 'PD';
  }
}

const and = (conditions: Condition[]) => ({ $and: conditions });

/**
 * A page ordered by (field dir, _id desc) with null values last, after the cursor. Two segments
 * (non-null values, then nulls) because MongoDB sorts null first ascending and we want it last
 * either way; a page that crosses from one to the other makes two queries.
 */
async function keysetPage(conditions: Condition[], code: Exclude<SortCode, 'R' | 'D'>, after: SearchCursor | null, limit: number): Promise<ListingDoc[]> {
  const { field, dir } = SORT_FIELDS[code];
  const toDb = (k: number) => (field === 'publishedAt' ? new Date(k) : k);
  const rows: ListingDoc[] = [];
  const afterValue = after ? after.keys[0] ?? null : undefined;
  if (afterValue !== null) {
    const seg: Condition[] = [...conditions, { [field]: { $ne: null } }];
    if (after && typeof afterValue === 'number') {
      const value = toDb(afterValue);
      seg.push({ $or: [{ [field]: { [dir === 1 ? '$gt' : '$lt']: value } }, { [field]: value, _id: { $lt: after.id } }] });
    }
    rows.push(...(await Listing.find(and(seg)).sort({ [field]: dir, _id: -1 }).limit(limit + 1)));
  }
  if (rows.length <= limit) {
    const seg: Condition[] = [...conditions, { [field]: null }];
    if (after && afterValue === null) seg.push({ _id: { $lt: after.id } });
    rows.push(...(await Listing.find(and(seg)).sort({ _id: -1 }).limit(limit + 1 - rows.length)));
  }
  return rows;
}

function keysOf(code: Exclude<SortCode, 'R' | 'D'>, l: ListingDoc): (number | null)[] {
  const value = code === 'N' ? l.publishedAt?.getTime() : l.askingPrice;
  return [value ?? null];
}

interface Scored {
  id: Types.ObjectId;
  score: number;
  at: number;
}

/** (score desc, publishedAt desc, _id desc) */
function relevanceOrder(a: Scored, b: Scored): number {
  return b.score - a.score || b.at - a.at || (String(b.id) < String(a.id) ? -1 : String(b.id) > String(a.id) ? 1 : 0);
}

/** Every matching listing, scored in the application (id, time and stored text only). */
/** The relevance-ordered rows after the cursor, one more than the page to tell if there is a next page. */
function relevancePage<T extends Scored>(all: T[], after: SearchCursor | null, limit: number): T[] {
  let start = 0;
  if (after) {
    const [score, at] = after.keys as [number, number];
    start = all.findIndex((s) => relevanceOrder({ id: after.id, score, at }, s) < 0);
    if (start < 0) start = all.length;
  }
  return all.slice(start, start + limit + 1);
}

async function scoreMatches(conditions: Condition[], query: ExpandedQuery): Promise<Scored[]> {
  const rows = await Listing.find(and(conditions), { _id: 1, publishedAt: 1, searchText: 1 }).lean();
  return rows
    .map((r) => ({ id: r._id, score: scoreExpanded(r.searchText ?? '', query), at: r.publishedAt ? r.publishedAt.getTime() : 0 }))
    .sort(relevanceOrder);
}

async function facetsAndCount(conditions: Condition[]): Promise<{ total: number; facets: ListingFacets }> {
  // One pass: group by the combination of the four facet fields (arrays are valid group keys),
  // then fold the combinations here. FerretDB 1.24 has no $facet, and one $unwind/$group
  // pipeline per facet would read the collection four times.
  const groups = (await Listing.aggregate([
    { $match: and(conditions) },
    { $group: { _id: { k: '$assetKind', c: '$county', m: '$modes', i: '$industries', h: '$holderKind', x: '$classes' }, n: { $sum: 1 } } },
  ])) as FacetGroup[];
  return foldFacets(groups);
}

interface FacetGroup {
  _id: { k?: string | null; c?: string | null; m?: string[] | null; i?: string[] | null; h?: string | null; x?: string[] | null };
  n: number;
}

/** Folds (kind, county, modes, industries, holder kind, classes) combinations with their counts into the facets. */
function foldFacets(groups: Iterable<FacetGroup>): { total: number; facets: ListingFacets } {
  const counters = {
    kinds: new Map<string, number>(),
    modes: new Map<string, number>(),
    industries: new Map<string, number>(),
    counties: new Map<string, number>(),
    holderKinds: new Map<string, number>(),
    ipcSubclasses: new Map<string, number>(),
  };
  const bump = (m: Map<string, number>, key: string | undefined | null, n: number) => {
    if (key) m.set(key, (m.get(key) ?? 0) + n);
  };
  let total = 0;
  for (const g of groups) {
    total += g.n;
    bump(counters.kinds, g._id.k, g.n);
    bump(counters.counties, g._id.c, g.n);
    for (const m of new Set(g._id.m ?? [])) bump(counters.modes, m, g.n);
    for (const i of new Set(g._id.i ?? [])) bump(counters.industries, i, g.n);
    bump(counters.holderKinds, g._id.h, g.n);
    for (const x of ipcSubclasses(g._id.x)) bump(counters.ipcSubclasses, x, g.n);
  }
  const list = (m: Map<string, number>) =>
    [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    total,
    facets: {
      kinds: list(counters.kinds),
      modes: list(counters.modes),
      industries: list(counters.industries),
      counties: list(counters.counties),
      holderKinds: list(counters.holderKinds),
      ipcSubclasses: list(counters.ipcSubclasses),
    },
  };
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= fn());
}

export interface SearchArgs {
  filter?: ListingFilterInput | null;
  sort?: ListingSort | null;
  first?: number | null;
  after?: string | null;
}

/** Validates everything up front (so bad input fails the whole field), then computes lazily. */
export async function searchListings(ctx: ServiceContext, args: SearchArgs): Promise<ListingSearchResult> {
  const limit = v.pageSize('first', args.first);
  const today = todayInShanghai();
  const { conditions, query } = await compileFilter(ctx, args.filter ?? {}, today);
  const code = sortCode(args.sort ?? 'RELEVANCE', query);
  const publicOnly = !args.filter?.mine;
  const after = args.after != null ? decodeSearchCursor('after', args.after, code) : null;
  if (publicOnly) {
    const snapshot = await publicSnapshot();
    if (snapshot) return searchSnapshot(ctx, snapshot, conditions, query, code, after, limit);
  }

  const scored = once(() => scoreMatches(conditions, query!));
  const counts = once(() => facetsAndCount(conditions));

  const page = once(async (): Promise<ListingPage> => {
    let nodes: ListingDoc[];
    let cursors: string[];
    if (code === 'R') {
      const all = await scored();
      const slice = relevancePage(all, after, limit);
      // One {_id} query per row rather than the loader's $in: on FerretDB 1.24 $in decodes the whole
      // collection again, while {_id} is answered in SQL (a cheaper pass; docs/listings.md).
      const docs = await Promise.all(slice.map((s) => Listing.findById(s.id)));
      for (const d of docs) if (d) ctx.loaders.listing.prime(d._id, d);
      // A listing withdrawn between the scan and this load is left out of a public page.
      const stillPublic = (d: ListingDoc | null | undefined) => !!d && (publicOnly ? d.status === 'PUBLISHED' : true);
      const present = slice.map((s, i) => ({ s, d: docs[i] })).filter((x): x is { s: Scored; d: ListingDoc } => stillPublic(x.d));
      nodes = present.map((x) => x.d);
      cursors = present.map((x) => encodeSearchCursor('R', [x.s.score, x.s.at], x.s.id));
    } else {
      nodes = await keysetPage(conditions, code, after, limit);
      for (const n of nodes) ctx.loaders.listing.prime(n._id, n);
      cursors = nodes.map((n) => encodeSearchCursor(code, keysOf(code, n), n._id));
    }
    const edges = nodes.slice(0, limit).map((node, i) => ({ node, cursor: cursors[i]! }));
    return { edges, pageInfo: { hasNextPage: nodes.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  });

  return {
    page,
    totalCount: async () => (code === 'R' ? (await scored()).length : (await counts()).total),
    facets: async () => (await counts()).facets,
  };
}

// ---------- the public set, in memory (searchSnapshot.ts) ----------

const hexCmpDesc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0); // _id desc (hex order = ObjectId order)

interface Keyed {
  l: SnapshotListing;
  hex: string;
  key: number | null;
}

/** The keyset order of search.ts's database path: non-null values by `dir` then _id desc, then nulls by _id desc. */
function keyedOrder(code: Exclude<SortCode, 'R' | 'D'>): (a: { key: number | null; hex: string }, b: { key: number | null; hex: string }) => number {
  const { dir } = SORT_FIELDS[code];
  return (a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== null) return -1;
      if (b.key !== null) return 1;
      return hexCmpDesc(a.hex, b.hex);
    }
    return (a.key - b.key) * dir || hexCmpDesc(a.hex, b.hex);
  };
}

const snapshotKey = (code: Exclude<SortCode, 'R' | 'D'>, l: SnapshotListing): number | null =>
  (code === 'N' ? l.publishedAt?.getTime() : l.askingPrice) ?? null;

/** The whole snapshot in one sort order, computed once per snapshot. */
function sortedSnapshot(snapshot: SearchSnapshot, code: Exclude<SortCode, 'R' | 'D'>): Keyed[] {
  let rows = snapshot.memo.get(code) as Keyed[] | undefined;
  if (!rows) {
    rows = [...snapshot.byId].map(([hex, l]) => ({ l, hex, key: snapshotKey(code, l) }));
    rows.sort(keyedOrder(code));
    snapshot.memo.set(code, rows);
  }
  return rows;
}

const hydratedListings = new WeakMap<SnapshotListing, ListingDoc>();

const MAX_MEMO_QUERIES = 500; // distinct filters memoized per snapshot (then the memo starts over)
interface SearchMemo {
  matching?: SnapshotListing[];
  scored?: { id: Types.ObjectId; score: number; at: number; l: SnapshotListing }[];
  counts?: { total: number; facets: ListingFacets };
}

function searchSnapshot(
  ctx: ServiceContext,
  snapshot: SearchSnapshot,
  conditions: Condition[],
  query: ExpandedQuery | null,
  code: Exclude<SortCode, 'D'>,
  after: SearchCursor | null,
  limit: number,
): ListingSearchResult {
  const test = (l: SnapshotListing) => matchesAll(l as unknown as Record<string, unknown>, conditions);
  // The matching set, its relevance order and its facets are memoized per snapshot and filter
  // (a new snapshot after any listing write starts empty): the same search asked again, or its
  // next page, costs the page only, not a pass over every published listing.
  const key = `q:${JSON.stringify([conditions, query])}`;
  let memo = snapshot.memo.get(key) as SearchMemo | undefined;
  if (!memo) {
    snapshot.memoQueries = (snapshot.memoQueries ?? 0) + 1;
    if (snapshot.memoQueries > MAX_MEMO_QUERIES) {
      for (const k of [...snapshot.memo.keys()]) if (k.startsWith('q:')) snapshot.memo.delete(k);
      snapshot.memoQueries = 1;
    }
    snapshot.memo.set(key, (memo = {}));
  }
  const m = memo;
  const matching = once(async () => (m.matching ??= [...snapshot.byId.values()].filter(test)));
  const scored = once(async () =>
    (m.scored ??= (await matching())
      .map((l) => ({ id: l._id, score: scoreExpanded(l.searchText ?? '', query!), at: l.publishedAt ? l.publishedAt.getTime() : 0, l }))
      .sort(relevanceOrder)),
  );
  const counts = once(async () => (m.counts ??= foldFacets((await matching()).map((l) => ({ _id: { k: l.assetKind, c: l.county, m: l.modes, i: l.industries, h: l.holderKind, x: l.classes }, n: 1 })))));
  const toDoc = (l: SnapshotListing): ListingDoc => {
    // One hydrated document per snapshot entry, shared by the searches that return it (resolvers
    // only read it; an entry replaced in the snapshot is a new object, hydrated anew).
    let d = hydratedListings.get(l);
    if (!d) hydratedListings.set(l, (d = Listing.hydrate(l) as ListingDoc));
    ctx.loaders.listing.prime(d._id, d);
    // Without the read mirrors (READ_MIRROR=off), the hit's asset and holder from the snapshot:
    // a results page then reads no collection. With them, the loaders answer from memory anyway,
    // and only for the hits whose asset or holder the client selected (hydrating is not free).
    if (!READ_MIRROR) {
      const asset = snapshot.related.assets.get(String(l.asset));
      if (asset) ctx.loaders.ipAssetRead.prime(asset._id, asset as unknown as IpAssetDoc); // read-only (Listing.asset)
      const holder = snapshot.related.holders.get(String(l.holder));
      if (holder) ctx.loaders.organizationRead.prime(holder._id, holder as unknown as OrganizationDoc); // read-only (Listing.holder)
    }
    return d;
  };

  const page = once(async (): Promise<ListingPage> => {
    let nodes: ListingDoc[];
    let cursors: string[];
    if (code === 'R') {
      const all = await scored();
      const slice = relevancePage(all, after, limit);
      nodes = slice.map((s) => toDoc(s.l));
      cursors = slice.map((s) => encodeSearchCursor('R', [s.score, s.at], s.id));
    } else {
      const rows = sortedSnapshot(snapshot, code);
      const order = keyedOrder(code);
      let start = 0;
      if (after) {
        const probe = { key: after.keys[0] ?? null, hex: String(after.id) };
        // first row strictly after the cursor (binary search: rows are in `order`)
        let lo = 0;
        let hi = rows.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (order(rows[mid]!, probe) <= 0) lo = mid + 1;
          else hi = mid;
        }
        start = lo;
      }
      const picked: Keyed[] = [];
      for (let i = start; i < rows.length && picked.length <= limit; i++) if (test(rows[i]!.l)) picked.push(rows[i]!);
      nodes = picked.map((r) => toDoc(r.l));
      cursors = picked.map((r) => encodeSearchCursor(code, [r.key], r.l._id));
    }
    const edges = nodes.slice(0, limit).map((node, i) => ({ node, cursor: cursors[i]! }));
    return { edges, pageInfo: { hasNextPage: nodes.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  });

  return {
    page,
    totalCount: async () => (await matching()).length,
    facets: async () => (await counts()).facets,
  };
}
