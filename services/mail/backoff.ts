// When a failed mail is tried again: exponential backoff, base * 2^(attempt-1), capped. Pure.

/** Delay after failed attempt number `attempt` (1 = the first send). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(Math.max(attempt - 1, 0), 40); // 2^40 * base is past any cap
  return Math.min(maxMs, baseMs * 2 ** exp);
}
