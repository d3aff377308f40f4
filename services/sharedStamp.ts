// Shared stamps: cross-process cache invalidation. One small document per cached domain (in the
// `indicatorstamps` collection, keyed by the domain: "indicators", "listings"), whose `stamp`
// changes after every write to the data that domain caches. Each API process keeps its cache with
// the stamp it read *before* reading the data, and re-reads when the stamp it sees differs.
// Writers bump the stamp after their write, so a reader that sees the new stamp reads data that
// includes the write. Reading a stamp is one small-document read per request (FerretDB 1.x scans
// even a filtered find of a big collection; the stamp collection holds a handful of documents).
//
// readStampFresh coalesces those reads: a caller gets the result of a read that *started after it
// asked* (so it sees every write whose bump finished before it asked, exactly as with its own
// read), but concurrent callers share one read of all stamps: with 10 requests in flight about one
// read serves them all instead of ten (a FerretDB round trip costs milliseconds of CPU here).
//
// The generation: one more document (GENERATION_KEY) that every touchStamp rewrites, with a new
// random value, after the key's own stamp. A read of every stamp first reads the generation alone
// (one document by _id: about a third of FerretDB's cost of reading every stamp, which grows with
// their number); while it is the one read with the last full read, that read still holds every
// stamp, so it is answered again. Why that is exact: every generation value is written once, each
// after its key's stamp; a key bump whose generation write lands after the full read's generation
// read changes the generation for good, and one whose generation write landed before it was in the
// full read (read after). A key bumped without its generation write (the writer crashed between the
// two) is seen at the next full read, at most FULL_READ_MS after the last (its request never answered).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { IndicatorStamp } from '../models/indicatorStamp';
import { upsertOrUpdate, withLock } from './atomic';

/**
 * Marks `key`'s data changed, for every process. Call after the write. Returns the stamp it
 * replaced ("none" before the first write) and the new one: a process that knows the change it
 * made, and held `previous`, may apply the change to its cache and adopt `stamp` without a reload.
 * (The previous stamp is read in the same update; several API processes writing at the same moment
 * on FerretDB, whose updates are not atomic, could both see the same `previous`: a cache adopting
 * `stamp` then misses the other write until its next full reload. One API process, the embedded
 * default, is exact; MongoDB is exact for any number.)
 */
export async function touchStamp(key: string, prefix = '', newStamp?: string): Promise<{ previous: string; stamp: string }> {
  return withLock(`IndicatorStamp:${key}`, async () => {
    const stamp = newStamp ?? prefix + randomUUID();
    const update = { $set: { stamp } };
    // (no projection: FerretDB 1.24 does not implement one in findAndModify)
    const before: { stamp?: string } | null = await upsertOrUpdate((upsert) => IndicatorStamp.findOneAndUpdate({ _id: key }, update, { upsert, returnDocument: 'before' }).lean());
    const previous = before?.stamp ?? 'none';
    noteBump(key, previous, stamp);
    await bumpGeneration();
    return { previous, stamp };
  });
}

/** The document whose stamp every touchStamp renews after its own (see the header). */
export const GENERATION_KEY = 'stamps:generation';
/** A full read of every stamp at least this often, whatever the generation says. */
const FULL_READ_MS = 1000;

// The driver's collection, not a Mongoose query, for the generation and the reads of every stamp:
// these reads run hundreds of times a second under load, and Mongoose's query building costs more
// CPU than FerretDB's answer to them.
type StampRow = { _id: string; stamp: string };
const stampRows = () => IndicatorStamp.collection as unknown as import('mongoose').mongo.Collection<StampRow>;

async function bumpGeneration(): Promise<void> {
  const update = { $set: { stamp: randomUUID() } };
  await upsertOrUpdate((upsert) => stampRows().updateOne({ _id: GENERATION_KEY }, update, { upsert }));
}

/**
 * The stamps a process wrote lately, each with the one it replaced and the request that wrote it,
 * so that server/responseCache.ts can ask whether an answer is only older than writes still being
 * answered. Bounded (the most recent MAX_BUMPS).
 */
export class BumpLog {
  private bumps = new Map<string, { key: string; previous: string; scope: RequestScope | undefined }>();
  constructor(private readonly max = 1000) {}

  note(key: string, previous: string, stamp: string, scope: RequestScope | undefined): void {
    this.bumps.set(stamp, { key, previous, scope });
    if (this.bumps.size > this.max) this.bumps.delete(this.bumps.keys().next().value as string);
  }

