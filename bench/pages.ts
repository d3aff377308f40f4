// Console pages benchmark (not a test): the GraphQL operations a user's pages send, measured on the
// demo data and again after `seed:scale` has added the Hegang-scale city to the same database, in
// one run. For each operation: p50 and p99 at 10 connections (autocannon, bounded in time), the
// hegang/demo ratios of both, and the throughput as a ratio to `{ __typename }` of the same phase.
// Then point 3 of issue 12: the search page's p99 with one publish or withdraw per second running,
// against its p99 without writes.
//
//   npm run bench:pages            (BENCH_SECONDS=4 per operation; BENCH_SCALE=hegang)
//
// BENCH_BACKENDS=sqlite,postgresql (with FERRETDB_POSTGRESQL_URL) runs one stack per FerretDB
// backend side by side: each operation is measured on one stack right after the other, so both
// see about the same machine load, and a table compares them (docs/performance.md, point 4).
//
// Starts its own FerretDB (temporary directory; or schemas of its own in FERRETDB_POSTGRESQL_URL's
// database) and API server per backend on 127.0.0.1 and stops them.
import fs from 'node:fs';
import os from 'node:os';
import { connectDb, disconnectDb } from '../server/db';
import { startStack, type Stack } from '../test/helpers/stack';
import { backendFromEnv, type FerretBackend } from '../server/embeddedDb';
import { DEMO_PASSWORD } from '../scripts/demo/organizations';
import { seedScale, SCALE_PASSWORD } from '../scripts/seedScale';
import { BENCH_NODE_ENV, postLoad, runBench, type Measured as BaseMeasured } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SCALE = process.env.BENCH_SCALE ?? 'hegang';
const started = Date.now();
const say = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

interface Op {
  name: string;
  who: 'anon' | 'enterprise' | 'holder' | 'bank';
  query: string;
  /** Each request a different text (a numbered comment appended): never answered from the response cache. */
  distinct?: boolean;
}

let url = ''; // the stack being measured
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
    { name: 'search 石墨 + asset + holder, uncached', who: 'anon', distinct: true, query: '{ listings(filter: {text: "石墨"}, first: 20) { totalCount edges { cursor node { id askingPrice modes asset { title number kind expiresOn } holder { name county } } } pageInfo { hasNextPage endCursor } } }' },
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

type Measured = BaseMeasured & { seq?: boolean };

