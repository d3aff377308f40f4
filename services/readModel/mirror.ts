// Read mirrors: the one data-access seam that works around FerretDB 1.24's query costs.
//
// FerretDB 1.24 (SQLite) answers every filter but a plain `_id` equality by reading and decoding
// the whole collection (docs/listings.md, docs/financing.md), so "my assets", "my deals", a bank's
// queue or an asset loaded by a DataLoader's `$in` cost a full collection decode each: seconds at
// Hegang's scale. A mirror keeps a whole collection in memory, per API process, and answers the
// model's `find`, `findOne` and `countDocuments` queries from it with MongoDB's matching and sort
// rules (below), transparently to the services: they keep writing ordinary Mongoose queries, which
// stay right for MongoDB (READ_MIRROR=off sends every query to the database again).
//
// Freshness, the shared-stamp pattern (services/sharedStamp.ts), one stamp per collection
// ("col:<collection>"):
// - every write through Mongoose in this process (save/create, insertMany, every update and delete,
//   bulkWrite: the model's collection object is wrapped) re-reads the written documents by `_id`
//   (the one filter FerretDB pushes down; a write it cannot attribute to ids reloads the
//   collection), applies them to the mirror, then bumps the stamp, all before the write returns;
// - every answered query first reads the stamps (one small read, shared by concurrent queries and
//   started after the query was asked: readStampFresh), and a mirror whose stamp moved (a write by
//   another process) re-reads the documents changed since its last refresh (updatedAt >= start of
//   that refresh − 2 min) before answering. A full reload happens at the first query and every 10
//   minutes (documents deleted by another process disappear then).
// So a write whose call returned is seen by the next query in every process, as without the mirror.
// Writes made around Mongoose (the driver's own collection objects, another program) must call
// touchMirror(collectionName) afterwards, as any writer of a shared stamp must.
//
// Equality on `_id` or on a field (alone, in $and, in every branch of an $or, or a short $in) is
// served from an index built on first use and kept up to date (each element of an array field is
// indexed), so "my assets" or a loader's `$in` reads its documents, not the whole collection.
//
// Aggregations of the form [$match, $group with $sum accumulators] (facets, totals) are answered
// from the mirror too (answerAggregate).
//
// Answered in memory: equality (arrays match by element, null matches missing), $eq $ne $in $nin
// $gt $gte $lt $lte $exists $regex $and $or $nor, dotted paths into subdocuments; sort on any
// fields (BSON type order, then value), skip, limit; lean or hydrated documents (a copy: callers
// may change what they get; or, for queries marked readOnlyResults, the mirror's own objects). Anything else (populate, projections that compute, aggregation,
// distinct, cursors, $elemMatch, ...) goes to the database unchanged. A projection is ignored: the
// whole document is returned (a superset of the selected fields).
//
// Memory: the lean documents of the mirrored collections (MIRRORED below), about 2-5 KB each: some
// 40 MB at Hegang's scale. Not for collections that grow without bound (audit, events, deltas).
import mongoose, { type Model, type Types } from 'mongoose';
import { coverAlso, NO_COVERED_STAMPS, OwnStamps, readStampFresh, touchStamp } from '../sharedStamp';

export const READ_MIRROR = (process.env.READ_MIRROR ?? 'on') !== 'off';
const MARGIN_MS = 120_000;
const FULL_RELOAD_MS = 10 * 60_000;
const MAX_REREAD = 20; // a write touching more documents reloads the collection instead

type Plain = Record<string, unknown> & { _id: Types.ObjectId };
class Unsupported extends Error {}

// ---------- MongoDB matching and ordering, in the application ----------
const isOid = (v: unknown): v is Types.ObjectId => typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId';
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !isOid(v) && !(v instanceof RegExp);

/** The values at a dotted path (arrays of subdocuments fan out, as in MongoDB). */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) return doc.flatMap((e) => (isPlainObject(e) ? valuesAt(e, path) : []));
  if (!isPlainObject(doc)) return [undefined];
  return valuesAt(doc[path[0]!], path.slice(1));
}

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (isPlainObject(v)) return 4;
  if (Array.isArray(v)) return 5;
  if (isOid(v)) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  return 10;
}