  /**
   * True when every stamp that differs between `older` and `newer` got from one to the other only
   * by writes noted here whose requests are still unanswered (`responded` false, no GraphQL answer
   * yet): a request asking now is concurrent with those writes, so the state before them is a right
   * answer for it. Anything else (a write by another process, a job, a write already answered, a
   * bump whose call has not returned yet) is false.
   */
  onlyUnansweredBetween(older: ReadonlyMap<string, string>, newer: ReadonlyMap<string, string>): boolean {
    for (const key of new Set([...older.keys(), ...newer.keys()])) {
      const from = older.get(key) ?? 'none';
      let at = newer.get(key) ?? 'none';
      for (let steps = 0; at !== from; steps++) {
        const bump = this.bumps.get(at);
        if (!bump || bump.key !== key || !bump.scope || bump.scope.responded !== false || bump.scope.answered !== undefined || steps >= 32) return false;
        at = bump.previous;
      }
    }
    return true;
  }
}

const bumpLog = new BumpLog();

function noteBump(key: string, previous: string, stamp: string): void {
  bumpLog.note(key, previous, stamp, requestScope.getStore());
}

/** BumpLog.onlyUnansweredBetween for this process's own stamp writes. */
export function onlyUnansweredWritesBetween(older: ReadonlyMap<string, string>, newer: ReadonlyMap<string, string>): boolean {
  return bumpLog.onlyUnansweredBetween(older, newer);
}

/** The current stamp of `key` ("none" before the first write). */
export async function readStamp(key: string): Promise<string> {
  return (await IndicatorStamp.findById(key, { stamp: 1 }).lean())?.stamp ?? 'none';
}

// One read of every stamp (the collection holds a handful of small documents), shared: a caller
// joins the read that has not started yet (`next`), or makes it, so it never gets a read that began
// before it asked. That read starts when the event loop next turns (callers whose requests arrived
// in the same turn join it), or, while another read runs, as soon as that one ends: under load one
// read serves every request that arrived while the previous one ran (bench:pages' cached search:
// about a quarter fewer reads per request than starting the first caller's read at once).
let reading = false; // (one read at a time)
let next: { promise: Promise<ReadonlyMap<string, string>>; start: () => void } | null = null;

// The last full read: the generation read just before it, what it found, and when.
let lastFull: { generation: string; stamps: ReadonlyMap<string, string>; at: number } | null = null;

async function readAllStamps(): Promise<ReadonlyMap<string, string>> {
  const token = writeProbe?.probe() ?? null; // before the read: a commit after this changes it
  const stamps = await readStampsFromDb();
  lastProbed = token === null ? null : { token, stamps };
  return stamps;
}

async function readStampsFromDb(): Promise<ReadonlyMap<string, string>> {
  const generation = (await stampRows().findOne({ _id: GENERATION_KEY }, { projection: { stamp: 1 } }))?.stamp ?? 'none';
  const last = lastFull;
  if (last && generation !== 'none' && last.generation === generation && Date.now() - last.at < FULL_READ_MS) return last.stamps;
  const at = Date.now();
  const rows = await stampRows().find({}, { projection: { stamp: 1 } }).toArray();
  const stamps: ReadonlyMap<string, string> = new Map(rows.filter((r) => r._id !== GENERATION_KEY && r._id !== PROBE_KEY).map((r) => [String(r._id), r.stamp]));
  lastFull = { generation, stamps, at };
  return stamps;
}

/**
 * A cheap way to know that nothing was committed since an earlier call (server/walProbe.ts): the
 * same token twice means no write in between; null means it cannot tell. `alive`: false while the
 * database is known to be down (then every read asks it, and fails as without the probe).
 */
export type WriteProbe = () => string | null;
let writeProbe: { probe: WriteProbe; alive: () => boolean } | null = null;
// The token taken just before the last read of every stamp, and what that read found.
let lastProbed: { token: string; stamps: ReadonlyMap<string, string> } | null = null;

/** Uses `probe` from now on (null: none). */
export function useWriteProbe(probe: WriteProbe | null, alive: () => boolean = () => true): void {
  writeProbe = probe ? { probe, alive } : null;
  lastProbed = null;
}

/** The stamps of the last read when the probe says nothing was written since it began; else null. */
function stampsIfNothingWritten(): ReadonlyMap<string, string> | null {
  const known = lastProbed;
  const full = lastFull;
  if (!writeProbe || !known || !full || Date.now() - full.at >= FULL_READ_MS || !writeProbe.alive()) return null;
  return writeProbe.probe() === known.token ? known.stamps : null;
}

