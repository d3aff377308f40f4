// One API process per FerretDB. FerretDB does not make concurrent updates of one document atomic
// across processes (DESIGN.md), and services/atomic.ts serializes them only inside one process, so
// two API processes on one FerretDB lose acknowledged writes. On FerretDB (recognized by the
// ferretdb* fields of its buildInfo) the server therefore holds a lease: one document in
// `serverleases` naming the holder, renewed every FERRETDB_LEASE_HEARTBEAT_MS and expiring after
// three missed heartbeats. A second process finds a live lease and refuses to start; when the holder
// dies (kill -9 included) the lease expires and the next server takes it over (at once when the
// holder ran on the same host and its process is gone). A holder that finds its lease taken (it
// stalled past expiry) stops. MongoDB makes single-document updates atomic and
// is exempt. Clocks of the API hosts must agree to well within the lease time.
//
// Taking the lease uses only operations FerretDB makes atomic: inserting a document with a given
// _id (a primary key) and deleting one that still matches what was read.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { mongo } from 'mongoose';
import type { Logger } from './logger';
import { isSameProcessRunning, startTimeOf } from './procInfo';

export const LEASE_COLLECTION = 'serverleases';
const LEASE_ID = 'api';
export const MISSED_HEARTBEATS = 3;

interface LeaseDoc {
  _id: string;
  holder: string;
  pid: number;
  startTime: string | null; // of the holder process (procInfo.ts)
  host: string;
  startedAt: Date;
  heartbeatAt: Date;
  expiresAt: Date;
}

/** True when the server behind `db` is FerretDB rather than MongoDB. */
export async function isFerretDb(db: mongo.Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return Object.keys(info).some((k) => k.toLowerCase().startsWith('ferretdb'));
}

/** A holder on this host whose process no longer runs: its lease need not be waited out. */
function holderIsGone(lease: LeaseDoc): boolean {
  if (lease.host !== os.hostname()) return false; // cannot tell: wait for the lease to expire
  if (lease.pid === process.pid) return true; // a previous life with our pid (containers reuse pids)
  return !isSameProcessRunning({ pid: lease.pid, startTime: lease.startTime ?? null });
}

export class LeaseHeldError extends Error {
  constructor(readonly lease: { pid: number; host: string; heartbeatAt: Date; expiresAt: Date }) {
    super(
      `another API process already uses this FerretDB database (pid ${lease.pid} on ${lease.host}, last heartbeat ` +
        `${lease.heartbeatAt.toISOString()}); FerretDB's updates are not atomic across processes, so only one API ` +
        `process may use it. Stop the other one (its lease expires ${lease.expiresAt.toISOString()} if it died), ` +
        'or use MongoDB for several API processes.',
    );
    this.name = 'LeaseHeldError';
  }
}

export interface LeaseOptions {
  heartbeatMs: number;
  log: Logger;
  /** Called once when another process holds the lease now (ours expired while we stalled). */
  onLost: (holder: { pid: number; host: string } | null) => void;
}

export class DbLease {
  private timer: NodeJS.Timeout | undefined;
  private beating = false;
  private failing = false;
  private released = false;

  private constructor(
    private readonly db: mongo.Db,
    readonly holder: string,
    private readonly opts: LeaseOptions,
    readonly tookOverFrom: { pid: number; host: string } | undefined,
  ) {}

  private get ttlMs(): number {
    return this.opts.heartbeatMs * MISSED_HEARTBEATS;
  }

  /** Takes the lease or throws LeaseHeldError; then renews it until release(). */
  static async acquire(db: mongo.Db, opts: LeaseOptions): Promise<DbLease> {
    const leases = db.collection<LeaseDoc>(LEASE_COLLECTION);
    const holder = randomUUID();
    let tookOverFrom: { pid: number; host: string } | undefined;
    for (let attempt = 0; attempt < 10; attempt++) {
      const now = new Date();
      try {
        await leases.insertOne({
          _id: LEASE_ID,
          holder,
          pid: process.pid,
          startTime: startTimeOf(process.pid),
          host: os.hostname(),
          startedAt: now,
          heartbeatAt: now,
          expiresAt: new Date(now.getTime() + opts.heartbeatMs * MISSED_HEARTBEATS),
        });
        const lease = new DbLease(db, holder, opts, tookOverFrom);
        lease.timer = setInterval(() => void lease.beat(), opts.heartbeatMs);
        lease.timer.unref();
        return lease;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 11000) throw err;
      }
      const current = await leases.findOne({ _id: LEASE_ID });
      if (!current) continue; // released meanwhile
      if (current.expiresAt.getTime() > Date.now() && !holderIsGone(current)) throw new LeaseHeldError(current);
      // Expired, or its holder ran on this host and no longer runs (killed): delete exactly that
      // lease (not a newer one) and retry.
      await leases.deleteOne({ _id: LEASE_ID, holder: current.holder, expiresAt: current.expiresAt });
      tookOverFrom = { pid: current.pid, host: current.host };
    }
    throw new Error('could not take the database lease after 10 attempts');
  }

  private async beat(): Promise<void> {
    if (this.beating || this.released) return;
    this.beating = true;
    try {
      const leases = this.db.collection<LeaseDoc>(LEASE_COLLECTION);
      const now = new Date();
      const res = await leases.updateOne(
        { _id: LEASE_ID, holder: this.holder },
        { $set: { heartbeatAt: now, expiresAt: new Date(now.getTime() + this.ttlMs) } },
      );
      if (this.failing) this.opts.log.warn('database lease renewed again');
      this.failing = false;
      if (res.matchedCount === 0 && !this.released) {
        const current = await leases.findOne({ _id: LEASE_ID });
        if (current?.holder === this.holder) return;
        this.stopBeating();
        this.opts.onLost(current ? { pid: current.pid, host: current.host } : null);
      }
    } catch (err) {
      // The database is unreachable (e.g. FerretDB restarting): keep the lease and try again. Nobody
      // else can take it before it expires, and nobody can write meanwhile either.
      if (!this.failing) this.opts.log.warn({ err }, 'could not renew the database lease; retrying');
      this.failing = true;
    } finally {
      this.beating = false;
    }
  }

  private stopBeating(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Gives the lease up (clean shutdown), so the next server need not wait for it to expire. */
  async release(): Promise<void> {
    this.released = true;
    this.stopBeating();
    try {
      await this.db.collection<LeaseDoc>(LEASE_COLLECTION).deleteOne({ _id: LEASE_ID, holder: this.holder });
    } catch {
      /* unreachable: it expires by itself */
    }
  }
}
