// The response cache: anonymous GraphQL queries answered again from the bytes of an earlier answer
// (docs/performance.md, "Round 4"). The public search page, asked the same way by every visitor,
// costs about 2 ms of CPU to execute (20 listings with their assets and holders, validation,
// visibility, serialization); the same answer replayed costs a fraction of that.
//
// What is kept, and when it is served again (all of it, or the request runs as usual):
// - only POST /graphql on the fast path, without an Authorization header (the context depends on
//   nothing else: server/context.ts) and, in test mode, without x-test-now; the key is the URL's
//   query string and the body's exact text (at most MAX_KEY_CHARS);
// - only a query (never a mutation) answered 200 without errors, that read the shared stamps and
//   sent the database no command of its own (server/db.ts marks the request otherwise): every datum
//   it used came from a cache kept fresh by the stamps (services/sharedStamp.ts: the read mirrors,
//   the search snapshot) or from the short-TTL document cache of users and organizations, whose
//   collections are mirrored, so a write to them moves a stamp too;
// - it is kept with the stamps the request read before reading any data, and served only while a
//   fresh read of the stamps (started after the new request arrived, shared by concurrent requests,
//   as every cache here does) finds them all unchanged: so a write whose call returned, in any
//   process, is seen by the next request exactly as without this cache. One exception: stamps moved
//   only by this process's writes whose requests are not answered yet (sharedStamp.ts
//   onlyUnansweredWritesBetween): the asking request is concurrent with those writes, so the state
//   before them is a right answer (otherwise every search during a publish would execute again,
//   once per stamp the publish moves);
// - at most TTL_MS old (RESPONSE_CACHE_TTL_MS): what depends on the clock alone (a right expiring
//   today, an offer past its deadline) is at most that late; in test mode the TEST_CLOCK_FILE
//   offset must be the same too;
// - a request that finds nothing kept may wait for one asking the same that is running, under the
//   same rule (it read the same stamps as a fresh read made for the waiter);
// - bounded: MAX_ENTRIES answers, MAX_BYTES in all, none over MAX_ENTRY_BYTES (least recently
//   used dropped first).
// In test mode `x-response-cache: hit | miss` says which happened (not sent when the request could not
// use it); never elsewhere (it would tell anyone what others asked lately).
import type { GraphQLRequestListener } from '@apollo/server';
import { clockOffsetMs } from '../services/clock';
import { currentRequestScope, onlyUnansweredWritesBetween, readAllStampsFresh, type RequestScope } from '../services/sharedStamp';

export const MAX_KEY_CHARS = 8 * 1024;
const MAX_ENTRIES = 2000;
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 512 * 1024;

export interface CachedAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Entry extends CachedAnswer {
  /** The stamps the request read before reading any cached data. */
  stamps: ReadonlyMap<string, string>;
  at: number;
  clockOffset: number;
  bytes: number;
}

/** The request headers the cache looks at. */
export interface KeyedRequest {
  url: string;
  authorization: string | undefined;
  testNow: string | undefined;
}

