// Mongoose connection. Works against MongoDB and FerretDB alike: no multi-document transactions,
// no $lookup (DESIGN.md, "Consistency without transactions").
import fs from 'node:fs';
import mongoose from 'mongoose';
import { dropObsoleteIndexes } from './dbMigrations';
import { currentRequestScope } from '../services/sharedStamp';

mongoose.set('strictQuery', true);

/**
 * DB_SLOW_MS > 0: every database command slower than that many ms is written, with the time of day,
 * its name, collection and filter shape (no values), to stderr or to the file DB_SLOW_FILE (appended).
 * A diagnostic for benches and operators (docs/performance.md used it to find the stalls of point 3).
 */
const SLOW_MS = Number(process.env.DB_SLOW_MS ?? 0);

function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object' && v.constructor === Object) return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

function writeSlow(line: string): void {
  if (process.env.DB_SLOW_FILE) fs.appendFileSync(process.env.DB_SLOW_FILE, line);
  else process.stderr.write(line);
}

function logSlowCommands(client: mongoose.mongo.MongoClient): void {
  const started = new Map<number, { name: string; coll: unknown; filter: unknown }>();
  client.on('commandStarted', (e) => {
    const c = e.command as Record<string, unknown>;
    started.set(e.requestId, { name: e.commandName, coll: c[e.commandName], filter: shape(c.filter ?? c.query ?? (c.updates as { q?: unknown }[] | undefined)?.[0]?.q ?? (c.deletes as { q?: unknown }[] | undefined)?.[0]?.q ?? c.pipeline) });
  });
  const done = (e: { requestId: number; duration: number }) => {
    const s = started.get(e.requestId);
    started.delete(e.requestId);
    if (s && e.duration >= SLOW_MS) writeSlow(`${new Date().toISOString().slice(11, 23)} slow db command ${e.duration} ms: ${s.name} ${String(s.coll)} ${JSON.stringify(s.filter)}\n`);
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
}

/**
 * Marks the running request (services/sharedStamp.ts) as having read the database when it sends
 * any command (the shared read of every stamp runs outside requests' scopes): its answer then may
 * depend on data no stamp vouches for, and the
 * response cache (server/responseCache.ts) does not keep it. The driver emits the event in the
 * async context of the call that sent the command.
 */
function noteRequestReads(client: mongoose.mongo.MongoClient): void {
  client.on('commandStarted', () => {
    const scope = currentRequestScope();
    if (scope) scope.readDatabase = true;
  });
}

export async function connectDb(uri: string, timeoutMs: number): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    socketTimeoutMS: Math.max(timeoutMs * 6, 30_000),
    bufferCommands: false, // a request while the database is down fails fast instead of queueing
    autoIndex: false, // indexes are built explicitly by syncIndexes() below
    monitorCommands: true,
  });
  if (SLOW_MS > 0) logSlowCommands(mongoose.connection.getClient());
  noteRequestReads(mongoose.connection.getClient());
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
