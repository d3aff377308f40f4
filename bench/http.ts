// HTTP + GraphQL layer benchmark (not a test): a trivial authenticated query through the whole
// stack (Express 5, the request log, Apollo Server 5 with its plugins and GraphQL Armor, the JWT check,
// the viewer's user) as a ratio to a raw node:http handler answering the same JSON, from one run.
// The three loads run interleaved (raw, `{ __typename }`, signed in) for BENCH_ROUNDS rounds, each
// ratio taken against the raw server of its own round, and the medians printed: on a shared
// machine the load moves between windows, and a ratio within one round carries less of it.
// With --cpu-prof (or BENCH_CPU_PROF=1) the API server runs under `node --cpu-prof` and the bench
// prints where its CPU time went during the signed-in windows only (self time, by package).
//
//   npm run bench:http [-- --cpu-prof]        (BENCH_SECONDS=3, BENCH_ROUNDS=5, PREPARED_QUERIES=true)
//
// Besides throughput, each window reads the server process's CPU time (/proc/<pid>/stat): CPU per
// request is much less sensitive to what else runs on the machine than requests per second, so the
// CPU ratio (raw's CPU per request / the API's) is printed too.
//
// Starts its own FerretDB (SQLite, temporary directory), the API and the raw server (a process of
// its own, bench/rawServer.ts) on 127.0.0.1 and stops them.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startStack } from '../test/helpers/stack';
import { DEMO_PASSWORD } from '../scripts/demo/organizations';
import { BENCH_NODE_ENV, measuredOf, runBench, type Measured as BaseMeasured } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PROFILE = process.argv.includes('--cpu-prof') || process.env.BENCH_CPU_PROF === '1';
const QUERY = '{ me { email } }';
// BENCH_QUERY: measure another query too, signed in as the same user (BENCH_QUERY_ANONYMOUS=1:
// without a token, so the response cache may answer it); with --cpu-prof the profile is then its own.
const EXTRA = process.env.BENCH_QUERY;
const EXTRA_ANONYMOUS = process.env.BENCH_QUERY_ANONYMOUS === '1';

interface Measured extends BaseMeasured {
  /** The window on CLOCK_MONOTONIC in microseconds (the clock of V8's profile timestamps). */
  window: [number, number];
  /** The server's CPU time (user + system) per request, microseconds. */
  cpuPerRequest: number;
}

