// HTTP + GraphQL layer benchmark (not a test): a trivial authenticated query through the whole
// stack (Express 5, pino-http, Apollo Server 5 with its plugins and GraphQL Armor, the JWT check,
// the viewer's user) as a ratio to a raw node:http handler answering the same JSON, from one run.
// With --cpu-prof (or BENCH_CPU_PROF=1) the API server runs under `node --cpu-prof` and the bench
// prints where its CPU time went (self time, grouped by package).
//
//   npm run bench:http [-- --cpu-prof]        (BENCH_SECONDS=5)
//
// Starts its own FerretDB (SQLite, temporary directory), the API and the raw server on 127.0.0.1
// and stops them.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startStack } from '../test/helpers/stack';
import { DEMO_PASSWORD } from '../scripts/demo/organizations';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PROFILE = process.argv.includes('--cpu-prof') || process.env.BENCH_CPU_PROF === '1';
const QUERY = '{ me { email } }';
// BENCH_QUERY: profile another query too (its throughput is printed, signed in as the same user).
const EXTRA = process.env.BENCH_QUERY;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  n: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, body: string): Promise<Measured> {
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections: 10, duration: SECONDS });
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, n: r.requests.total, errors: r.errors + r.non2xx + r.timeouts };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** Self time by package (node_modules/<pkg>, our code, node internals) and the top functions. */
function summarize(file: string): string {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
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
    `CPU profile of the API server (${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s), self time by package:`,
    ...top(groups, 15).map(([g, us]) => `  ${pct(us)}  ${g}`),
    'top functions (self time):',
    ...top(fns, 15).map(([f, us]) => `  ${pct(us)}  ${f}`),
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hegang-prof-'));
  const stack = await startStack({ DEMO_DATA: 'true', LOG_LEVEL: 'warn', DB_TIMEOUT_MS: '10000' }, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  const email = 'ip@yunshan-graphite.demo.cn';
  const answer = `${JSON.stringify({ data: { me: { email } } })}\n`; // byte for byte what the API sends
  const raw = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      JSON.parse(body);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawUrl = `http://127.0.0.1:${(raw.address() as { port: number }).port}/graphql`;
  let profile = '';
  try {
    const res = await fetch(`${stack.server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: DEMO_PASSWORD } }),
    });
    const token = ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
    const body = JSON.stringify({ query: QUERY });
    const check = await (await fetch(`${stack.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).text();
    if (check !== answer) throw new Error(`the API answered ${check}, the raw server answers ${answer}`);

    const rawM = await load(rawUrl, {}, body);
    const typename = await load(`${stack.server.url}/graphql`, {}, JSON.stringify({ query: '{ __typename }' }));
    const api = await load(`${stack.server.url}/graphql`, { authorization: `Bearer ${token}` }, body);
    const extra = EXTRA ? await load(`${stack.server.url}/graphql`, { authorization: `Bearer ${token}` }, JSON.stringify({ query: EXTRA })) : null;
    const line = (name: string, m: Measured) =>
      `| ${name} | ${m.rps.toFixed(0)} | ${m.p50} / ${m.p99} | ${(m.rps / rawM.rps).toFixed(3)} |${m.errors ? ` errors ${m.errors}` : ''}`;
    console.log(`\n## bench:http — 10 connections, ${SECONDS} s each${PROFILE ? ' (API under --cpu-prof: slower than without)' : ''}\n`);
    console.log('| request | req/s | p50 / p99 ms | ratio to raw node:http |');
    console.log('|---|---|---|---|');
    console.log(line('raw node:http, same JSON', rawM));
    console.log(line('API `{ __typename }` (anonymous)', typename));
    console.log(line('API `{ me { email } }` (signed in)', api));
    if (extra) console.log(line(`API ${EXTRA!.slice(0, 60)}`, extra));
    console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    raw.close();
    await stack.stop();
    if (PROFILE) {
      const files = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
      profile = files.length ? summarize(path.join(profDir, files[0]!)) : `no profile written in ${profDir}`;
      console.log(`\n${profile}\n(profile: ${files.length ? path.join(profDir, files[0]!) : '-'})`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
