// Per-process cache of small, hot documents by _id (the viewer's user and organization, holders'
// names), with a short time-to-live. Every signed-in request checks the caller's organization
// (services/authz.ts requireOrg), and on FerretDB 1.24 (SQLite) each load is a database round trip
// of milliseconds of CPU; the loaders also batch ids into `$in`, which FerretDB answers by decoding
// the whole collection (docs/listings.md). With this cache a signed-in request usually makes none.
//
// Freshness:
// - updates made through services/atomic.ts updateOneDoc in this process replace the cached copy
//   at once (onDocUpdated), so this process always reads its own writes (verification of an
//   organization, a role change, ...);
// - an update made by another process, or straight in the database, is seen after at most
//   READ_CACHE_TTL_MS (default 2,000 ms; 0 turns the cache off). Absent documents are not cached.
// Each load hands out a fresh hydrated document built from the cached plain object, so a caller
// that modifies its copy does not change the cache.
import DataLoader from 'dataloader';
import type { Model, Types } from 'mongoose';
import { onDocUpdated } from '../atomic';

type Key = string | Types.ObjectId;

export const READ_CACHE_TTL_MS = Number(process.env.READ_CACHE_TTL_MS ?? 2000);
const MAX_ENTRIES = 50_000; // per model: beyond this the oldest entries are dropped

interface Entry {
  doc: Record<string, unknown>;
  until: number;
}
const caches = new Map<string, Map<string, Entry>>();

function cacheOf(modelName: string): Map<string, Entry> {
  let c = caches.get(modelName);
  if (!c) {
    caches.set(modelName, (c = new Map()));
    onDocUpdated(modelName, (doc) => {
      const plain = (doc as { toObject?: () => Record<string, unknown> }).toObject?.() ?? (doc as Record<string, unknown>);
      const id = String(plain._id);
      if (c!.has(id)) c!.set(id, { doc: plain, until: Date.now() + READ_CACHE_TTL_MS });
    });
  }
  return c;
}

/** Remembers documents read elsewhere (e.g. a search snapshot's holders). */
export function rememberDocs(model: Model<any>, docs: Iterable<Record<string, unknown>>): void {
  if (READ_CACHE_TTL_MS <= 0) return;
  const c = cacheOf(model.modelName);
  const until = Date.now() + READ_CACHE_TTL_MS;
  for (const d of docs) c.set(String(d._id), { doc: d, until });
}

/** A per-request loader by _id, like services/loaders.ts byIdLoader, served from the cache when it can. */
export function cachedByIdLoader<T>(model: Model<any>): DataLoader<Key, T | null, string> {
  const ttl = READ_CACHE_TTL_MS;
  const cache = cacheOf(model.modelName);
  return new DataLoader<Key, T | null, string>(
    async (ids) => {
      const now = Date.now();
      const found = new Map<string, Record<string, unknown>>();
      const missing: string[] = [];
      for (const k of ids) {
        const id = String(k);
        const e = ttl > 0 ? cache.get(id) : undefined;
        if (e && e.until > now) found.set(id, e.doc);
        else missing.push(id);
      }
      if (missing.length > 0) {
        // One id: a plain {_id} query (the only filter FerretDB 1.24 pushes down); several: $in.
        const rows = (missing.length === 1
          ? await model.find({ _id: missing[0] }).lean()
          : await model.find({ _id: { $in: missing } }).lean()) as Record<string, unknown>[];
        const until = Date.now() + ttl;
        for (const r of rows) {
          const id = String(r._id);
          found.set(id, r);
          if (ttl > 0) cache.set(id, { doc: r, until });
        }
        if (cache.size > MAX_ENTRIES) for (const k of [...cache.keys()].slice(0, cache.size - MAX_ENTRIES)) cache.delete(k);
      }
      return ids.map((k) => {
        const d = found.get(String(k));
        return d ? (model.hydrate(d) as T) : null;
      });
    },
    { cacheKeyFn: (k) => String(k) },
  );
}