function sameStamps(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** A request answering a key that others asking the same may wait for (see lookup). */
interface Flight {
  scope: RequestScope;
  result: Promise<CachedAnswer | null>;
}

/** What the request that runs for a key reports when done: the answer it kept, or null. */
export type FlightEnd = (kept: CachedAnswer | null) => void;

export class ResponseCache {
  private entries = new Map<string, Entry>();
  private flights = new Map<string, Flight>();
  /** Keys whose answer was kept at least once (a bounded set: cleared when full). */
  private cacheable = new Set<string>();
  private bytes = 0;

  constructor(
    readonly ttlMs: number,
    private readonly nowMs: () => number = Date.now,
    private readonly readStamps: () => Promise<ReadonlyMap<string, string>> = readAllStampsFresh,
    private readonly concurrentOnly: (older: ReadonlyMap<string, string>, newer: ReadonlyMap<string, string>) => boolean = onlyUnansweredWritesBetween,
  ) {}

  /** An answer read at `older` is right for a request that read `newer` after it arrived. */
  private stillRight(older: ReadonlyMap<string, string>, newer: ReadonlyMap<string, string>): boolean {
    return sameStamps(older, newer) || this.concurrentOnly(older, newer);
  }

  /** The key of a request that may use the cache, or null. */
  keyOf(req: KeyedRequest, text: string): string | null {
    if (this.ttlMs <= 0) return null;
    if (req.authorization !== undefined || req.testNow !== undefined) return null;
    if (text.length > MAX_KEY_CHARS) return null;
    const q = req.url.indexOf('?');
    return (q >= 0 ? req.url.slice(q) : '') + '\n' + text;
  }

  /**
   * The kept answer for `key` if it is still right, else null. A fresh read of the stamps, when
   * one was made, becomes the request's own (`scope.stamps`): it started after the request did.
   */
  async lookup(key: string, scope: RequestScope): Promise<CachedAnswer | null> {
    return (await this.kept(key, scope)) ?? (await this.joinFlight(key, scope));
  }

  /**
   * Called by a request that found nothing: it will run, and others asking the same meanwhile may
   * wait for its answer instead of running too (after a write, every visitor's next search would
   * otherwise execute at once). Returns the function to call when done, always.
   */
  begin(key: string, scope: RequestScope): FlightEnd {
    // A flight this request could not join (it read older stamps, or none yet) is replaced: requests
    // arriving from now on read stamps at least as new as this one's, so they join this one. For a
    // key answered from the cache before, the stamps are read at once (its execution would read
    // them first thing anyway), so that those requests can compare at once.
    if (this.cacheable.has(key)) scope.stamps ??= this.readStamps();
    let end!: FlightEnd;
    const flight: Flight = { scope, result: new Promise<CachedAnswer | null>((r) => (end = r)) };
    this.flights.set(key, flight);
    return (kept) => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
      end(kept);
    };
  }

  /**
   * The answer of a request running for the same key, when it read the same stamps as a fresh read
   * made for this one: then it holds every write that returned before this request arrived, as a
   * kept answer would. Only a flight that has read the stamps is joined (a query that reads no
   * cached data, `{ __typename }`, never makes a waiter read them).
   */
  private async joinFlight(key: string, scope: RequestScope): Promise<CachedAnswer | null> {
    const flight = this.flights.get(key);
    if (!flight?.scope.stamps || flight.scope.readDatabase) return null;
    scope.stamps ??= this.readStamps();
    try {
      const [mine, theirs] = await Promise.all([scope.stamps, flight.scope.stamps]);
      if (!this.stillRight(theirs, mine)) return null;
    } catch {
      return null;
    }
    return flight.result;
  }

  private async kept(key: string, scope: RequestScope): Promise<CachedAnswer | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.nowMs() - entry.at > this.ttlMs || entry.clockOffset !== clockOffsetMs()) {
      this.drop(key, entry);
      return null;
    }
    scope.stamps ??= this.readStamps();
    let current: ReadonlyMap<string, string>;
    try {
      current = await scope.stamps;
    } catch {
      return null; // the database is down: the request runs and answers that
    }
    if (!this.stillRight(entry.stamps, current)) {
      if (this.entries.get(key) === entry) this.drop(key, entry);
      return null;
    }
    if (this.entries.get(key) === entry) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Keeps an answer when the request's scope shows it may be replayed (see the file's comment). */
  async store(key: string, scope: RequestScope, answer: CachedAnswer, startedAt: number): Promise<boolean> {
    if (!scope.answered?.query || scope.answered.errors || answer.status !== 200 || scope.readDatabase || !scope.stamps) return false;
    const bytes = Buffer.byteLength(answer.body) + key.length * 2;
    if (bytes > MAX_ENTRY_BYTES) return false;
    let stamps: ReadonlyMap<string, string>;
    try {
      stamps = await scope.stamps;
    } catch {
      return false;
    }
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { status: answer.status, headers: answer.headers, body: answer.body, stamps, at: startedAt, clockOffset: clockOffsetMs(), bytes });
    this.bytes += bytes;
    if (this.cacheable.size >= MAX_ENTRIES * 4) this.cacheable.clear();
    this.cacheable.add(key);
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.drop(oldestKey, oldest);
    }
    return true;
  }

  /** How many answers are kept and their size (for tests and benches). */
  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** Tells the request's scope whether it was a query and whether it answered errors. */
export function responseCacheListener<C extends object>(): GraphQLRequestListener<C> {
  return {
    async willSendResponse({ operation, response }) {
      const scope = currentRequestScope();
      if (!scope) return;
      const errors = response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0;
      scope.answered = { query: operation?.operation === 'query', errors };
    },
  };
}
