// Tests that write straight to the database (standing for another domain or a crash) must tell
// the API's read mirrors (services/readModel/mirror.ts), as any writer around Mongoose must: a
// "full:" stamp makes every API process reload those collections before its next query.
import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';

export async function touchMirrors(conn: mongoose.Connection, ...collections: string[]): Promise<void> {
  for (const c of collections) {
    await conn.collection<{ _id: string; stamp: string }>('indicatorstamps').updateOne({ _id: `col:${c}` }, { $set: { stamp: `full:${randomUUID()}` } }, { upsert: true });
  }
}