/** A process's CPU time so far (user + system), microseconds, from /proc (Linux). */
function cpuOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function load(pid: number, url: string, headers: Record<string, string>, body: string): Promise<Measured> {
  const start = nowUs();
  const cpu0 = cpuOf(pid);
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections: 10, duration: SECONDS });
  const cpu = cpuOf(pid) - cpu0;
  return {
    ...measuredOf(r),
    window: [start, nowUs()],
    cpuPerRequest: cpu / Math.max(1, r.requests.total),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** Self time by package (node_modules/<pkg>, our code, node internals) and the top functions,
 * counting only the samples taken inside `windows` (start-up, seeding and the other loads left out). */
function summarize(file: string, windows: [number, number][]): string {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = prof.startTime;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    t += dt;
    if (windows.some(([a, b]) => t >= a && t <= b)) self.set(id, (self.get(id) ?? 0) + dt);
  });
  const group = (url: string, fn: string) => {
    if (!url) return fn === '(garbage collector)' ? 'GC' : fn === '(idle)' || fn === '(program)' ? fn : `native ${fn}`;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1]!;
    if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
    if (url.includes('/dist/')) return `ours: ${url.split('/dist/')[1]!.split('/')[0]}`;
    return url;
  };
  const groups = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const g = group(n.callFrame.url, n.callFrame.functionName);
    total += us;
    groups.set(g, (groups.get(g) ?? 0) + us);
    const f = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}`;
    fns.set(f, (fns.get(f) ?? 0) + us);
  }
  const busy = total - (groups.get('(idle)') ?? 0);
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const top = (m: Map<string, number>, k: number) => [...m].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, k);
  return [
    `CPU profile of the API server during the ${EXTRA ? 'BENCH_QUERY' : 'signed-in'} windows (${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s), self time by package:`,
    ...top(groups, 15).map(([g, us]) => `  ${pct(us)}  ${g}`),
    'top functions (self time):',
    ...top(fns, 15).map(([f, us]) => `  ${pct(us)}  ${f}`),
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hegang-prof-'));
  // PREPARED_QUERIES=false measures every request through Apollo's pipeline (server/preparedQueries.ts).
  const prepared = process.env.PREPARED_QUERIES ?? 'true';
  console.log(`PREPARED_QUERIES=${prepared}`);
  const stack = await startStack({ DEMO_DATA: 'true', LOG_LEVEL: 'warn', DB_TIMEOUT_MS: '10000', PREPARED_QUERIES: prepared, NODE_ENV: BENCH_NODE_ENV }, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  const email = 'ip@yunshan-graphite.demo.cn';
  const answer = `${JSON.stringify({ data: { me: { email } } })}\n`; // byte for byte what the API sends
  const raw = fork(path.join(__dirname, 'rawServer.js'), [], { env: { ...process.env, RAW_ANSWER: answer } });
  const rawPort = await new Promise<number>((resolve, reject) => {
    raw.once('message', (port) => resolve(Number(port)));
    raw.once('exit', (code) => reject(new Error(`the raw server exited (${code})`)));
  });
  const rawUrl = `http://127.0.0.1:${rawPort}/graphql`;
  const apiPid = stack.server.process.pid!;
  let profile = '';
  const meWindows: [number, number][] = [];
  try {
    const res = await fetch(`${stack.server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: DEMO_PASSWORD } }),
    });
    const token = ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
    const body = JSON.stringify({ query: QUERY });
    const check = await (await fetch(`${stack.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).text();
    if (check !== answer) throw new Error(`the API answered ${check}, the raw server answers ${answer}`);

    const api = `${stack.server.url}/graphql`;
    const signedIn = { authorization: `Bearer ${token}` };
    const rows = new Map<string, Measured[]>();
    const add = (name: string, m: Measured) => rows.set(name, [...(rows.get(name) ?? []), m]);
    const RAW = 'raw node:http, same JSON';
    const names = [RAW, 'API `{ __typename }` (anonymous)', 'API `{ me { email } }` (signed in)', ...(EXTRA ? [`API ${EXTRA.slice(0, 60)}${EXTRA_ANONYMOUS ? ' (anonymous)' : ''}`] : [])];
    for (let round = 0; round < ROUNDS; round++) {
      add(names[0]!, await load(raw.pid!, rawUrl, {}, body));
      add(names[1]!, await load(apiPid, api, {}, JSON.stringify({ query: '{ __typename }' })));
      add(names[2]!, await load(apiPid, api, signedIn, body));
      if (EXTRA) add(names[3]!, await load(apiPid, api, EXTRA_ANONYMOUS ? {} : signedIn, JSON.stringify({ query: EXTRA })));
    }
    meWindows.push(...rows.get(names[EXTRA ? 3 : 2]!)!.map((m) => m.window));
    const raws = rows.get(RAW)!;
    console.log(`\n## bench:http — 10 connections, ${ROUNDS} interleaved rounds of ${SECONDS} s${PROFILE ? ' (API under --cpu-prof: slower than without)' : ''}\n`);
    console.log('| request | req/s (median) | p50 / p99 ms (median) | ratio to raw node:http: median (min-max) of the rounds | server CPU per request, µs (median) | CPU ratio (raw / this), median |');
    console.log('|---|---|---|---|---|---|');
    for (const name of names) {
      const ms = rows.get(name)!;
      const ratios = ms.map((m, i) => m.rps / raws[i]!.rps);
      const cpuRatios = ms.map((m, i) => raws[i]!.cpuPerRequest / m.cpuPerRequest);
      const errors = ms.reduce((n, m) => n + m.errors, 0);
      console.log(
        `| ${name} | ${median(ms.map((m) => m.rps)).toFixed(0)} | ${median(ms.map((m) => m.p50))} / ${median(ms.map((m) => m.p99))} | ` +
          `${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}) | ` +
          `${median(ms.map((m) => m.cpuPerRequest)).toFixed(0)} | ${median(cpuRatios).toFixed(3)} |${errors ? ` errors ${errors}` : ''}`,
      );
    }
    console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    raw.kill();
    await stack.stop();
    if (PROFILE) {
      const files = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
      profile = files.length ? summarize(path.join(profDir, files[0]!), meWindows) : `no profile written in ${profDir}`;
      console.log(`\n${profile}\n(profile: ${files.length ? path.join(profDir, files[0]!) : '-'})`);
    }
  }
}

runBench(main);
