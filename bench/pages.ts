// Console pages benchmark (not a test): the GraphQL operations a user's pages send, measured on the
// demo data and again after `seed:scale` has added the Hegang-scale city to the same database, in
// one run. For each operation: p50 and p99 at 10 connections (autocannon, bounded in time), the
// hegang/demo ratios of both, and the throughput as a ratio to `{ __typename }` of the same phase.
// Then point 3 of issue 12: the search page's p99 with one publish or withdraw per second running,
// against its p99 without writes.
//
//   npm run bench:pages            (BENCH_SECONDS=4 per operation; BENCH_SCALE=hegang)
//
// Starts its own FerretDB (SQLite, temporary directory) and API server on 127.0.0.1 and stops both.
import fs from 'node:fs';
import autocannon from 'autocannon';
import os from 'node:os';
import { connectDb, disconnectDb } from '../server/db';
import { startStack } from '../test/helpers/stack';
import { DEMO_PASSWORD } from '../scripts/demo/organizations';
import { seedScale, SCALE_PASSWORD } from '../scripts/seedScale';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SCALE = process.env.BENCH_SCALE ?? 'hegang';
const started = Date.now();
const say = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

interface Op {
  name: string;
  who: 'anon' | 'enterprise' | 'holder' | 'bank';
  query: string;
}