async function measure(query: string, token: string | undefined, seconds = SECONDS, distinct = false): Promise<Measured> {
  const { m } = await postLoad(`${url}/graphql`, JSON.stringify({ query }), { token, durationS: seconds, timeoutS: 120, ...(distinct ? { distinct: (n: number) => JSON.stringify({ query: `${query} #${n}` }) } : {}) });
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

interface Target {
  name: string;
  stack: Stack;
  tokens: Record<Op['who'], string | undefined>;
  ops: Op[];
}

/** Each operation on every target, one right after the other (warm-up first, up to three tries). */
async function runPhase(phase: string, targets: Target[]): Promise<Map<string, Map<string, Measured>>> {
  const out = new Map<string, Map<string, Measured>>(targets.map((t) => [t.name, new Map()]));
  for (let i = 0; i < targets[0]!.ops.length; i++) {
    for (const t of targets) {
      url = t.stack.server.url;
      const op = t.ops[i]!;
      let warm = '';
      for (let k = 0; k < 3; k++) {
        try {
          await gql(op.query, t.tokens[op.who]);
          warm = '';
          break;
        } catch (err) {
          warm = String(err).slice(0, 200);
        }
      }
      if (warm) say(`${phase} ${t.name} ${op.name}: warm-up failed 3 times: ${warm}`);
      const m = await measure(op.query, t.tokens[op.who], SECONDS, op.distinct);
      out.get(t.name)!.set(op.name, m);
      say(`${phase.padEnd(7)} ${t.name.padEnd(10)} ${op.name.padEnd(30)} ${m.rps.toFixed(1).padStart(6)} req/s  p50 ${String(m.p50).padStart(5)} ms  p99 ${String(m.p99).padStart(5)} ms  n=${m.n}${m.seq ? ' (seq)' : ''}${m.errors ? ` errors=${m.errors}` : ''}`);
    }
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

function backendsToRun(): FerretBackend[] {
  const names = (process.env.BENCH_BACKENDS ?? backendFromEnv().handler).split(',').map((x) => x.trim());
  return names.map((n) => backendFromEnv({ ...process.env, FERRETDB_BACKEND: n }));
}

async function startTarget(backend: FerretBackend): Promise<Target> {
  const stack = await startStack({ DEMO_DATA: 'true', LOG_LEVEL: 'error', DB_TIMEOUT_MS: '10000', NODE_ENV: BENCH_NODE_ENV, PREPARED_QUERIES: process.env.PREPARED_QUERIES ?? 'true' }, [], backend);
  url = stack.server.url;
  const tokens: Record<Op['who'], string | undefined> = {
    anon: undefined,
    enterprise: await login('ip@yunshan-graphite.demo.cn', DEMO_PASSWORD),
    holder: await login('tto@hgsz.demo.cn', DEMO_PASSWORD),
    bank: await login('credit@xinqu-bank.demo.cn', DEMO_PASSWORD),
  };
  const mine = await gql('{ listings(filter: {mine: true, text: "石墨"}, first: 1) { edges { node { id status } } } }', tokens.enterprise);
  const held = await gql('{ inquiries { listing { id } } }', tokens.holder);
  const ids = { listing: mine.listings.edges[0].node.id as string, inquiryListing: held.inquiries[0].listing.id as string };
  await measure('{ __typename }', undefined, 3); // JIT warm-up, not reported
  return { name: backend.handler, stack, tokens, ops: operations(ids) };
}

/** Point 3: the search page's p99 with one publish or withdraw per second, against without. */
async function searchUnderWrites(t: Target, sampleEnterprise: string): Promise<string> {
  url = t.stack.server.url;
  try {
    const writerToken = await login(sampleEnterprise, SCALE_PASSWORD);
    const assets = (await gql('{ myAssets(first: 100) { id legalStatus } }', writerToken)).myAssets as { id: string; legalStatus: string }[];
    const listed = new Set(((await gql('{ listings(filter: {mine: true}, first: 100) { edges { node { asset { id } } } } }', writerToken)).listings.edges as { node: { asset: { id: string } } }[]).map((e) => e.node.asset.id));
    const free = assets.filter((a) => !listed.has(a.id) && a.legalStatus === 'VALID').map((a) => a.id);
    const searchOp = t.ops.find((o) => o.name.startsWith('search 石墨 + asset'))!;
    const quiet = await measure(searchOp.query, undefined, 2 * SECONDS);
    const w = writer(writerToken, free);
    const busy = await measure(searchOp.query, undefined, 2 * SECONDS);
    const writes = await w.stop();
    say(`${t.name}: search with writes: ${writes} writes; p99 ${busy.p99} ms vs ${quiet.p99} ms without (p50 ${busy.p50} vs ${quiet.p50})`);
    return `${t.name}: search + asset + holder at ${SCALE} with one publish or withdraw per second (${writes} writes): p99 ${busy.p99} ms vs ${quiet.p99} ms without (ratio ${(busy.p99 / Math.max(quiet.p99, 1)).toFixed(2)}); p50 ${busy.p50} vs ${quiet.p50} ms`;
  } catch (err) {
    return `${t.name}: search under writes: failed: ${String(err).slice(0, 300)}`;
  }
}

async function main(): Promise<void> {
  say(`load before start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  const targets: Target[] = [];
  try {
    for (const backend of backendsToRun()) targets.push(await startTarget(backend));
    const demo = await runPhase('demo', targets);
    const rssDemo = new Map(targets.map((t) => [t.name, rssMb(t.stack.server.process.pid!)]));

    let seeded: Awaited<ReturnType<typeof seedScale>> | undefined;
    const seedMs = new Map<string, number>();
    for (const t of targets) {
      say(`seeding scale ${SCALE} into ${t.name}'s database (through the models, in this process)`);
      await connectDb(t.stack.db.uri, 5000);
      seeded = await seedScale(SCALE, 2026, (m) => say(`  ${m}`));
      await disconnectDb();
      seedMs.set(t.name, seeded.ms);
      say(`seeded ${t.name} in ${(seeded.ms / 1000).toFixed(1)} s`);
    }
    const scaled = await runPhase(SCALE, targets);
    const rssScaled = new Map(targets.map((t) => [t.name, rssMb(t.stack.server.process.pid!)]));
    const writesLines: string[] = [];
    for (const t of targets) writesLines.push(await searchUnderWrites(t, seeded!.sample.enterprise));

    // ---------- the tables ----------
    const r2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
    const lat = (x: Measured) => `${x.p50} / ${x.p99}${x.seq ? ' (seq)' : ''}`;
    console.log(`\n## bench:pages — demo data vs ${SCALE} (${JSON.stringify(seeded!.counts)}), 10 connections, ${SECONDS} s each`);
    console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (const t of targets) {
      const d0 = demo.get(t.name)!;
      const s0 = scaled.get(t.name)!;
      const trivialDemo = d0.get('{ __typename }')!.rps;
      const trivialScaled = s0.get('{ __typename }')!.rps;
      console.log(`\n### FerretDB ${t.name}: server RSS ${rssDemo.get(t.name)} MB (demo) -> ${rssScaled.get(t.name)} MB (${SCALE}); seed ${(seedMs.get(t.name)! / 1000).toFixed(0)} s\n`);
      console.log(`| operation | demo p50 / p99 ms | ${SCALE} p50 / p99 ms | p50 ratio | p99 ratio | ${SCALE} req/s | vs { __typename } (demo -> ${SCALE}) |`);
      console.log('|---|---|---|---|---|---|---|');
      for (const op of t.ops) {
        const d = d0.get(op.name)!;
        const s = s0.get(op.name)!;
        console.log(`| ${op.name}${d.errors || s.errors ? ` (errors ${d.errors} / ${s.errors})` : ''} | ${lat(d)} | ${lat(s)} | ${r2(s.p50 / Math.max(d.p50, 1))} | ${r2(s.p99 / Math.max(d.p99, 1))} | ${s.rps.toFixed(1)} | ${r2(d.rps / trivialDemo)} -> ${r2(s.rps / trivialScaled)} |`);
      }
    }
    if (targets.length > 1) {
      const [a, ...rest] = targets;
      for (const b of rest) {
        console.log(`\n### side by side: ${b.name} / ${a!.name} (throughput ratio > 1: ${b.name} faster; measured one right after the other)\n`);
        console.log(`| operation | demo req/s ${a!.name} / ${b.name} | ratio | ${SCALE} req/s ${a!.name} / ${b.name} | ratio | ${SCALE} p50 ms ${a!.name} / ${b.name} |`);
        console.log('|---|---|---|---|---|---|');
        for (const op of a!.ops) {
          const da = demo.get(a!.name)!.get(op.name)!;
          const db = demo.get(b.name)!.get(op.name)!;
          const sa = scaled.get(a!.name)!.get(op.name)!;
          const sb = scaled.get(b.name)!.get(op.name)!;
          console.log(`| ${op.name} | ${da.rps.toFixed(1)} / ${db.rps.toFixed(1)} | ${r2(db.rps / da.rps)} | ${sa.rps.toFixed(1)} / ${sb.rps.toFixed(1)} | ${r2(sb.rps / sa.rps)} | ${sa.p50} / ${sb.p50} |`);
        }
        console.log(`seed ${SCALE}: ${(seedMs.get(a!.name)! / 1000).toFixed(0)} s / ${(seedMs.get(b.name)! / 1000).toFixed(0)} s`);
      }
    }
    console.log(`\n${writesLines.join('\n')}`);
    console.log(`(latencies under 1 ms read as 0-1 ms; ratios divide by max(demo, 1 ms)). Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    for (const t of targets) await t.stack.stop();
  }
}

runBench(main);
