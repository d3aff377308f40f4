// Mongoose connection. Works against MongoDB and FerretDB alike: no multi-document transactions,
// no $lookup (DESIGN.md, "Consistency without transactions").
import mongoose from 'mongoose';
import { dropObsoleteIndexes } from './dbMigrations';

mongoose.set('strictQuery', true);

export async function connectDb(uri: string, timeoutMs: number): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    socketTimeoutMS: Math.max(timeoutMs * 6, 30_000),
    bufferCommands: false, // a request while the database is down fails fast instead of queueing
    autoIndex: false, // indexes are built explicitly by syncIndexes() below
  });
  await syncIndexes();
  return mongoose;
}

/** Creates the indexes every model declares (unique indexes enforce invariants, so this must run). */
export async function syncIndexes(): Promise<void> {
  await dropObsoleteIndexes();
  for (const model of Object.values(mongoose.models)) {
    await model.createIndexes();
  }
}

/** True when the database answers a ping within the timeout. */
export async function dbIsReady(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  try {
    await Promise.race([
      db.admin().ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export async function disconnectDb(): Promise<void> {
  await mongoose.disconnect();
}