/** BSON comparison for sorting: type order first, then the value. */
export function bsonCompare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (isOid(a)) return Buffer.compare(a.id, (b as Types.ObjectId).id);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date) return a.getTime() - (b as Date).getTime();
  if (ra === 1) return 0;
  throw new Unsupported('compare');
}

function scalarEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (isOid(a) && isOid(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => scalarEq(x, b[i]));
  if (isPlainObject(a) || isPlainObject(b)) throw new Unsupported('subdocument equality');
  return false;
}

/** Equality as MongoDB applies it to a field: an array matches when it or an element equals. */
function fieldEq(values: unknown[], x: unknown): boolean {
  if (x instanceof RegExp) return values.some((v) => (Array.isArray(v) ? v : [v]).some((e) => typeof e === 'string' && x.test(e)));
  if (x === null) return values.some((v) => v === null || v === undefined || (Array.isArray(v) && v.includes(null)));
  return values.some((v) => scalarEq(v, x) || (Array.isArray(v) && v.some((e) => scalarEq(e, x))));
}

const regexCache = new Map<string, RegExp>();
function regexOf(arg: unknown, options?: unknown): RegExp {
  if (arg instanceof RegExp) return arg;
  if (typeof arg !== 'string') throw new Unsupported('$regex');
  const key = `${String(options ?? '')}/${arg}`;
  let re = regexCache.get(key);
  if (!re) {
    if (regexCache.size > 10_000) regexCache.clear();
    re = new RegExp(arg, typeof options === 'string' ? options : '');
    regexCache.set(key, re);
  }
  return re;
}

function rangeMatch(values: unknown[], op: string, arg: unknown): boolean {
  const elems = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  return elems.some((e) => {
    if (e === undefined || e === null || typeRank(e) !== typeRank(arg)) return false; // range operators compare within one type
    const c = bsonCompare(e, arg);
    return op === '$lt' ? c < 0 : op === '$lte' ? c <= 0 : op === '$gt' ? c > 0 : c >= 0;
  });
}

function opMatch(values: unknown[], op: string, arg: unknown, spec: Record<string, unknown>): boolean {
  switch (op) {
    case '$eq':
      return fieldEq(values, arg);
    case '$ne':
      return !fieldEq(values, arg);
    case '$in':
      if (!Array.isArray(arg)) throw new Unsupported('$in');
      return arg.some((x) => fieldEq(values, x));
    case '$nin':
      if (!Array.isArray(arg)) throw new Unsupported('$nin');
      return !arg.some((x) => fieldEq(values, x));
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte':
      return rangeMatch(values, op, arg);
    case '$exists':
      return values.some((v) => v !== undefined) === Boolean(arg);
    case '$regex':
      return fieldEq(values, regexOf(arg, spec.$options));
    case '$options':
      return true;
    default:
      throw new Unsupported(op);
  }
}

export function matchesFilter(doc: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  for (const [key, spec] of Object.entries(filter)) {
    if (key === '$and') {
      if (!(spec as Record<string, unknown>[]).every((c) => matchesFilter(doc, c))) return false;
    } else if (key === '$or') {
      if (!(spec as Record<string, unknown>[]).some((c) => matchesFilter(doc, c))) return false;
    } else if (key === '$nor') {
      if ((spec as Record<string, unknown>[]).some((c) => matchesFilter(doc, c))) return false;
    } else if (key.startsWith('$')) {
      throw new Unsupported(key);
    } else {
      const values = valuesAt(doc, key.split('.'));
      if (isPlainObject(spec) && Object.keys(spec).length > 0 && Object.keys(spec).every((k) => k.startsWith('$'))) {
        for (const [op, arg] of Object.entries(spec)) if (!opMatch(values, op, arg, spec)) return false;
      } else if (!fieldEq(values, spec)) return false;
    }
  }
  return true;
}

function sortKeyOf(doc: Record<string, unknown>, path: string, dir: number): unknown {
  const vs = valuesAt(doc, path.split('.')).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (vs.length <= 1) return vs[0];
  return vs.reduce((best, v) => (bsonCompare(v, best) * dir < 0 ? v : best)); // arrays sort by their min (asc) or max (desc)
}

/** A deep copy of a lean document (ObjectIds are immutable and shared; Dates and containers copied). */
function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = copy(v[k]);
    return out as T;
  }
  return v;
}

