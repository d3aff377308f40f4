// What the benches share: a load window's figures from autocannon, a GraphQL POST under load, and
// running a bench's main (exit 1 with the error when it throws, exit 0 when it returns, so a
// handle left open by a library never keeps the process alive).
import autocannon from 'autocannon';

/**
 * The API server's NODE_ENV in the benches: development, as `npm start` runs it, unless
 * BENCH_NODE_ENV says otherwise. (Test mode reads the test clock file on every use of the clock.)
 */
export const BENCH_NODE_ENV = process.env.BENCH_NODE_ENV ?? 'development';

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  n: number;
  errors: number;
}

export function measuredOf(r: autocannon.Result): Measured {
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, n: r.requests.total, errors: r.errors + r.non2xx + r.timeouts };
}

export interface LoadPlan {
  connections?: number; // 10 unless said
  durationS?: number; // a time window, or
  amount?: number; // a fixed number of requests (for slow queries)
  timeoutS?: number;
  token?: string;
  /** The body of the n-th request, when each must differ (else every request sends `body`). */
  distinct?: (n: number) => string;
}

/** POSTs `body` (JSON) to `url` under load; the raw autocannon result is kept for benches that print more. */
export async function postLoad(url: string, body: string, plan: LoadPlan): Promise<{ m: Measured; result: autocannon.Result }> {
  let count = 0;
  const result = await autocannon({
    url, method: 'POST',
    headers: { 'content-type': 'application/json', ...(plan.token ? { authorization: `Bearer ${plan.token}` } : {}) },
    body, connections: plan.connections ?? 10, ...(plan.amount ? { amount: plan.amount } : { duration: plan.durationS ?? 3 }),
    ...(plan.timeoutS ? { timeout: plan.timeoutS } : {}),
    ...(plan.distinct ? { requests: [{ setupRequest: (r: autocannon.Request) => ({ ...r, body: plan.distinct!(count++) }) }] } : {}),
  });
  return { m: measuredOf(result), result };
}

export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
