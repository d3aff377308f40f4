// What the connected database can do, where it changes how we should query it.
//
// FerretDB 1.24 (SQLite backend) pushes only one filter shape down to SQL: {_id: <value>}. Every
// other filter, {_id: {$in: [...]}} included, reads and decodes the whole collection in Go
// (measured: 20 ids by $in over 10,000 documents 566 ms; the same 20 by _id one by one 25 ms).
import mongoose from 'mongoose';

let ferret: Promise<boolean> | null = null;

/** True when the server is FerretDB (its buildInfo carries ferretdbVersion). Asked once per process. */
export function isFerretDb(): Promise<boolean> {
  ferret ??= (async () => {
    const db = mongoose.connection.db;
    if (!db) {
      ferret = null;
      return false;
    }
    try {
      const info = await db.admin().command({ buildInfo: 1 });
      return Object.prototype.hasOwnProperty.call(info, 'ferretdbVersion');
    } catch {
      return false;
    }
  })();
  return ferret;
}

/** Load a batch of documents by _id with one {_id} query each instead of one $in (FerretDB). */
export async function preferPointLookups(batchSize: number): Promise<boolean> {
  return batchSize <= 200 && (await isFerretDb());
}
