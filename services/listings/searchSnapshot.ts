// The public search set (PUBLISHED listings) held in memory, per process, so that a search does
// not read the listings collection: FerretDB 1.x reads and decodes the whole collection for any
// filter (docs/listings.md), which costs seconds per search at a few thousand listings.
//
// Invalidation across processes: the shared stamp "listings" (services/sharedStamp.ts). Every
// write to a listing calls touchListings() after the write. A search reads the stamp (one small
// document); when it differs from the one the snapshot was built under, the search waits for a
// refresh that read the stamp after it did, so a write whose stamp bump it saw is always in the
// rows it searches (a withdrawn listing is never served as PUBLISHED, a published one is seen at
// once). Concurrent searches share one refresh.
//
// Refresh is incremental: the listings with updatedAt >= (start of the last refresh - MARGIN_MS),
// replaced or removed (status no longer PUBLISHED) in a copy of the map; the margin covers a write
// whose updatedAt was taken before the last refresh but committed after it, and clock differences
// between processes. A full reload happens at the first search and every FULL_RELOAD_MS as a
// backstop. On FerretDB 1.24 the updatedAt filter still scans the collection in the database,
// but only the changed listings are decoded into the application and copied into the map.
//
// Memory: the whole lean listing document is kept (the page's nodes are served from it, so a
// search makes no listing query at all): about 4,400 heap bytes per published
// listing (measured by bench/search: docs/listings.md), i.e. ~26 MB for Hegang's ~6,000 rights
// and ~440 MB at the default bound of 100,000.
// Above MAX_SNAPSHOT_LISTINGS published listings the snapshot is dropped and search falls back to
// the database path (search.ts), so memory stays bounded.
import type { Model, Types } from 'mongoose';
import { Listing, type ListingFields } from '../../models/listing';
import { IpAsset } from '../../models/ipAsset';
import { Organization } from '../../models/organization';
import { coverAlso, NO_COVERED_STAMPS, OwnStamps, readStamp, readStampFresh, touchStamp } from '../sharedStamp';
import { onTransition } from '../workflow';
import { onDocUpdated } from '../atomic';

const STAMP_KEY = 'listings';
export const MARGIN_MS = 120_000;
export const FULL_RELOAD_MS = 10 * 60_000;
export const MAX_SNAPSHOT_LISTINGS = Number(process.env.SEARCH_SNAPSHOT_MAX ?? 100_000);

export type SnapshotListing = ListingFields & { _id: Types.ObjectId; updatedAt?: Date };

type Plain = Record<string, unknown> & { _id: Types.ObjectId };

export interface SearchSnapshot {
  /** PUBLISHED listings by _id hex (expiry is checked per search, against today). */
  byId: Map<string, SnapshotListing>;
  /** Memoized per-snapshot orders and search results (search.ts), dropped with the snapshot. */
  memo: Map<string, unknown>;
  memoQueries?: number;
  /**
   * The published listings' assets and holders (lean), so a results page that shows each hit's
   * title, number and holder reads no collection. Shared between snapshots (not copied); kept
   * current by the listing refreshes below, by this process's updates (atomic.ts onDocUpdated),
   * and by the full reload (every FULL_RELOAD_MS) for updates made by other processes that do not
   * touch the listing (a change of what the listing denormalizes does: refreshListingFacts).
   */
  related: Related;
}

export interface Related {
  assets: Map<string, Plain>;
  holders: Map<string, Plain>;
}

interface State {
  snapshot: SearchSnapshot | null; // null: too many listings, use the database
  stamp: string;
  covered: ReadonlySet<string>; // older stamps whose writes it holds too (sharedStamp.ts coverAlso)
  readSeq: number; // when its stamp was read (local sequence)
  startedAt: number; // Date.now() at the stamp read
  fullAt: number;
}

let state: State | null = null;
let inflight: Promise<State> | null = null;
let seq = 0;
const own = new OwnStamps();

/**
 * Marks the listings changed, for every process. Call after any write to a listing, with the
 * written listing when there is one: then this process applies it to its snapshot at once (no
 * collection read, so the next search does not wait for one) when nobody else wrote in between.
 */
export async function touchListings(written?: unknown): Promise<void> {
  const mine = own.begin(); // a search that reads this stamp waits for it to be applied (sharedStamp.ts OwnStamps)
  try {
    const { previous, stamp } = await touchStamp(STAMP_KEY, '', mine.stamp);
    if (written && state?.snapshot && state.stamp === previous && !inflight) {
      const doc = toPlain(written) as SnapshotListing;
      await ensureRelated(state.snapshot.related, [doc]);
      // state may have moved while we loaded the related documents: apply only on the same one
      if (state?.snapshot && state.stamp === previous && !inflight) {
        const byId = new Map(state.snapshot.byId);
        if (doc.status === 'PUBLISHED') byId.set(String(doc._id), doc);
        else byId.delete(String(doc._id));
        state = { ...state, snapshot: { byId, memo: new Map(), related: state.snapshot.related }, stamp, covered: coverAlso(state.covered, previous), readSeq: ++seq };
      }
    }
  } finally {
    mine.done();
  }
}