// ---------- the mirror of one collection ----------
interface State {
  docs: Map<string, Plain>;
  /** Equality indexes built on first use: field -> value key -> ids (array fields: each element). */
  indexes: Map<string, Map<string, Set<string>>>;
  stamp: string;
  /** Older stamps whose writes this state holds too (superseded by this process's adopted writes). */
  covered: ReadonlySet<string>;
  readSeq: number;
  startedAt: number;
  fullAt: number;
}

let seq = 0;

/** The key of a scalar for an equality index, or null when the value cannot be indexed. */
function indexKey(v: unknown): string | null {
  if (isOid(v)) return `o:${v.toHexString()}`;
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  return null;
}

function indexAdd(index: Map<string, Set<string>>, field: string, doc: Plain): void {
  const id = String(doc._id);
  for (const v of valuesAt(doc, field.split('.'))) {
    for (const e of Array.isArray(v) ? v : [v]) {
      const k = indexKey(e);
      if (k === null) continue;
      let set = index.get(k);
      if (!set) index.set(k, (set = new Set()));
      set.add(id);
    }
  }
}

function indexRemove(index: Map<string, Set<string>>, field: string, doc: Plain): void {
  const id = String(doc._id);
  for (const v of valuesAt(doc, field.split('.'))) for (const e of Array.isArray(v) ? v : [v]) index.get(indexKey(e) ?? '')?.delete(id);
}

/** Puts or removes a document, keeping the built indexes right. */
function put(state: { docs: Map<string, Plain>; indexes: Map<string, Map<string, Set<string>>> }, doc: Plain): void {
  const id = String(doc._id);
  const old = state.docs.get(id);
  for (const [field, index] of state.indexes) {
    if (old) indexRemove(index, field, old);
    indexAdd(index, field, doc);
  }
  state.docs.set(id, doc);
}
function remove(state: { docs: Map<string, Plain>; indexes: Map<string, Map<string, Set<string>>> }, id: string): void {
  const old = state.docs.get(id);
  if (!old) return;
  for (const [field, index] of state.indexes) indexRemove(index, field, old);
  state.docs.delete(id);
}

/**
 * A superset of the documents matching the filter, from `_id` or an equality index, or null (scan).
 * The filter is still applied to each candidate, so this only has to not miss any.
 */
function candidates(state: State, filter: Record<string, unknown>): Plain[] | null {
  const byIds = (ids: unknown[]): Plain[] => ids.map((i) => (isOid(i) ? state.docs.get(i.toHexString()) : undefined)).filter((d): d is Plain => d !== undefined);
  const lookup = (field: string, values: unknown[]): Plain[] | null => {
    const keys = values.map(indexKey);
    if (keys.some((k) => k === null)) return null;
    let index = state.indexes.get(field);
    if (!index) {
      index = new Map();
      for (const d of state.docs.values()) indexAdd(index, field, d);
      state.indexes.set(field, index);
    }
    const ids = new Set<string>();
    for (const k of keys) for (const id of index.get(k!) ?? []) ids.add(id);
    return [...ids].map((id) => state.docs.get(id)!).filter(Boolean);
  };
  let best: Plain[] | null = null;
  const consider = (c: Plain[] | null) => {
    if (c && (!best || c.length < best.length)) best = c;
  };
  for (const [key, spec] of Object.entries(filter)) {
    if (key === '$and') for (const sub of spec as Record<string, unknown>[]) consider(candidates(state, sub));
    else if (key === '$or') {
      const parts = (spec as Record<string, unknown>[]).map((sub) => candidates(state, sub));
      if (parts.every((p) => p !== null)) {
        const seen = new Map<string, Plain>();
        for (const p of parts) for (const d of p!) seen.set(String(d._id), d);
        consider([...seen.values()]);
      }
    } else if (key.startsWith('$')) continue;
    else if (key === '_id') {
      if (isOid(spec)) consider(byIds([spec]));
      else if (isPlainObject(spec) && Array.isArray(spec.$in) && Object.keys(spec).length === 1) consider(byIds(spec.$in));
    } else if (isPlainObject(spec)) {
      if (Array.isArray(spec.$in) && Object.keys(spec).length === 1 && spec.$in.length <= 50) consider(lookup(key, spec.$in));
    } else if (spec !== null && !Array.isArray(spec) && !(spec instanceof RegExp) && !(spec instanceof Date)) consider(lookup(key, [spec]));
  }
  return best;
}

