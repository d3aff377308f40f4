// Single-document atomicity, on every backend we support.
//
// MongoDB applies a conditional findOneAndUpdate atomically. FerretDB 1.24 does not: it reads,
// then writes, so concurrent updates of one document interleave (measured here on both its SQLite
// and PostgreSQL backends: 30 concurrent {$inc: 1} left 4; 50 concurrent claims with {pledge: null}
// as the condition let 8 "win"). So every update of an existing document goes through this module,
// which serializes updates of the same document inside this process. That makes the embedded
// default (one API process, its own FerretDB) correct; several API instances need MongoDB
// (README, "Running in production").
//
// Conditions checked in this process (FerretDB with the single-process lease only): FerretDB 1.24's
// SQLite backend pushes a filter down to SQL only when it is exactly {_id}; a conditional update
// such as {_id, status: 'DRAFT'} decodes every document of the collection to find one (hundreds of
// milliseconds at Hegang's scale, seconds under load). When this process is the only writer (the
// lease, server/dbLease.ts) and holds the document's lock, reading the document by _id, testing the
// conditions here (MongoDB's matching rules, services/readModel/mirror.ts) and updating by _id alone
// is the same read-then-write FerretDB would do, at two indexed round trips. Anything the matcher
// does not implement goes to the database as the full conditional update. MongoDB, or FerretDB
// without the lease, always gets the full conditional update.
import type { Model, UpdateQuery } from 'mongoose';
import { tryMatchesFilter } from './readModel/mirror';

const tails = new Map<string, Promise<void>>();

/** Runs fn after every earlier fn with the same key has finished (a keyed FIFO mutex). */
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

let conditionsCheckedHere = false;

/** Set once at start: true only on FerretDB while this process holds the single-writer lease. */
export function checkConditionsInProcess(on: boolean): void {
  conditionsCheckedHere = on;
}

/**
 * The filter to send for a conditional update of one document (called under its lock): the filter
 * itself, or, when conditions are checked here (above), `{_id}` alone once the stored document is
 * read and matches, or null when it does not match (or is gone). `cast` gives the filter as stored
 * values compare (Mongoose's casting; the driver's callers pass it cast already).
 */
async function filterToSend<F extends Record<string, unknown> & { _id: unknown }>(model: Model<any>, filter: F, cast: () => Record<string, unknown>): Promise<F | { _id: unknown } | null> {
  if (!conditionsCheckedHere || Object.keys(filter).length <= 1) return filter;
  const castFilter = cast(); // its _id too: a caller may name the document by its id as a string
  const current = (await model.collection.findOne({ _id: castFilter._id as never })) as Record<string, unknown> | null;
  if (!current) return null;
  const match = tryMatchesFilter(current, castFilter);
  if (match === null) return filter; // something the matcher does not implement: the database decides
  return match ? { _id: filter._id } : null;
}

/**
 * The driver's findOneAndUpdate of one document (the filter must name its _id and be cast already),
 * under the document's lock, checking the conditions in this process where that is exact (above).
 */
export async function rawUpdateOneDoc(
  model: Model<any>,
  filter: Record<string, unknown> & { _id: unknown },
  update: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  return withLock(docKey(model, filter._id), async () => {
    const send = await filterToSend(model, filter, () => filter);
    if (!send) return null;
    return (await model.collection.findOneAndUpdate(send as never, update as never, { returnDocument: 'after' })) as Record<string, unknown> | null;
  });
}

export function docKey(model: Model<any>, id: unknown): string {
  return `${model.modelName}:${String(id)}`;
}

/**
 * findOneAndUpdate on one document (the filter must name its _id), applied atomically with
 * respect to every other update of that document made through this module. Returns the updated
 * document, or null when the filter's conditions did not match.
 */
export async function updateOneDoc<D>(
  model: Model<any>,
  filter: Record<string, unknown> & { _id: unknown },
  update: UpdateQuery<unknown>,
): Promise<D | null> {
  const updated = await withLock(docKey(model, filter._id), async () => {
    const send = await filterToSend(model, filter, () => {
      const query = model.find(filter);
      query.cast(model);
      return query.getFilter() as Record<string, unknown>;
    });
    if (!send) return null;
    return (await model.findOneAndUpdate(send, update, { returnDocument: 'after' })) as D | null;
  });
  if (updated) for (const fn of updateListeners.get(model.modelName) ?? []) fn(updated);
  return updated;
}

/**
 * Per-process read caches (services/readModel/) learn here of every update made through
 * updateOneDoc in this process, with the updated document, so they never serve this process an
 * older version. Listeners must be synchronous and cheap.
 */
const updateListeners = new Map<string, ((doc: unknown) => void)[]>();
export function onDocUpdated(modelName: string, fn: (doc: unknown) => void): void {
  updateListeners.set(modelName, [...(updateListeners.get(modelName) ?? []), fn]);
}
