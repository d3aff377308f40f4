// Search benchmark (not a test): generates listings straight through the driver, then measures
// two searches through the API with autocannon and the same queries straight on the driver, in the
// same run, at two data sizes. Prints requests/s, p50 and p99, and the API/driver ratios.
//
//   npm run bench:search            (BENCH_SIZES=10000,100000 to choose sizes; bounded to ~10 minutes)
//
// Everything runs on 127.0.0.1 against a fresh embedded FerretDB (SQLite) in a temporary directory.
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import mongoose, { Types } from 'mongoose';
import { startStack } from '../test/helpers/stack';
import { Listing } from '../models/listing';
import { addYears, todayInShanghai } from '../services/rules/calendar';
import { termPattern, parseQuery } from '../services/listings/searchText';
import { touchListings } from '../services/listings/searchSnapshot';
import { insertListings, makeHolders } from './listingData';
import { expandQuery, groupCondition, scoreExpanded } from '../services/listings/glossary';
import { matchesAll } from '../services/listings/searchMatch';
import { postLoad, runBench, type Measured } from './load';

const BUDGET_MS = 12 * 60_000; // the whole run, data generation included
const INSERT_BUDGET_MS = 120_000; // for the largest data set
const started = Date.now();
const elapsed = () => Date.now() - started;
const say = (msg: string) => console.log(`[${(elapsed() / 1000).toFixed(0).padStart(3)} s] ${msg}`);