let url = '';
async function gql(query: string, token?: string, variables?: object): Promise<any> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`API error for ${query.slice(0, 80)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}
const login = async (email: string, password: string) =>
  (await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', undefined, { e: email, p: password })).login.token as string;

function operations(ids: { listing: string; inquiryListing: string }): Op[] {
  return [
    { name: '{ __typename }', who: 'anon', query: '{ __typename }' },
    { name: 'me (signed in, trivial)', who: 'enterprise', query: '{ me { email } }' },
    { name: 'search 石墨, listing fields', who: 'anon', query: '{ listings(filter: {text: "石墨"}, first: 20) { totalCount edges { node { id askingPrice publishedAt modes } } } }' },
    { name: 'search 石墨 + asset + holder', who: 'anon', query: '{ listings(filter: {text: "石墨"}, first: 20) { totalCount edges { cursor node { id askingPrice modes asset { title number kind expiresOn } holder { name county } } } pageInfo { hasNextPage endCursor } } }' },
    { name: 'listing page', who: 'anon', query: `{ listing(id: "${ids.listing}") { id modes licenseTypes askingPrice negotiable description status publishedAt asset { id title number kind legalStatus expiresOn classes industries highValue owner { name county } } holder { id name kind county } } }` },
    { name: 'my assets', who: 'enterprise', query: '{ myAssets(first: 20) { id kind number title legalStatus expiresOn highValue } }' },
    { name: 'my listings', who: 'enterprise', query: '{ listings(filter: {mine: true}, first: 20) { totalCount edges { node { id status askingPrice modes asset { title number } } } } }' },
    { name: 'my deals', who: 'enterprise', query: '{ myDeals { id type status price listing { id asset { title } } buyer { name } seller { name } } }' },
    { name: 'inquiries of a listing', who: 'holder', query: `{ inquiries(listingId: "${ids.inquiryListing}") { id dealType createdAt from { name } messages { body at author { name } } } }` },
    { name: 'bank queue + due diligence', who: 'bank', query: '{ pledgeApplications(status: SUBMITTED, first: 20) { id status requestedAmount termMonths applicant { name } assets { title number } dueDiligence { loanToValue risks assets { legalStatus remainingYears ownerMatches alreadyPledged exclusiveLicenses } } } }' },
    { name: 'registration list', who: 'bank', query: '{ pledgeRegistrations(first: 20) { totalCount totalSecuredAmount edges { node { registrationNumber securedAmount registeredOn status pledgor { name } } } } }' },
    { name: 'planIndicators', who: 'anon', query: '{ planIndicators(year: 2025) { code value progress source } }' },
  ];
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  n: number;
  errors: number;
  seq?: boolean;
}

async function measure(query: string, token: string | undefined, seconds = SECONDS): Promise<Measured> {
  const result = await autocannon({
    url: `${url}/graphql`, method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }), connections: 10, duration: seconds, timeout: 120,
  });
  const m = { rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, n: result.requests.total, errors: result.errors + result.non2xx + result.timeouts };
  if (m.n >= 5) return m;
  // Too slow for a load window (requests still in flight at its end are not counted): time three
  // requests one after the other; p50 = their median, p99 = their maximum (marked "seq").
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await gql(query, token).catch(() => m.errors++);
    times.push(Date.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ...m, p50: times[1]!, p99: times[2]!, seq: true };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function runPhase(phase: string, ops: Op[], tokens: Record<Op['who'], string | undefined>): Promise<Map<string, Measured>> {
  const out = new Map<string, Measured>();
  for (const op of ops) {
    // Warm up, and let the server finish what the previous operation left in flight: up to three
    // tries (a request that failed is reported, not fatal).
    let warm = '';
    for (let i = 0; i < 3; i++) {
      try {
        await gql(op.query, tokens[op.who]);
        warm = '';
        break;
      } catch (err) {
        warm = String(err).slice(0, 200);
      }
    }
    if (warm) say(`${phase} ${op.name}: warm-up failed 3 times: ${warm}`);
    const m = await measure(op.query, tokens[op.who]);
    out.set(op.name, m);
    say(`${phase.padEnd(7)} ${op.name.padEnd(30)} ${m.rps.toFixed(1).padStart(6)} req/s  p50 ${String(m.p50).padStart(5)} ms  p99 ${String(m.p99).padStart(5)} ms  n=${m.n}${m.seq ? ' (seq)' : ''}${m.errors ? ` errors=${m.errors}` : ''}`);
  }
  return out;
}

/** One publish (create + publish a listing on an unlisted asset) or withdraw per second, until stopped. */
function writer(token: string, freeAssets: string[]): { stop: () => Promise<number> } {
  let stopped = false;
  let writes = 0;
  const open: string[] = [];
  const loop = (async () => {
    let i = 0;
    while (!stopped) {
      const t0 = Date.now();
      if (i % 2 === 0 && freeAssets.length > 0) {
        const assetId = freeAssets.shift()!;
        const created = await gql('mutation($a: ID!) { createListing(input: {assetId: $a, modes: [LICENSE], licenseTypes: [NON_EXCLUSIVE], askingPrice: "50000.00"}) { id } }', token, { a: assetId });
        await gql('mutation($id: ID!) { publishListing(id: $id) { id } }', token, { id: created.createListing.id });
        open.push(created.createListing.id);
      } else if (open.length > 0) {
        await gql('mutation($id: ID!) { withdrawListing(id: $id) { id } }', token, { id: open.shift()! });
      }
      writes++;
      i++;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - t0))));
    }
  })();
  return { stop: async () => ((stopped = true), await loop, writes) };
}

async function main(): Promise<void> {
  say(`load before start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  const stack = await startStack({ DEMO_DATA: 'true', LOG_LEVEL: 'error', DB_TIMEOUT_MS: '10000' });
  url = stack.server.url;
  const pid = stack.server.process.pid!;
  try {
    const tokens: Record<Op['who'], string | undefined> = {
      anon: undefined,
      enterprise: await login('ip@yunshan-graphite.demo.cn', DEMO_PASSWORD),
      holder: await login('tto@hgsz.demo.cn', DEMO_PASSWORD),
      bank: await login('credit@xinqu-bank.demo.cn', DEMO_PASSWORD),
    };
    const mine = await gql('{ listings(filter: {mine: true, text: "石墨"}, first: 1) { edges { node { id status } } } }', tokens.enterprise);
    const held = await gql('{ inquiries { listing { id } } }', tokens.holder);
    const ids = { listing: mine.listings.edges[0].node.id as string, inquiryListing: held.inquiries[0].listing.id as string };
    const ops = operations(ids);

    await measure('{ __typename }', undefined, 3); // JIT warm-up, not reported
    const demo = await runPhase('demo', ops, tokens);
    const rssDemo = rssMb(pid);

    say(`seeding scale ${SCALE} into the same database (through the models, in this process)`);
    await connectDb(stack.db.uri, 5000);
    const seeded = await seedScale(SCALE, 2026, (m) => say(`  ${m}`));
    await disconnectDb();
    say(`seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

    const scaled = await runPhase(SCALE, ops, tokens);
    const rssScaled = rssMb(pid);

    // Point 3: search p99 with one publish or withdraw per second.
    let writesLine = 'search under writes: not measured';
    try {
    const writerToken = await login(seeded.sample.enterprise, SCALE_PASSWORD);
    const assets = (await gql('{ myAssets(first: 100) { id legalStatus } }', writerToken)).myAssets as { id: string; legalStatus: string }[];
    const listed = new Set(((await gql('{ listings(filter: {mine: true}, first: 100) { edges { node { asset { id } } } } }', writerToken)).listings.edges as { node: { asset: { id: string } } }[]).map((e) => e.node.asset.id));
    const free = assets.filter((a) => !listed.has(a.id) && a.legalStatus === 'VALID').map((a) => a.id);
    const searchOp = ops.find((o) => o.name.startsWith('search 石墨 + asset'))!;
    const quiet = await measure(searchOp.query, undefined, 2 * SECONDS);
    const w = writer(writerToken, free);
    const busy = await measure(searchOp.query, undefined, 2 * SECONDS);
    const writes = await w.stop();
    say(`search with writes: ${writes} writes; p99 ${busy.p99} ms vs ${quiet.p99} ms without (p50 ${busy.p50} vs ${quiet.p50})`);
    writesLine = `search + asset + holder at ${SCALE} with one publish or withdraw per second (${writes} writes): p99 ${busy.p99} ms vs ${quiet.p99} ms without (ratio ${(busy.p99 / Math.max(quiet.p99, 1)).toFixed(2)}); p50 ${busy.p50} vs ${quiet.p50} ms`;
    } catch (err) {
      writesLine = `search under writes: failed: ${String(err).slice(0, 300)}`;
    }

    // ---------- the table ----------
    const trivialDemo = demo.get('{ __typename }')!.rps;
    const trivialScaled = scaled.get('{ __typename }')!.rps;
    const r2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
    console.log(`\n## bench:pages — demo data vs ${SCALE} (${JSON.stringify(seeded.counts)}), 10 connections, ${SECONDS} s each`);
    console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; server RSS ${rssDemo} MB (demo) -> ${rssScaled} MB (${SCALE})\n`);
    console.log(`| operation | demo p50 / p99 ms | ${SCALE} p50 / p99 ms | p50 ratio | p99 ratio | ${SCALE} req/s | vs { __typename } (demo -> ${SCALE}) |`);
    console.log('|---|---|---|---|---|---|---|');
    for (const op of ops) {
      const d = demo.get(op.name)!;
      const s = scaled.get(op.name)!;
      const lat = (x: Measured) => `${x.p50} / ${x.p99}${x.seq ? ' (seq)' : ''}`;
    console.log(`| ${op.name}${d.errors || s.errors ? ` (errors ${d.errors} / ${s.errors})` : ''} | ${lat(d)} | ${lat(s)} | ${r2(s.p50 / Math.max(d.p50, 1))} | ${r2(s.p99 / Math.max(d.p99, 1))} | ${s.rps.toFixed(1)} | ${r2(d.rps / trivialDemo)} -> ${r2(s.rps / trivialScaled)} |`);
    }
    console.log(`\n${writesLine}`);
    console.log(`(latencies under 1 ms read as 0-1 ms; ratios divide by max(demo, 1 ms)). Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