/** A document of the stamps collection that only the write probe's check at start writes (server/main.ts). */
const PROBE_KEY = 'stamps:probe';
export async function writeForProbeCheck(): Promise<void> {
  const update = { $set: { stamp: randomUUID() } };
  await upsertOrUpdate((upsert) => stampRows().updateOne({ _id: PROBE_KEY }, update, { upsert }));
}

/** Every stamp, from a read that started after this call, shared with concurrent callers. */
export function readAllStampsFresh(): Promise<ReadonlyMap<string, string>> {
  const unchanged = stampsIfNothingWritten(); // (the probe is read now, after the caller asked)
  if (unchanged) return Promise.resolve(unchanged);
  if (next) return next.promise;
  let start!: () => void;
  const promise = new Promise<ReadonlyMap<string, string>>((resolve, reject) => {
    start = () => {
      next = null; // callers from now on need a read that starts after them
      // Outside any request's scope: this read is how caches check freshness, shared by many
      // requests, not a data read of the one that happened to start it (server/db.ts).
      reading = true;
      requestScope.exit(readAllStamps).then(resolve, reject).finally(() => {
        reading = false;
        next?.start(); // (made while this read ran: its callers have waited long enough)
      });
    };
  });
  next = { promise, start };
  if (!reading) setImmediate(start);
  return promise;
}

/**
 * Every request runs in a scope (server/app.ts): its first stamp read is shared by the rest of the
 * request, so a request waits for at most one stamp read whatever caches it consults. A read that
 * started after the request did sees every write that returned before the request arrived.
 */
export interface RequestScope {
  /** The request's one read of every stamp (the first asked for), shared by its caches. */
  stamps?: Promise<ReadonlyMap<string, string>>;
  /** Set when the request sent the database any command but the shared read of every stamp (server/db.ts). */
  readDatabase?: boolean;
  /** What the GraphQL request was, once answered (server/responseCache.ts responseCacheListener). */
  answered?: { query: boolean; errors: boolean };
  /** False while the HTTP request is being answered, true once its response is finished or closed. */
  responded?: boolean;
}
const requestScope = new AsyncLocalStorage<RequestScope>();
export function inRequestScope<T>(fn: () => T, scope: RequestScope = {}): T {
  return requestScope.run(scope, fn);
}

/** The running request's scope, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return requestScope.getStore();
}

/** readStamp(key), from a read that started after this call (or after this request began), shared. */
export function readStampFresh(key: string): Promise<string> {
  const scope = requestScope.getStore();
  const stamps = scope ? (scope.stamps ??= readAllStampsFresh()) : readAllStampsFresh();
  return stamps.then((m) => m.get(key) ?? 'none');
}

/**
 * For a cache that applies this process's own writes and adopts their stamps (the read mirrors, the
 * search snapshot): without it, a reader could see the new stamp before the write was applied (it
 * is in the database first), or keep an older stamp read at the start of its request, and either
 * way re-read the collection although the cache already held (or was about to hold) everything
 * that stamp stands for. So:
 * - `begin()` before the stamp bump names the new stamp; a reader that reads it waits (`settled`)
 *   until the write is applied (or failed) instead of refreshing;
 * - `coverAlso(covered, previous)` keeps the stamps an adopted write superseded: a state
 *   that adopted stamp B over A holds everything A stood for, so a reader holding A is served.
 */
export class OwnStamps {
  private pending = new Map<string, Promise<void>>();

  begin(prefix = ''): { stamp: string; done: () => void } {
    const stamp = prefix + randomUUID();
    let resolve!: () => void;
    this.pending.set(stamp, new Promise<void>((r) => (resolve = r)));
    return {
      stamp,
      done: () => {
        this.pending.delete(stamp);
        resolve();
      },
    };
  }

  /** Resolves once `stamp` is not one of this process's writes still being applied. */
  settled(stamp: string): Promise<void> | undefined {
    return this.pending.get(stamp);
  }
}

/** No covered stamps: a state just read from the database. */
export const NO_COVERED_STAMPS: ReadonlySet<string> = new Set();

const MAX_COVERED = 32;
/** The stamps a state covers after adopting a write that superseded `previous` (the most recent 32). */
export function coverAlso(covered: ReadonlySet<string>, previous: string): ReadonlySet<string> {
  const next = [...covered, previous];
  return new Set(next.length > MAX_COVERED ? next.slice(next.length - MAX_COVERED) : next);
}
