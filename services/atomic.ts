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
// A conditional update is one findOneAndUpdate with its whole filter. On the embedded FerretDB as
// scripts/ferretdb/build.sh builds it, a filter naming an _id is narrowed to that document in SQL
// through the _id index, whatever else it names (upstream 1.24 decoded the whole collection for
// {_id, status: 'DRAFT'}, which is why an earlier round read the document and tested the conditions
// here, in two round trips, with a wider window between the read and the write than FerretDB's own).
import type { Model, UpdateQuery } from 'mongoose';
import { isDuplicateKey } from './errors';

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

/**
 * The driver's findOneAndUpdate of one document (the filter must name its _id and be cast already),
 * under the document's lock.
 */
export async function rawUpdateOneDoc(
  model: Model<any>,
  filter: Record<string, unknown> & { _id: unknown },
  update: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  return withLock(docKey(model, filter._id), async () => (await model.collection.findOneAndUpdate(filter as never, update as never, { returnDocument: 'after' })) as Record<string, unknown> | null);
}

/**
 * `write(true)`, an upsert; when a concurrent upsert of the same key inserted first (duplicate key),
 * `write(false)`, the same update of the document that now exists. Both writes then apply, on
 * MongoDB as on FerretDB.
 */
export async function upsertOrUpdate<T>(write: (upsert: boolean) => Promise<T>): Promise<T> {
  try {
    return await write(true);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return write(false);
  }
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
  const updated = await withLock(docKey(model, filter._id), async () => (await model.findOneAndUpdate(filter, update, { returnDocument: 'after' })) as D | null);
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
