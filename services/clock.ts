// The clock services read where the date matters (loan arrears, the daily jobs). In production it is
// the system clock; tests set it per request with the x-test-now header (NODE_ENV=test only,
// server/context.ts) and per run of a job with its `now` option.
import type { ServiceContext } from './context';
import { todayInShanghai } from './rules/calendar';

export function nowOf(ctx: Pick<ServiceContext, 'now'> | null | undefined): Date {
  return ctx?.now ? ctx.now() : new Date();
}

/** Today's date in Asia/Shanghai by the context's clock. */
export function todayOf(ctx: Pick<ServiceContext, 'now'> | null | undefined): string {
  return todayInShanghai(nowOf(ctx));
}