// ---------- the two queries, through the API and straight on the driver ----------
const NODE = 'id askingPrice asset { title number } holder { name }';
const Q_TEXT = `{ listings(filter: {text: "石墨"}, first: 20) { edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;
const Q_FACETED = `{ listings(filter: {text: "石墨", modes: [LICENSE], counties: [LUOBEI, XIANGYANG, XINGSHAN], maxPrice: "2000000.00", minRemainingYears: 3}, sort: PRICE_ASC, first: 20) {
  totalCount facets { kinds { value count } modes { value count } industries { value count } counties { value count } }
  edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;

function publicFilter(extra: Record<string, unknown>[]) {
  const today = todayInShanghai();
  const text = parseQuery('石墨').terms.map((t) => ({ searchText: { $regex: termPattern(t) } }));
  return { $and: [{ status: 'PUBLISHED' }, { $or: [{ expiresOn: null }, { expiresOn: { $gt: today } }] }, ...text, ...extra] };
}

/** What a hand-written driver version does: one find with sort and limit, then the page's assets and holders with $in (as the API's DataLoaders do). */
async function driverPage(filter: object, sort: Record<string, 1 | -1>): Promise<number> {
  const db = mongoose.connection.db!;
  const rows = await db.collection('listings').find(filter).sort(sort).limit(21).toArray();
  const page = rows.slice(0, 20);
  const holders = [...new Set(page.map((r) => String(r.holder)))].map((h) => new Types.ObjectId(h));
  await Promise.all([
    db.collection('ipassets').find({ _id: { $in: page.map((r) => r.asset) } }).toArray(),
    db.collection('organizations').find({ _id: { $in: holders } }).toArray(),
  ]);
  return page.length;
}

const DRIVER_TEXT = () => driverPage(publicFilter([]), { publishedAt: -1, _id: -1 });
/** The listing fields alone (no asset or holder join): what the snapshot answers without the database. */
const Q_LEAN = `{ listings(filter: {text: "石墨"}, first: 20) { totalCount edges { cursor node { id askingPrice publishedAt modes } } pageInfo { hasNextPage endCursor } } }`;
async function DRIVER_LEAN(): Promise<number> {
  const coll = mongoose.connection.db!.collection('listings');
  const [rows] = await Promise.all([coll.find(publicFilter([])).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray(), coll.countDocuments(publicFilter([]))]);
  return rows.length;
}

/** Heap bytes per published listing held as a lean document (what the API's snapshot keeps). */
async function snapshotBytesPerListing(): Promise<{ bytes: number; n: number; ms: number }> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = Date.now();
  const rows = await Listing.find({ status: 'PUBLISHED' }).lean();
  const ms = Date.now() - t0;
  const byId = new Map(rows.map((r) => [String(r._id), r]));
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / byId.size;
  return { bytes, n: byId.size, ms };
}
const FACETED_EXTRA = () => [
  { modes: { $in: ['LICENSE'] } },
  { county: { $in: ['LUOBEI', 'XIANGYANG', 'XINGSHAN'] } },
  { askingPrice: { $ne: null, $lte: 200_000_000 } },
  { expiresOn: { $ne: null, $gte: addYears(todayInShanghai(), 3) } },
];
async function DRIVER_FACETED(): Promise<number> {
  const filter = publicFilter(FACETED_EXTRA());
  const [n] = await Promise.all([
    driverPage(filter, { askingPrice: 1, _id: -1 }),
    mongoose.connection.db!.collection('listings').aggregate([
      { $match: filter },
      { $group: { _id: { k: '$assetKind', c: '$county', m: '$modes', i: '$industries' }, n: { $sum: 1 } } },
    ]).toArray(),
  ]);
  return n;
}

/** Facets as we count them (one $group over the combinations) against one $unwind/$group pipeline per facet. */
async function compareFacetStrategies(): Promise<void> {
  const coll = mongoose.connection.db!.collection('listings');
  const match = { $match: publicFilter([]) };
  const combo = await timeOnce(() => coll.aggregate([match, { $group: { _id: { k: '$assetKind', c: '$county', m: '$modes', i: '$industries' }, n: { $sum: 1 } } }]).toArray());
  const separate = await timeOnce(() =>
    Promise.all([
      coll.aggregate([match, { $group: { _id: '$assetKind', n: { $sum: 1 } } }]).toArray(),
      coll.aggregate([match, { $group: { _id: '$county', n: { $sum: 1 } } }]).toArray(),
      coll.aggregate([match, { $unwind: '$modes' }, { $group: { _id: '$modes', n: { $sum: 1 } } }]).toArray(),
      coll.aggregate([match, { $unwind: '$industries' }, { $group: { _id: '$industries', n: { $sum: 1 } } }]).toArray(),
      coll.countDocuments(publicFilter([])),
    ]),
  );
  let facet = 'supported';
  try {
    await coll.aggregate([match, { $facet: { k: [{ $group: { _id: '$assetKind', n: { $sum: 1 } } }] } }]).toArray();
  } catch (err) {
    facet = `refused: ${(err as Error).message}`;
  }
  say(`facets + count for text "石墨": one combination $group ${combo} ms; four $unwind/$group pipelines + countDocuments ${separate} ms; $facet ${facet}`);
}

/**
 * What the glossary (issue 18) costs a search: the in-memory work a search does on a fresh snapshot
 * (every published listing tested against the text conditions, the matches scored), with the
 * glossary's alternatives and with the typed terms alone, on the same rows in the same process.
 * (Through the API a repeated query is memoized per snapshot, so this is the cost of the first
 * search of a text after each listing write.)
 */
async function glossaryCost(): Promise<string[]> {
  const rows = (await Listing.find({ status: 'PUBLISHED' }, { searchText: 1 }).lean()) as unknown as Record<string, unknown>[];
  const out: string[] = [];
  for (const text of ['石墨', '石墨烯', 'graphite anode', '球形石墨 负极材料', 'green food', 'zzqq']) {
    const parsed = parseQuery(text);
    const run = (glossary: boolean) => {
      const q = expandQuery(parsed, glossary ? undefined : null);
      const conditions = q.groups.map(groupCondition);
      const t0 = process.hrtime.bigint();
      let matched = 0;
      for (let rep = 0; rep < 3; rep++) {
        matched = 0;
        for (const r of rows) if (matchesAll(r, conditions)) { matched++; scoreExpanded(String(r.searchText ?? ''), q); }
      }
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6 / 3, matched };
    };
    // interleaved, 7 times each, the fastest of each: the machine is shared, the minimum is the least disturbed
    let off = run(false);
    let on = run(true);
    for (let i = 0; i < 7; i++) {
      const a = run(false);
      const b = run(true);
      if (a.ms < off.ms) off = a;
      if (b.ms < on.ms) on = b;
    }
    const line = `glossary cost, text "${text}" over ${rows.length} published listings: typed terms only ${off.ms.toFixed(1)} ms (${off.matched} matches), with the glossary ${on.ms.toFixed(1)} ms (${on.matched} matches): ratio ${(on.ms / off.ms).toFixed(2)}`;
    say(line);
    out.push(line);
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Plan {
  connections: number;
  durationS?: number; // for fast queries
  amount?: number; // for slow ones: a fixed number of requests
}

async function viaApi(url: string, query: string, plan: Plan): Promise<Measured> {
  return (await postLoad(`${url}/graphql`, JSON.stringify({ query }), { ...plan, timeoutS: 300 })).m;
}

async function viaDriver(run: () => Promise<number>, plan: Plan): Promise<Measured> {
  const latencies: number[] = [];
  const t0 = Date.now();
  const deadline = plan.durationS ? t0 + plan.durationS * 1000 : Infinity;
  let remaining = plan.amount ?? Infinity;
  await Promise.all(
    Array.from({ length: plan.connections }, async () => {
      while (Date.now() < deadline && remaining-- > 0) {
        const s = process.hrtime.bigint();
        await run();
        latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((Date.now() - t0) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length, errors: 0 };
}

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  await fn();
  return Date.now() - t0;
}

async function apiOnce(url: string, query: string): Promise<unknown> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
  return body;
}

/**
 * Fast queries (< 1 s): 5 s with 10 connections. Moderate ones (< 5 s): an even number of
 * requests, 2 at a time, about 20 s. Slower ones: null, one request each (a load test of requests
 * that take a minute says nothing more and would not fit the time budget).
 */
function planFor(singleMs: number): Plan | null {
  if (singleMs < 1000) return { connections: 10, durationS: 5 };
  if (singleMs < 5000) return { connections: 2, amount: Math.max(2, Math.min(8, 2 * Math.floor(20_000 / singleMs / 2))) };
  return null;
}

const fmt = (m: Measured) => `${m.rps.toFixed(2).padStart(7)} req/s  p50 ${m.p50.toFixed(0).padStart(6)} ms  p99 ${m.p99.toFixed(0).padStart(6)} ms  (n=${m.n}${m.errors ? `, ${m.errors} errors` : ''})`;

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  say(`${os.cpus().length} CPUs, load average ${load()} (the machine is shared: figures move with it; ratios less)`);
  say('starting FerretDB (SQLite) and the API server...');
  // The server's database socket timeout is 6 x DB_TIMEOUT_MS (30 s by default): at 100,000 listings
  // a faceted search takes longer than that on FerretDB/SQLite, so the bench allows 3 minutes.
  const stack = await startStack({ DB_TIMEOUT_MS: '30000' });
  const rows: string[] = [];
  try {
    await mongoose.connect(stack.db.uri);
    const holders = await makeHolders();
    let have = 0;
    let rate = 0;
    for (let i = 0; i < sizes.length; i++) {
      let target = sizes[i]!;
      if (rate > 0 && (target - have) / rate > INSERT_BUDGET_MS / 1000) {
        const fits = have + Math.floor((rate * INSERT_BUDGET_MS) / 1000 / 10_000) * 10_000;
        say(`inserting ${target} would take ~${Math.round((target - have) / rate)} s at ${Math.round(rate)} listings/s; using ${fits} instead`);
        target = fits;
      }
      if (target > have) {
        say(`inserting ${target - have} assets + listings through the driver...`);
        rate = await insertListings(target - have, holders);
        have = target;
        say(`inserted: ${Math.round(rate)} listings/s (each with its asset)`);
      }
      const url = stack.server.url;
      const scanMs = await timeOnce(() => Listing.collection.countDocuments({}));
      const idMs = await timeOnce(() => Listing.collection.findOne({ _id: new Types.ObjectId() }));
      say(`${have} listings: a full scan (countDocuments {}) takes ${scanMs} ms; {_id: <absent id>} (the one filter pushed to SQLite, which still scans the table) ${idMs} ms`);
      if (i === 0) await compareFacetStrategies();
      // The snapshot's refresh costs: an incremental read (updatedAt filter: FerretDB still scans
      // the collection, but returns only the changed rows) and a full reload.
      if (i === 0) {
        const incMs = await timeOnce(() => Listing.find({ updatedAt: { $gte: new Date() } }).lean());
        say(`snapshot refresh on the driver: incremental (updatedAt >= now, no rows) ${incMs} ms`);
        const m = await snapshotBytesPerListing();
        say(`snapshot full reload on the driver: ${m.n} published listings in ${m.ms} ms, ${Math.round(m.bytes)} heap bytes per listing`);
        for (const line of await glossaryCost()) rows.push(`${have}\t${line}`);
        if (process.env.BENCH_GLOSSARY_ONLY === '1') break;
      }
      {
        const first = await timeOnce(() => apiOnce(url, Q_LEAN)); // the snapshot's refresh after the bulk insert (stamp bumped)
        await touchListings(); // as after any write: the next search refreshes incrementally
        const afterWrite = await timeOnce(() => apiOnce(url, Q_LEAN));
        const steady = await timeOnce(() => apiOnce(url, Q_LEAN));
        say(`API, listing fields only: first search after the bulk insert ${first} ms; first after a stamp bump ${afterWrite} ms; next ${steady} ms`);
        rows.push(`${have}\tsnapshot refresh\tafter bulk insert ${first} ms\tafter a write ${afterWrite} ms\tunchanged ${steady} ms`);
      }
      for (const [name, query, driver] of [['text "石墨", listing fields only', Q_LEAN, DRIVER_LEAN], ['text "石墨"', Q_TEXT, DRIVER_TEXT], ['filtered + faceted', Q_FACETED, DRIVER_FACETED]] as const) {
        if (BUDGET_MS - elapsed() < 30_000) {
          rows.push(`${have}\t${name}\tskipped: the run's time budget is spent`);
          continue;
        }
        let single: number;
        try {
          single = await timeOnce(() => apiOnce(url, query)); // also warms up
        } catch (err) {
          rows.push(`${have}\t${name}\tAPI failed: ${(err as Error).message.slice(0, 120)}`);
          continue;
        }
        // Each side gets the plan its own single request calls for (the snapshot answers in
        // milliseconds while the driver still scans: the same plan would queue minutes of scans).
        const one = (ms: number): Measured => ({ rps: 1000 / ms, p50: ms, p99: ms, n: 1, errors: 0 });
        const describe = (p: Plan | null) => (p ? (p.amount ? `${p.amount} requests, ${p.connections} at a time` : `${p.durationS} s, ${p.connections} connections`) : 'that one request');
        const plan = planFor(single);
        say(`${name}: one API request ${single} ms -> ${describe(plan)}`);
        const api = plan ? await viaApi(url, query, plan) : one(single);
        if (BUDGET_MS - elapsed() < 30_000) {
          rows.push(`${have}\t${name}\tAPI ${api.rps.toFixed(2)} req/s p50 ${api.p50.toFixed(0)} p99 ${api.p99.toFixed(0)} ms\tdriver skipped: the run's time budget is spent\t\t\tscan ${scanMs} ms`);
          continue;
        }
        const singleDrv = await timeOnce(() => driver());
        const planDrv = planFor(singleDrv);
        say(`${name}: one driver run ${singleDrv} ms -> ${describe(planDrv)}`);
        const drv = planDrv ? await viaDriver(driver, planDrv) : one(singleDrv);
        say(`  API     ${fmt(api)}`);
        say(`  driver  ${fmt(drv)}`);
        rows.push(`${have}\t${name}\tAPI ${api.rps.toFixed(2)} req/s p50 ${api.p50.toFixed(0)} p99 ${api.p99.toFixed(0)} ms\tdriver ${drv.rps.toFixed(2)} req/s p50 ${drv.p50.toFixed(0)} p99 ${drv.p99.toFixed(0)} ms\tthroughput API/driver ${(api.rps / drv.rps).toFixed(2)}\tp50 API/driver ${(api.p50 / drv.p50).toFixed(2)}\tscan ${scanMs} ms`);
      }
    }
  } finally {
    await mongoose.disconnect();
    await stack.stop();
  }
  console.log('\nsize\tquery\tAPI\tdriver\tthroughput ratio\tlatency ratio\tfull scan');
  for (const r of rows) console.log(r);
  say(`done; load average ${load()}`);
}

runBench(main);