class Mirror {
  readonly key: string;
  private state: State | null = null;
  private inflight: Promise<State> | null = null;
  private forceFull = false;
  /**
   * Documents this process deleted, with the sequence number of the removal. A refresh whose read
   * began before a removal (its readSeq is lower) may still hold the deleted document: it must not
   * put it back (a failed sign-up's organization would otherwise block its credit code).
   */
  private tombstones = new Map<string, { seq: number; at: number }>();
  private readonly own = new OwnStamps();

  private deletedSince(id: string, readSeq: number): boolean {
    const t = this.tombstones.get(id);
    return !!t && t.seq > readSeq;
  }

  private pruneTombstones(): void {
    if (this.tombstones.size < 10_000) return;
    const cutoff = Date.now() - FULL_RELOAD_MS - MARGIN_MS;
    for (const [id, t] of this.tombstones) if (t.at < cutoff) this.tombstones.delete(id);
  }

  constructor(readonly model: Model<any>) {
    this.key = `col:${model.collection.collectionName}`;
  }

  private raw() {
    return mongoose.connection.db!.collection(this.model.collection.collectionName);
  }

  private async refresh(prev: State | null): Promise<State> {
    const readSeq = ++seq;
    const startedAt = Date.now();
    const stamp = await readStampFreshOrRead(this.key);
    if (!prev || this.forceFull || startedAt - prev.fullAt >= FULL_RELOAD_MS) {
      this.forceFull = false;
      const rows = ((await this.raw().find({}).toArray()) as Plain[]).filter((r) => !this.deletedSince(String(r._id), readSeq));
      return { docs: new Map(rows.map((r) => [String(r._id), r])), indexes: new Map(), stamp, covered: NO_COVERED_STAMPS, readSeq, startedAt, fullAt: startedAt };
    }
    const rows = (await this.raw().find({ updatedAt: { $gte: new Date(prev.startedAt - MARGIN_MS) } }).toArray()) as Plain[];
    for (const r of rows) if (!this.deletedSince(String(r._id), readSeq)) put(prev, r); // in place: queries are answered synchronously
    return { docs: prev.docs, indexes: prev.indexes, stamp, covered: NO_COVERED_STAMPS, readSeq, startedAt, fullAt: prev.fullAt };
  }

  private refreshOnce(): Promise<State> {
    this.inflight ??= this.refresh(this.state).then(
      (s) => {
        if (!this.state || s.readSeq > this.state.readSeq) this.state = s;
        this.inflight = null;
        return s;
      },
      (err) => {
        this.inflight = null;
        throw err;
      },
    );
    return this.inflight;
  }

  /** The documents as of now: every write whose call returned before this one is in them. */
  async current(): Promise<State> {
    const mySeq = ++seq;
    const stamp = await readStampFresh(this.key);
    await this.own.settled(stamp); // one of our own writes, being applied: wait for it, do not re-read
    const s = this.state;
    if (s && (s.stamp === stamp || s.covered.has(stamp)) && !this.forceFull && Date.now() - s.fullAt < FULL_RELOAD_MS) return s;
    // "full:" stamps come from writers around Mongoose (touchMirror(name, {full: true})): their
    // documents may not carry a new updatedAt, so reload the whole collection.
    if (s && s.stamp !== stamp && stamp.startsWith('full:')) this.forceFull = true;
    for (;;) {
      const r = await this.refreshOnce();
      if (r.readSeq > mySeq) return r;
    }
  }

  /** After a write through Mongoose in this process: apply it, then bump the stamp. */
  async afterWrite(ids: Types.ObjectId[] | 'all', deleted: boolean): Promise<void> {
    try {
      await this.applyWrite(ids, deleted);
    } finally {
      notifyWrite(this.model.modelName, ids === 'all' ? 'all' : ids.map(String));
    }
  }

