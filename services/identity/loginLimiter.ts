// Limits failed logins per (account, address), per address and per account, each in a rolling
// window. Nothing locks an account for good: counters expire with the window, and the tightest
// limit is per (account, address), so a stranger elsewhere cannot lock a real user out; the
// per-account limit is high and only slows a distributed guessing attack.
// In-memory: each API instance counts on its own (README, "Limits").

export interface LimiterOptions {
  windowMs: number;
  perAccountAndAddress: number;
  perAddress: number;
  perAccount: number;
}

export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly opts: LimiterOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(account: string, address: string): Array<[string, number]> {
    return [
      [`a+i:${account}|${address}`, this.opts.perAccountAndAddress],
      [`i:${address}`, this.opts.perAddress],
      [`a:${account}`, this.opts.perAccount],
    ];
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.opts.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(account: string, address: string): number {
    let waitMs = 0;
    for (const [key, max] of this.keys(account, address)) {
      const list = this.recent(key);
      if (list.length >= max) waitMs = Math.max(waitMs, list[list.length - max]! + this.opts.windowMs - this.now());
    }
    return Math.ceil(waitMs / 1000);
  }

  recordFailure(account: string, address: string): void {
    if (this.failures.size > 50_000) this.sweep();
    const t = this.now();
    for (const [key] of this.keys(account, address)) this.failures.set(key, [...this.recent(key), t]);
  }

  /** Drops counters whose failures have all left the window (bounds memory under a spray of addresses). */
  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }

  /** A successful login clears that account's failures from that address. */
  recordSuccess(account: string, address: string): void {
    this.failures.delete(`a+i:${account}|${address}`);
  }
}
