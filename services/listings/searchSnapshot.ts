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
import type { Types } from 'mongoose';
import { Listing, type ListingFields } from '../../models/listing';
import { readStamp, touchStamp } from '../sharedStamp';
import { onTransition } from '../workflow';

const STAMP_KEY = 'listings';
export const MARGIN_MS = 120_000;
export const FULL_RELOAD_MS = 10 * 60_000;
export const MAX_SNAPSHOT_LISTINGS = Number(process.env.SEARCH_SNAPSHOT_MAX ?? 100_000);

export type SnapshotListing = ListingFields & { _id: Types.ObjectId; updatedAt?: Date };

export interface SearchSnapshot {
  /** PUBLISHED listings by _id hex (expiry is checked per search, against today). */
  byId: Map<string, SnapshotListing>;
  /** Memoized per-snapshot orders (search.ts), dropped with the snapshot. */
  memo: Map<string, unknown>;
}

interface State {
  snapshot: SearchSnapshot | null; // null: too many listings, use the database
  stamp: string;
  readSeq: number; // when its stamp was read (local sequence)
  startedAt: number; // Date.now() at the stamp read
  fullAt: number;
}

let state: State | null = null;
let inflight: Promise<State> | null = null;
let seq = 0;

/** Marks the listings changed, for every process. Call after any write to a listing. */
export async function touchListings(): Promise<void> {
  await touchStamp(STAMP_KEY);
}

// Every status change of a listing (publish, withdraw, negotiation, closing, reopening: in this
// domain and in deals) goes through workflow.ts transition, which calls this after its write.
onTransition(Listing.modelName, touchListings);

async function refresh(prev: State | null): Promise<State> {
  const readSeq = ++seq;
  const startedAt = Date.now();
  const stamp = await readStamp(STAMP_KEY);
  const full = !prev || !prev.snapshot || startedAt - prev.fullAt >= FULL_RELOAD_MS;
  if (full) {
    const rows = (await Listing.find({ status: 'PUBLISHED' }).lean()) as unknown as SnapshotListing[];
    if (rows.length > MAX_SNAPSHOT_LISTINGS) return { snapshot: null, stamp, readSeq, startedAt, fullAt: startedAt };
    const byId = new Map<string, SnapshotListing>();
    for (const r of rows) byId.set(String(r._id), r);
    return { snapshot: { byId, memo: new Map() }, stamp, readSeq, startedAt, fullAt: startedAt };
  }
  const rows = (await Listing.find({ updatedAt: { $gte: new Date(prev.startedAt - MARGIN_MS) } }).lean()) as unknown as SnapshotListing[];
  const byId = new Map(prev.snapshot!.byId); // a copy: searches running on the old snapshot keep it intact
  for (const r of rows) {
    if (r.status === 'PUBLISHED') byId.set(String(r._id), r);
    else byId.delete(String(r._id));
  }
  if (byId.size > MAX_SNAPSHOT_LISTINGS) return { snapshot: null, stamp, readSeq, startedAt, fullAt: startedAt };
  return { snapshot: { byId, memo: new Map() }, stamp, readSeq, startedAt, fullAt: prev.fullAt };
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
  const stamp = await readStamp(STAMP_KEY);
  const now = Date.now();
  if (state && state.stamp === stamp && now - state.fullAt < FULL_RELOAD_MS) return state.snapshot;
  for (;;) {
    const s = await refreshOnce();
    // Good when that refresh read the stamp after we did (so its rows include what our stamp says).
    if (s.readSeq > mySeq) return s.snapshot;
  }
}