  private async applyWrite(ids: Types.ObjectId[] | 'all', deleted: boolean): Promise<void> {
    if (deleted && ids !== 'all') {
      for (const id of ids) this.tombstones.set(String(id), { seq: ++seq, at: Date.now() });
      this.pruneTombstones();
    }
    let rows: Plain[] = [];
    if (ids === 'all' || ids.length > MAX_REREAD) this.forceFull = true;
    else if (!deleted && ids.length > 0) {
      rows = (await Promise.all(ids.map((id) => this.raw().findOne({ _id: id })))).filter((r): r is Plain => r !== null);
    }
    const own = this.own.begin();
    try {
      const { previous, stamp } = await touchStamp(this.key, '', own.stamp);
      const s = this.state;
      if (!s || this.forceFull) return;
      if (deleted && ids !== 'all') for (const id of ids) remove(s, String(id));
      else if (ids !== 'all') {
        const found = new Set(rows.map((r) => String(r._id)));
        for (const r of rows) put(s, r);
        for (const id of ids) if (!found.has(String(id))) remove(s, String(id));
      }
      // Our change is applied; when nobody else wrote since our last refresh, our stamp is current
      // (and a reader holding the stamp we replaced is served too: the state holds its writes).
      if (s.stamp === previous && !this.inflight) this.state = { ...s, stamp, covered: coverAlso(s.covered, previous), readSeq: ++seq };
    } finally {
      own.done();
    }
  }

  /** Answers a query from the mirror, or returns BYPASS. */
  async answer(q: mongoose.Query<unknown, unknown>): Promise<unknown> {
    const qq = q as unknown as {
      op: string;
      _mongooseOptions: { lean?: unknown; populate?: unknown };
      _transforms?: unknown[];
      options: { sort?: Record<string, unknown>; limit?: number; skip?: number; session?: unknown; collation?: unknown };
    };
    const op = qq.op;
    if (op !== 'find' && op !== 'findOne' && op !== 'countDocuments') return BYPASS;
    const lean = qq._mongooseOptions.lean;
    if (qq._mongooseOptions.populate || (qq._transforms?.length ?? 0) > 0 || qq.options.session || qq.options.collation) return BYPASS;
    if (lean !== undefined && lean !== null && typeof lean !== 'boolean') return BYPASS;
    const sort = qq.options.sort ?? {};
    if (Object.values(sort).some((d) => d !== 1 && d !== -1)) return BYPASS;
    let filter: Record<string, unknown>;
    try {
      q.cast(this.model);
      filter = q.getFilter() as Record<string, unknown>;
    } catch {
      return BYPASS; // a cast error: let the database path raise it as before
    }
    const state = await this.current();
    let hits: Plain[];
    try {
      hits = [];
      const some = candidates(state, filter);
      for (const d of some ?? state.docs.values()) if (matchesFilter(d, filter)) hits.push(d);
      const keys = Object.entries(sort) as [string, 1 | -1][];
      // No sort: the database's natural (insertion) order, which _id order approximates for candidates.
      if (some && keys.length === 0) hits.sort((x, y) => bsonCompare(x._id, y._id));
      if (keys.length > 0) {
        const decorated = hits.map((d) => ({ d, k: keys.map(([p, dir]) => sortKeyOf(d, p, dir)) }));
        decorated.sort((a, b) => {
          for (let i = 0; i < keys.length; i++) {
            const c = bsonCompare(a.k[i], b.k[i]) * keys[i]![1];
            if (c !== 0) return c;
          }
          return 0;
        });
        hits = decorated.map((x) => x.d);
      }
    } catch (err) {
      if (err instanceof Unsupported) return BYPASS;
      throw err;
    }
    const skip = qq.options.skip ?? 0;
    const limit = op === 'findOne' ? 1 : (qq.options.limit ?? 0);
    hits = hits.slice(skip, limit > 0 ? skip + limit : undefined);
    if (op === 'countDocuments') return hits.length;
    const shared = lean && sharedReads.has(q);
    const out = hits.map((d) => (shared ? d : lean ? copy(d) : this.model.hydrate(copy(d))));
    return op === 'findOne' ? (out[0] ?? null) : out;
  }
}

const BYPASS = Symbol('bypass');

/**
 * Lean queries whose caller only reads what it gets (services/loaders.ts, the read-only loaders):
 * answered with the mirror's own objects, not copies (copying was a tenth of a results page's
 * CPU). Such results must never be modified.
 */
const sharedReads = new WeakSet<object>();
export function readOnlyResults<Q extends object>(query: Q): Q {
  sharedReads.add(query);
  return query;
}

