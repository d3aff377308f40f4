// Limits attempts at an expensive, guessable operation (login, register) per account, per client
// address and per (account, address), each in a rolling window. The attempt is COUNTED BEFORE the
// work it guards (reserve, then settle): a reservation is a document inserted in the database, and
// the attempt goes ahead only when the count that includes it is within every limit. So however
// many requests arrive at once, at most `max` of them reach the password hash per window.
//
// Race-freedom: reservations are inserts and deletes only (models/authAttempt.ts), never updates,
// so FerretDB's non-atomic updates do not matter. Across processes, insert-then-count lets at most
// `max` through (the last one of any `max + 1` to insert would count them all); a refused attempt
// deletes its reservation. Inside one process reservations of one account/address are serialized
// (withLock), so parallel requests are counted exactly instead of all refusing each other.
// Nothing locks an account for good: reservations expire with the window.
import { AuthAttempt, type AttemptKind } from '../../models/authAttempt';
import type { Types } from 'mongoose';
import { withLock } from '../atomic';

export type LimitScope = 'ACCOUNT_AND_ADDRESS' | 'ADDRESS' | 'ACCOUNT';
export interface LimitRule {
  scope: LimitScope;
  max: number;
}
export interface RecordedAttempt {
  account: string | null;
  address: string;
  at: number; // ms
}

function inScope(a: RecordedAttempt, scope: LimitScope, account: string | null, address: string): boolean {
  if (scope === 'ADDRESS') return a.address === address;
  if (scope === 'ACCOUNT') return a.account === account;
  return a.account === account && a.address === address;
}

/**
 * The pure rule: given the attempts already counted in the window (not the new one), how many ms the
 * new attempt must wait, 0 when it may go ahead now.
 */
export function waitMs(earlier: RecordedAttempt[], account: string | null, address: string, rules: LimitRule[], windowMs: number, now: number): number {
  let wait = 0;
  for (const rule of rules) {
    if (rule.scope !== 'ADDRESS' && account === null) continue;
    const times = earlier.filter((a) => a.at > now - windowMs && inScope(a, rule.scope, account, address)).map((a) => a.at).sort((x, y) => x - y);
    if (times.length >= rule.max) wait = Math.max(wait, times[times.length - rule.max]! + windowMs - now);
  }
  return Math.max(wait, 0);
}

export type Reservation = { ok: true; id: Types.ObjectId } | { ok: false; retryAfterSeconds: number };

export class AttemptLimiter {
  private lastSweep = 0;

  constructor(
    readonly kind: AttemptKind,
    private readonly windowMs: number,
    private readonly rules: LimitRule[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt before the work; refused (with the wait) when it would exceed a limit. */
  async reserve(account: string | null, address: string): Promise<Reservation> {
    this.sweep();
    const lockAccount = account === null ? <T>(fn: () => Promise<T>) => fn() : <T>(fn: () => Promise<T>) => withLock(`attempt:${this.kind}:account:${account}`, fn);
    return lockAccount(() => withLock(`attempt:${this.kind}:address:${address}`, () => this.reserveNow(account, address)));
  }

  private async reserveNow(account: string | null, address: string): Promise<Reservation> {
    const now = this.now();
    const mine = await AuthAttempt.create({ kind: this.kind, account, address, at: new Date(now), expiresAt: new Date(now + this.windowMs) });
    const scopes: Record<string, unknown>[] = [{ address }];
    if (account !== null) scopes.push({ account });
    const counted = await AuthAttempt.find({ kind: this.kind, at: { $gt: new Date(now - this.windowMs) }, $or: scopes }, { account: 1, address: 1, at: 1 }).lean();
    const earlier = counted
      .filter((a) => String(a._id) !== String(mine._id))
      .map((a) => ({ account: a.account ?? null, address: a.address, at: a.at.getTime() }));
    const wait = waitMs(earlier, account, address, this.rules, this.windowMs, now);
    if (wait > 0) {
      await AuthAttempt.deleteOne({ _id: mine._id });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    return { ok: true, id: mine._id };
  }

  /** A successful login: its own reservation and that account's failures from that address are cleared. */
  async succeeded(reservation: { id: Types.ObjectId }, account: string, address: string): Promise<void> {
    await AuthAttempt.deleteMany({ $or: [{ _id: reservation.id }, { kind: this.kind, account, address }] });
  }

  /** Expired reservations are deleted here at most once a minute (FerretDB 1.24 has no TTL indexes). */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    AuthAttempt.deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
  }
}
