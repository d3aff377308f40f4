// Tests that write straight to the database (standing for another domain or a crash) must tell
// the API's read mirrors (services/readModel/mirror.ts), as any writer around Mongoose must: a
// "full:" stamp makes every API process reload those collections before its next query.
import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';
import { GENERATION_KEY } from '../../services/sharedStamp';

export async function touchMirrors(conn: mongoose.Connection, ...collections: string[]): Promise<void> {
  for (const c of collections) await writeStamp(conn, `col:${c}`, `full:${randomUUID()}`);
}

/** Sets the shared stamp `key` (services/sharedStamp.ts) and then its generation, as touchStamp does. */
export async function writeStamp(conn: mongoose.Connection, key: string, stamp: string): Promise<void> {
  const stamps = conn.collection<{ _id: string; stamp: string }>('indicatorstamps');
  await stamps.updateOne({ _id: key }, { $set: { stamp } }, { upsert: true });
  await stamps.updateOne({ _id: GENERATION_KEY }, { $set: { stamp: randomUUID() } }, { upsert: true });
}
