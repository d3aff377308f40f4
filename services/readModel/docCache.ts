// Per-process cache of small, hot documents by _id (the viewer's user and organization, holders'
// names), with a short time-to-live. Every signed-in request checks the caller's organization
// (services/authz.ts requireOrg), and on FerretDB 1.24 (SQLite) each load is a database round trip
// of milliseconds of CPU; the loaders also batch ids into `$in`, which FerretDB answers by decoding
// the whole collection (docs/listings.md). With this cache a signed-in request usually makes none.
//
// Freshness:
// - updates made through services/atomic.ts updateOneDoc in this process replace the cached copy
//   at once (onDocUpdated), and any other write through Mongoose in this process to a mirrored
//   collection drops the written documents (mirror.ts onMirroredWrite), so this process always
//   reads its own writes (verification of an organization, a role change, a token version...);
//   a load that was reading while such a write landed answers its caller but is not kept;
// - an update made by another process, or straight in the database, is seen after at most
//   READ_CACHE_TTL_MS (default 2,000 ms; 0 turns the cache off). Absent documents are not cached.
// Each load hands out a fresh hydrated document built from the cached plain object, so a caller
// that modifies its copy does not change the cache.
import DataLoader from 'dataloader';
import type { Model, Types } from 'mongoose';
import { onDocUpdated } from '../atomic';
import { onMirroredWrite } from './mirror';

type Key = string | Types.ObjectId;

export const READ_CACHE_TTL_MS = Number(process.env.READ_CACHE_TTL_MS ?? 2000);
const MAX_ENTRIES = 50_000; // per model: beyond this the oldest entries are dropped

interface Entry {
  doc: Record<string, unknown>;
  until: number;
}
interface ModelCache {
  entries: Map<string, Entry>;
  /** Bumped by every write this process makes: a load that began before it does not store. */
  generation: number;
}
const caches = new Map<string, ModelCache>();

function cacheOf(modelName: string): ModelCache {
  let c = caches.get(modelName);
  if (!c) {
    const mc: ModelCache = { entries: new Map(), generation: 0 };
    caches.set(modelName, (c = mc));
    onDocUpdated(modelName, (doc) => {
      mc.generation++;
      const plain = (doc as { toObject?: () => Record<string, unknown> }).toObject?.() ?? (doc as Record<string, unknown>);
      const id = String(plain._id);
      if (mc.entries.has(id)) mc.entries.set(id, { doc: plain, until: Date.now() + READ_CACHE_TTL_MS });
    });
    onMirroredWrite(modelName, (ids) => {
      mc.generation++;
      if (ids === 'all') mc.entries.clear();
      else for (const id of ids) mc.entries.delete(id);
    });
  }
  return c;
}

/** Remembers documents read elsewhere (e.g. a search snapshot's holders). */
export function rememberDocs(model: Model<any>, docs: Iterable<Record<string, unknown>>): void {
  if (READ_CACHE_TTL_MS <= 0) return;
  const c = cacheOf(model.modelName).entries;
  const until = Date.now() + READ_CACHE_TTL_MS;
  for (const d of docs) c.set(String(d._id), { doc: d, until });
}

/** The plain documents of these ids, from the cache when fresh, else one read (cached after). */
async function plainByIds(model: Model<any>, mc: ModelCache, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const ttl = READ_CACHE_TTL_MS;
  const cache = mc.entries;
  const now = Date.now();
  const generation = mc.generation;
  const found = new Map<string, Record<string, unknown>>();
  const missing: string[] = [];
  for (const id of ids) {
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
    const keep = ttl > 0 && mc.generation === generation; // no write of ours landed while we read
    for (const r of rows) {
      const id = String(r._id);
      found.set(id, r);
      if (keep) cache.set(id, { doc: r, until });
    }
    if (cache.size > MAX_ENTRIES) for (const k of [...cache.keys()].slice(0, cache.size - MAX_ENTRIES)) cache.delete(k);
  }
  return found;
}

/**
 * One document by _id as the cache holds it, not hydrated (a Mongoose document costs tens of
 * microseconds to build): for checks that only read fields, e.g. the per-request session check.
 * The object is shared: callers must not modify it.
 */
export async function readOnlyById(model: Model<any>, id: string): Promise<Readonly<Record<string, unknown>> | null> {
  return (await plainByIds(model, cacheOf(model.modelName), [id])).get(id) ?? null;
}

/**
 * A per-request loader by _id, like services/loaders.ts byIdLoader, served from the cache when it
 * can. `readOnly`: the cached plain documents themselves (shared, never to be modified), for
 * fields that only read them (an organization's name on a results page), instead of a hydrated copy.
 */
export function cachedByIdLoader<T>(model: Model<any>, opts: { readOnly?: boolean } = {}): DataLoader<Key, T | null, string> {
  const mc = cacheOf(model.modelName);
  return new DataLoader<Key, T | null, string>(
    async (keys) => {
      const found = await plainByIds(model, mc, keys.map(String));
      return keys.map((k) => {
        const d = found.get(String(k));
        return d ? ((opts.readOnly ? d : model.hydrate(d)) as T) : null;
      });
    },
    { cacheKeyFn: (k) => String(k) },
  );
}