/**
 * The aggregations the services run, answered from a mirror: exactly [$match, $group] where the
 * group key is a field ("$status"), an object of fields ({k: "$assetKind", m: "$modes"}) or null,
 * and every accumulator is {$sum: <number or "$field">}. Anything else: BYPASS.
 */
async function answerAggregate(m: Mirror, pipeline: unknown[]): Promise<unknown> {
  if (pipeline.length !== 2) return BYPASS;
  const [match, group] = pipeline as Record<string, unknown>[];
  if (!match || !group || Object.keys(match).join() !== '$match' || Object.keys(group).join() !== '$group') return BYPASS;
  const spec = group.$group as Record<string, unknown>;
  const field = (ref: unknown): string[] | null => (typeof ref === 'string' && ref.startsWith('$') ? ref.slice(1).split('.') : null);
  const idSpec = spec._id;
  let keyOf: (d: Plain) => unknown;
  if (idSpec === null) keyOf = () => null;
  else if (field(idSpec)) keyOf = (d) => valuesAt(d, field(idSpec)!)[0] ?? null;
  else if (isPlainObject(idSpec) && Object.values(idSpec).every((v) => field(v))) {
    const parts = Object.entries(idSpec).map(([k, v]) => [k, field(v)!] as const);
    keyOf = (d) => {
      const out: Record<string, unknown> = {};
      for (const [k, path] of parts) {
        const v = valuesAt(d, path)[0];
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
  } else return BYPASS;
  const accs = Object.entries(spec).filter(([k]) => k !== '_id');
  for (const [, a] of accs) {
    if (!isPlainObject(a) || Object.keys(a).join() !== '$sum') return BYPASS;
    if (typeof a.$sum !== 'number' && !field(a.$sum)) return BYPASS;
  }
  const state = await m.current();
  const groups = new Map<string, Record<string, unknown>>();
  const serial = (v: unknown): string => JSON.stringify(v, (_k, x) => (isOid(x) ? `oid:${String(x)}` : x));
  try {
    const filter = match.$match as Record<string, unknown>;
    for (const d of candidates(state, filter) ?? state.docs.values()) {
      if (!matchesFilter(d, filter)) continue;
      const key = keyOf(d);
      const k = serial(key);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { _id: copy(key), ...Object.fromEntries(accs.map(([name]) => [name, 0])) }));
      for (const [name, a] of accs) {
        const sum = (a as { $sum: unknown }).$sum;
        const v = typeof sum === 'number' ? sum : valuesAt(d, field(sum)!)[0];
        if (typeof v === 'number') g[name] = (g[name] as number) + v;
      }
    }
  } catch (err) {
    if (err instanceof Unsupported) return BYPASS;
    throw err;
  }
  return [...groups.values()];
}

async function readStampFreshOrRead(key: string): Promise<string> {
  return readStampFresh(key);
}

// ---------- wiring: which collections, the write wrappers, the query hook ----------
const mirrors = new Map<string, Mirror>(); // by model name

/**
 * Listeners told of every write through Mongoose to a mirrored collection in this process, once
 * the mirror holds it (the ids written, or 'all'): the short-TTL document cache (docCache.ts)
 * drops what it held of them, whatever path the write took. Synchronous and cheap.
 */
const writeListeners = new Map<string, ((ids: string[] | 'all') => void)[]>();
export function onMirroredWrite(modelName: string, fn: (ids: string[] | 'all') => void): void {
  writeListeners.set(modelName, [...(writeListeners.get(modelName) ?? []), fn]);
}
function notifyWrite(modelName: string, ids: string[] | 'all'): void {
  for (const fn of writeListeners.get(modelName) ?? []) fn(ids);
}

function idsOfFilter(filter: unknown): Types.ObjectId[] | 'all' {
  if (!isPlainObject(filter)) return 'all';
  const id = filter._id;
  if (isOid(id)) return [id];
  if (typeof id === 'string' && mongoose.isValidObjectId(id)) return [new mongoose.Types.ObjectId(id)];
  if (isPlainObject(id) && Array.isArray(id.$in) && id.$in.every(isOid)) return id.$in as Types.ObjectId[];
  return 'all';
}