const toPlain = (d: unknown): Plain =>
  ((d as { toObject?: (o?: object) => Plain }).toObject?.({ depopulate: true }) ?? (d as Plain));

// Every status change of a listing (publish, withdraw, negotiation, closing, reopening: in this
// domain and in deals) goes through workflow.ts transition, which calls this after its write.
onTransition(Listing.modelName, touchListings);

// This process's updates of assets and organizations replace the snapshot's copies at once.
for (const [model, key] of [[IpAsset, 'assets'], [Organization, 'holders']] as const) {
  onDocUpdated(model.modelName, (doc) => {
    const related = state?.snapshot?.related;
    const plain = toPlain(doc);
    if (related?.[key].has(String(plain._id))) related[key].set(String(plain._id), plain);
  });
}

/** Loads the assets and holders of these listings that the snapshot lacks (by _id). */
async function ensureRelated(related: Related, listings: SnapshotListing[], refetch = false): Promise<void> {
  const want = async (model: Model<any>, map: Map<string, Plain>, ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => refetch || !map.has(id));
    if (missing.length === 0) return;
    // Few: one {_id} query each (pushed down to SQLite on FerretDB 1.24); many: one $in pass.
    const rows = (missing.length <= 8
      ? (await Promise.all(missing.map((id) => model.find({ _id: id }).lean()))).flat()
      : await model.find({ _id: { $in: missing } }).lean()) as unknown as Plain[];
    for (const r of rows) map.set(String(r._id), r);
  };
  const published = listings.filter((l) => l.status === 'PUBLISHED');
  await Promise.all([
    want(IpAsset, related.assets, published.map((l) => String(l.asset))),
    want(Organization, related.holders, published.map((l) => String(l.holder))),
  ]);
}

async function refresh(prev: State | null): Promise<State> {
  const readSeq = ++seq;
  const startedAt = Date.now();
  const stamp = await readStamp(STAMP_KEY);
  const full = !prev || !prev.snapshot || startedAt - prev.fullAt >= FULL_RELOAD_MS;
  if (full) {
    const rows = (await Listing.find({ status: 'PUBLISHED' }).lean()) as unknown as SnapshotListing[];
    if (rows.length > MAX_SNAPSHOT_LISTINGS) return { snapshot: null, stamp, covered: NO_COVERED_STAMPS, readSeq, startedAt, fullAt: startedAt };
    const byId = new Map<string, SnapshotListing>();
    for (const r of rows) byId.set(String(r._id), r);
    const related: Related = { assets: new Map(), holders: new Map() };
    await ensureRelated(related, rows);
    return { snapshot: { byId, memo: new Map(), related }, stamp, covered: NO_COVERED_STAMPS, readSeq, startedAt, fullAt: startedAt };
  }
  const rows = (await Listing.find({ updatedAt: { $gte: new Date(prev.startedAt - MARGIN_MS) } }).lean()) as unknown as SnapshotListing[];
  const byId = new Map(prev.snapshot!.byId); // a copy: searches running on the old snapshot keep it intact
  await ensureRelated(prev.snapshot!.related, rows, true); // the changed listings' assets and holders, re-read
  for (const r of rows) {
    if (r.status === 'PUBLISHED') byId.set(String(r._id), r);
    else byId.delete(String(r._id));
  }
  if (byId.size > MAX_SNAPSHOT_LISTINGS) return { snapshot: null, stamp, covered: NO_COVERED_STAMPS, readSeq, startedAt, fullAt: startedAt };
  return { snapshot: { byId, memo: new Map(), related: prev.snapshot!.related }, stamp, covered: NO_COVERED_STAMPS, readSeq, startedAt, fullAt: prev.fullAt };
}

function refreshOnce(): Promise<State> {
  inflight ??= refresh(state).then(
    (s) => {
      if (!state || s.readSeq > state.readSeq) state = s;
      inflight = null;
      return s;
    },
    (err) => {
      inflight = null;
      throw err;
    },
  );
  return inflight;
}

/**
 * The published listings as of now (every write whose stamp bump happened before this call is
 * in it), or null when there are more than MAX_SNAPSHOT_LISTINGS (search the database instead).
 */
export async function publicSnapshot(): Promise<SearchSnapshot | null> {
  const mySeq = ++seq;
  const stamp = await readStampFresh(STAMP_KEY); // a read that started after this call, shared with concurrent searches
  await own.settled(stamp); // this process's own write, being applied: wait for it rather than re-read
  const now = Date.now();
  if (state && (state.stamp === stamp || state.covered.has(stamp)) && now - state.fullAt < FULL_RELOAD_MS) return state.snapshot;
  for (;;) {
    const s = await refreshOnce();
    // Good when that refresh read the stamp after we did (so its rows include what our stamp says).
    if (s.readSeq > mySeq) return s.snapshot;
  }
}
