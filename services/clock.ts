// The time the domain rules use (deadlines, arrears, "not in the future", the daily jobs). In
// production it is the system clock. Tests move it two ways (NODE_ENV=test only; ignored otherwise):
// - TEST_CLOCK_FILE names a file holding an offset in milliseconds added to the real time (a missing
//   or empty file: no offset), so a test moves the whole server forward without restarting it;
// - the x-test-now header sets the clock of one request (server/context.ts), and a job run takes a
//   `now` option; both go through the context's `now`.
import fs from 'node:fs';
import type { ServiceContext } from './context';
import { todayInShanghai } from './rules/calendar';

/** The test offset of the process-wide clock in ms (0 outside NODE_ENV=test or without TEST_CLOCK_FILE). */
export function clockOffsetMs(): number {
  const file = process.env.TEST_CLOCK_FILE;
  if (!file || process.env.NODE_ENV !== 'test') return 0;
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim() || '0');
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0; // no file: the real clock
  }
}

/** Now, as the domain sees it (the process-wide clock). */
export function now(): Date {
  return new Date(Date.now() + clockOffsetMs());
}

/** Today's business date (Asia/Shanghai), as the domain sees it. */
export function today(): string {
  return todayInShanghai(now());
}

/** Now by the request's or job's clock when it has one, else the process-wide clock. */
export function nowOf(ctx: Pick<ServiceContext, 'now'> | null | undefined): Date {
  return ctx?.now ? ctx.now() : now();
}

/** Today's date in Asia/Shanghai by the context's clock. */
export function todayOf(ctx: Pick<ServiceContext, 'now'> | null | undefined): string {
  return todayInShanghai(nowOf(ctx));
}