function wrapWrites(m: Mirror): void {
  const coll = m.model.collection as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const wrap = (name: string, affected: (args: unknown[], res: unknown) => { ids: Types.ObjectId[] | 'all'; deleted: boolean }) => {
    const original = coll[name]!;
    coll[name] = async function (this: unknown, ...args: unknown[]) {
      let res: unknown;
      try {
        res = await original.apply(this, args);
      } catch (err) {
        await m.afterWrite('all', false).catch(() => undefined); // a partial bulk write may have written some
        throw err;
      }
      const a = affected(args, res);
      await m.afterWrite(a.ids, a.deleted);
      return res;
    };
  };
  const docId = (d: unknown) => (isPlainObject(d) && isOid(d._id) ? d._id : null);
  wrap('insertOne', (args) => ({ ids: docId(args[0]) ? [docId(args[0])!] : 'all', deleted: false }));
  wrap('insertMany', (args) => {
    const ids = (args[0] as unknown[]).map(docId);
    return { ids: ids.every((x) => x) ? (ids as Types.ObjectId[]) : 'all', deleted: false };
  });
  for (const name of ['updateOne', 'replaceOne', 'updateMany']) {
    wrap(name, (args) => {
      const opts = args[2] as { upsert?: boolean } | undefined;
      return { ids: opts?.upsert ? 'all' : idsOfFilter(args[0]), deleted: false };
    });
  }
  // A delete that removed nothing (its filter named an _id but another condition failed, e.g. someone
  // else's saved search) must not remove or tombstone that document here.
  for (const name of ['deleteOne', 'deleteMany']) {
    wrap(name, (args, res) => ({ ids: (res as { deletedCount?: number } | null)?.deletedCount === 0 ? [] : idsOfFilter(args[0]), deleted: true }));
  }
  for (const name of ['findOneAndUpdate', 'findOneAndReplace']) {
    wrap(name, (args, res) => {
      const doc = isPlainObject(res) && 'value' in res && 'ok' in res ? res.value : res;
      const id = docId(doc);
      const opts = args[2] as { upsert?: boolean } | undefined;
      if (id && !opts?.upsert) return { ids: [id], deleted: false };
      return { ids: doc === null && !opts?.upsert ? [] : idsOfFilter(args[0]), deleted: false };
    });
  }
  wrap('findOneAndDelete', (args, res) => {
    const doc = isPlainObject(res) && 'value' in res && 'ok' in res ? res.value : res;
    const id = docId(doc);
    return { ids: id ? [id] : doc === null ? [] : idsOfFilter(args[0]), deleted: true };
  });
  wrap('bulkWrite', () => ({ ids: 'all', deleted: false }));
}

let hooked = false;
function hookQueries(): void {
  if (hooked) return;
  hooked = true;
  const originalAggregate = mongoose.Aggregate.prototype.exec;
  mongoose.Aggregate.prototype.exec = async function exec(this: mongoose.Aggregate<unknown>) {
    const self = this as unknown as { _model?: Model<any>; pipeline(): unknown[]; options?: Record<string, unknown> };
    const m = self._model ? mirrors.get(self._model.modelName) : undefined;
    if (m && (!self.options || Object.keys(self.options).length === 0)) {
      const res = await answerAggregate(m, self.pipeline());
      if (res !== BYPASS) return res;
    }
    return (originalAggregate as () => Promise<unknown>).apply(this);
  } as typeof originalAggregate;
  const original = mongoose.Query.prototype.exec;
  mongoose.Query.prototype.exec = async function exec(this: mongoose.Query<unknown, unknown>, ...args: unknown[]) {
    const m = this.model ? mirrors.get(this.model.modelName) : undefined;
    if (m && args.length === 0) {
      const res = await m.answer(this);
      if (res !== BYPASS) return res;
    }
    return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  } as typeof original;
}

/** Mirrors these models' collections in this process (no-op with READ_MIRROR=off). */
export function mirrorModels(models: Model<any>[]): void {
  if (!READ_MIRROR) return;
  hookQueries();
  for (const model of models) {
    if (mirrors.has(model.modelName)) continue;
    const m = new Mirror(model);
    mirrors.set(model.modelName, m);
    wrapWrites(m);
  }
}

/** For writers around Mongoose (driver collections, other programs): call after the write. */
export async function touchMirror(collectionName: string, opts: { full?: boolean } = {}): Promise<void> {
  await touchStamp(`col:${collectionName}`, opts.full ? 'full:' : '');
}
