// Benchmark: pledge registrations per second with and without contention, and reading the pledge
// indicator from per-(year, county) figures (driver, and planIndicators through the API) versus
// scanning every registration. Starts its own
// server + FerretDB on loopback; every measurement is bounded; ratios are against a trivial query
// measured in the same run. Usage: npm run bench:financing [-- --max-rows 1000000 --insert-seconds 180]
// [--only-loans --repayments 500 --loans 10000] (bench/financingLoans.ts: repayments, financingSummary)
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { startStack, ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/helpers/stack';
import { Client, registerVerified, signInAdmin, registerOrg, type Registered } from '../test/helpers/client';
import { CREATE_PRODUCT, DEFAULT_PRODUCT, createAsset } from '../test/helpers/financing';
import { COUNTIES } from '../models/enums';
import { loanBench } from './financingLoans';
import { runBench } from './load';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REGISTRATIONS = arg('registrations', 200); // per throughput run
const MAX_ROWS = arg('max-rows', 1_000_000);
const INSERT_SECONDS = arg('insert-seconds', 180);
const API_ROWS = arg('api-rows', 20_000); // reads also measured through the API at this size
const MID_ROWS = arg('mid-rows', 100_000); // and through the driver at this size
const CODE = 'PLEDGE_FINANCING_REGISTERED_AMOUNT';
const ONLY_LOANS = process.argv.includes('--only-loans'); // issue 16: only the loan measurements
const REPAYMENTS = arg('repayments', 500);
const LOANS = arg('loans', 10_000);

const APPLY = `mutation($input: PledgeApplicationInput!) { applyForPledgeLoan(input: $input) { id } }`;
const REVIEW = `mutation($input: ReviewInput!) { reviewPledgeApplication(input: $input) { id } }`;
const REGISTER = `mutation($input: PledgeRegistrationInput!) { recordPledgeRegistration(input: $input) { id } }`;
const TOTALS = `query($year: Int) { pledgeRegistrations(filter: { year: $year }, first: 1) { totalCount totalSecuredAmount } }`;
const PLAN = `query($year: Int!) { planIndicators(year: $year) { code value } }`;

const fmt = (n: number, d = 1) => n.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function inChunks<T>(n: number, size: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => fn(i + k)))));
  return out;
}

/** Times fn repeatedly for at most `seconds` (and at most `max` runs, at least `min`); returns the median ms. */
async function timeIt(fn: () => Promise<unknown>, opts: { seconds: number; max: number; min?: number }): Promise<{ ms: number; runs: number }> {
  const times: number[] = [];
  const deadline = Date.now() + opts.seconds * 1000;
  while (times.length < opts.max && (times.length < (opts.min ?? 1) || Date.now() < deadline)) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: median(times), runs: times.length };
}

let regSerial = 0;
const regNumber = () => `B${Date.now().toString(36)}${(regSerial++).toString().padStart(7, '0')}`;

async function approvedApplications(owner: Registered, bank: Registered, productId: string, assetIds: string[]): Promise<string[]> {
  return inChunks(assetIds.length, 8, async (i) => {
    const { applyForPledgeLoan } = await owner.client.ok(APPLY, {
      input: { productId, assetIds: [assetIds[i]], requestedAmount: '1000000.00', termMonths: 12, valuation: { amount: '5000000.00', method: 'INCOME', valuedOn: '2025-01-02' } },
    });
    await bank.client.ok(REVIEW, { input: { applicationId: applyForPledgeLoan.id, decision: 'START_REVIEW' } });
    await (bank.approver ?? bank.client).ok(REVIEW, { input: { applicationId: applyForPledgeLoan.id, decision: 'APPROVE' } });
    return applyForPledgeLoan.id as string;
  });
}

async function registrationRun(url: string, token: string, applicationIds: string[]) {
  let next = 0;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections: 10,
    amount: applicationIds.length,
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            query: REGISTER,
            variables: { input: { applicationId: applicationIds[next++ % applicationIds.length], registrationNumber: regNumber(), securedAmount: '1000000.00', registeredOn: '2025-03-01', expiresOn: '2026-02-28' } },
          }),
        }),
      },
    ],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log('starting server + FerretDB (SQLite) on 127.0.0.1 ...');
  const stack = await startStack();
  const conn = await mongoose.createConnection(stack.db.uri).asPromise();
  const regs = conn.collection('pledgeregistrations');
  try {
    const anon = new Client(stack.server.url);
    const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    const bank = await registerVerified(anon, regulator, 'BANK');
    const { createLoanProduct } = await bank.client.ok(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, maxAmount: '100000000.00' } });
    const owner = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });

    // 1. The trivial query through the API (the yardstick for API figures).
    const trivial = await autocannon({
      url: `${stack.server.url}/graphql`, method: 'POST', connections: 10, duration: 5,
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    const trivialPerSecond = trivial.requests.total / trivial.duration;
    console.log(`\ntrivial query { __typename } via API: ${fmt(trivialPerSecond, 0)} req/s, p50 ${trivial.latency.p50} ms`);

    // Loans (issue 16): repayment throughput and financingSummary at 10,000 loans.
    await loanBench(stack, anon, regulator, trivialPerSecond, { repayments: REPAYMENTS, loans: LOANS });
    if (ONLY_LOANS) return;

    // 2. Registrations without contention: every request registers a different asset.
    console.log(`\npreparing ${REGISTRATIONS} approved applications on distinct assets ...`);
    const distinctAssets = await inChunks(REGISTRATIONS, 8, () => createAsset(owner.client));
    const distinctApps = await approvedApplications(owner, bank, createLoanProduct.id, distinctAssets);
    const free = await registrationRun(stack.server.url, bank.token, distinctApps);
    const freeWins = await regs.countDocuments({ application: { $in: distinctApps.map((id) => new mongoose.Types.ObjectId(id)) } });

    // 3. With contention: every request races for the same asset (different approved applications).
    console.log(`preparing ${REGISTRATIONS} approved applications on ONE asset ...`);
    const hot = await createAsset(owner.client);
    const hotApps = await approvedApplications(owner, bank, createLoanProduct.id, Array(REGISTRATIONS).fill(hot));
    const contended = await registrationRun(stack.server.url, bank.token, hotApps);
    const hotWins = await regs.countDocuments({ assets: new mongoose.Types.ObjectId(hot) });

    console.log('\nrecordPledgeRegistration through the API (10 connections):');
    console.log(`  distinct assets : ${fmt(free.perSecond)} registrations/s (p50 ${free.p50} ms, p99 ${free.p99} ms); ${freeWins}/${REGISTRATIONS} registered`);
    console.log(`  one hot asset   : ${fmt(contended.perSecond)} attempts/s (p50 ${contended.p50} ms, p99 ${contended.p99} ms); ${hotWins} registered, ${REGISTRATIONS - hotWins} CONFLICT`);
    console.log(`  ratios vs trivial query: distinct ${fmt(free.perSecond / trivialPerSecond, 3)}, contended ${fmt(contended.perSecond / trivialPerSecond, 3)}; contended / distinct ${fmt(contended.perSecond / free.perSecond, 2)}`);

    // 4. Many registrations straight through the driver, with the per-(year, county) figures kept as
    //    addToIndicator keeps them; then reading the pledge indicator both ways.
    const ledger = new Map<string, number>();
    const pledgor = new mongoose.Types.ObjectId();
    const pledgee = new mongoose.Types.ObjectId();
    let inserted = 0;
    let insertMs = 0; // time spent inserting only (the budget)
    const BATCH = 10_000;
    const flushLedger = async () => {
      for (const [key, amount] of ledger) {
        const [year, county] = key.split('|');
        // As services/indicators/ledger.ts does: a 64-bit increment (FerretDB wraps int32 $inc).
        await conn.collection('indicatordeltas').updateOne({ code: CODE, year: Number(year), county }, { $inc: { amount: mongoose.mongo.Long.fromNumber(amount) } }, { upsert: true });
      }
      ledger.clear();
      // Tell the API processes the figures changed, as touchFigures() does (services/indicators/store.ts).
      await conn.collection('indicatorstamps').updateOne({ _id: 'indicators' as never }, { $set: { stamp: `bench-${inserted}` } }, { upsert: true });
    };
    const insertUpTo = async (target: number) => {
      while (inserted < target && insertMs / 1000 < INSERT_SECONDS) {
        const batchStart = Date.now();
        const docs = [];
        for (let i = 0; i < BATCH && inserted + i < target; i++) {
          const n = inserted + i;
          const year = 2021 + (n % 5);
          const county = COUNTIES[(n * 7) % COUNTIES.length]!;
          const securedAmount = 10_000_000 + ((n * 7919) % 490_000_000); // 100,000 to 5,000,000 yuan, in fen
          ledger.set(`${year}|${county}`, (ledger.get(`${year}|${county}`) ?? 0) + securedAmount);
          docs.push({
            registrationNumber: `BULK${String(n).padStart(8, '0')}`, application: null, pledgor, pledgee, assets: [new mongoose.Types.ObjectId()],
            securedAmount, registeredOn: `${year}-06-30`, year, expiresOn: `${year + 1}-06-29`, county, status: 'RELEASED', releasedOn: `${year + 1}-06-01`,
            history: [], indicatorCounted: true, demo: false, createdAt: new Date(), updatedAt: new Date(),
          });
        }
        await regs.insertMany(docs, { ordered: false });
        inserted += docs.length;
        insertMs += Date.now() - batchStart;
        if (inserted % 100_000 === 0) console.log(`  ${inserted} rows, ${fmt(insertMs / 1000)} s of inserting (${fmt(inserted / (insertMs / 1000), 0)} rows/s)`);
      }
      await flushLedger();
    };

    const measureReads = async (label: string, withApi: boolean) => {
      const total = await regs.estimatedDocumentCount();
      const org = await conn.collection('organizations').findOne({});
      const trivialDriver = await timeIt(() => conn.collection('organizations').findOne({ _id: org!._id }), { seconds: 3, max: 300, min: 20 });
      const fromLedger = await timeIt(() => conn.collection('indicatordeltas').find({ code: CODE, year: 2024 }).toArray(), { seconds: 3, max: 300, min: 20 });
      let scanTotal = 0;
      const scan = await timeIt(async () => {
        const rows = await regs.aggregate<{ total: number }>([{ $match: { year: 2024 } }, { $group: { _id: '$county', total: { $sum: '$securedAmount' } } }]).toArray();
        scanTotal = rows.reduce((n, r) => n + r.total, 0);
      }, { seconds: 1, max: 2, min: 1 });
      const ledgerTotal = (await conn.collection('indicatordeltas').find({ code: CODE, year: 2024 }).toArray()).reduce((n, d) => n + (d.amount as number), 0);
      console.log(`\n${label}: ${total} registrations in the collection`);
      console.log(`  trivial driver query (findOne by _id)        : ${fmt(trivialDriver.ms, 2)} ms (median of ${trivialDriver.runs})`);
      console.log(`  2024 pledge total from the per-(year, county) figures: ${fmt(fromLedger.ms, 2)} ms (median of ${fromLedger.runs}) = ${fmt(fromLedger.ms / trivialDriver.ms, 2)}x trivial`);
      console.log(`  2024 pledge total by scanning registrations  : ${fmt(scan.ms, 0)} ms (median of ${scan.runs}) = ${fmt(scan.ms / trivialDriver.ms, 0)}x trivial, ${fmt(scan.ms / fromLedger.ms, 0)}x the figures`);
      console.log(`  both give ${ledgerTotal === scanTotal ? 'the same' : 'DIFFERENT'} total: ${ledgerTotal} vs ${scanTotal} fen`);
      const apiTrivialAll = await timeIt(() => anon.ok('{ __typename }'), { seconds: 2, max: 200, min: 20 });
      let pledgeYi = Number.NaN;
      const plan = await timeIt(async () => {
        const rows = (await anon.ok(PLAN, { year: 2024 })).planIndicators as { code: string; value: number }[];
        pledgeYi = rows.find((r) => r.code === CODE)!.value;
      }, { seconds: 3, max: 200, min: 20 });
      console.log(`  API planIndicators(year: 2024): ${fmt(plan.ms, 2)} ms (median of ${plan.runs}) = ${fmt(plan.ms / apiTrivialAll.ms, 2)}x the API trivial query (${fmt(apiTrivialAll.ms, 2)} ms); pledge ${pledgeYi} 亿元 (${Math.round(pledgeYi * 1e10) === ledgerTotal ? 'equals' : 'DIFFERS FROM'} the figures)`);
      if (withApi) {
        const apiTrivial = await timeIt(() => anon.ok('{ __typename }'), { seconds: 2, max: 100, min: 10 });
        try {
          const api = await timeIt(() => regulator.ok(TOTALS, { year: 2024 }), { seconds: 1, max: 2, min: 1 });
          console.log(`  API pledgeRegistrations(filter: {year: 2024}) totals (regulator): ${fmt(api.ms, 0)} ms = ${fmt(api.ms / apiTrivial.ms, 0)}x the API trivial query (${fmt(apiTrivial.ms, 2)} ms)`);
        } catch (err) {
          console.log(`  API pledgeRegistrations(filter: {year: 2024}) totals: failed (${(err as Error).message.slice(0, 120)}) - the server's database socket timeout is 30 s`);
        }
      }
    };

    console.log(`\ninserting registrations through the driver (up to ${MAX_ROWS}, at most ${INSERT_SECONDS} s of inserting) ...`);
    await insertUpTo(Math.min(API_ROWS, MAX_ROWS));
    await measureReads(`at ${inserted} inserted`, true);
    if (MID_ROWS > inserted && MAX_ROWS > MID_ROWS) {
      await insertUpTo(MID_ROWS);
      await measureReads(`at ${inserted} inserted`, false);
    }
    const measuredAt = inserted;
    await insertUpTo(MAX_ROWS);
    const insertRate = inserted / (insertMs / 1000);
    console.log(`\ninserted ${inserted} rows in ${fmt(insertMs / 1000)} s (${fmt(insertRate, 0)} rows/s through the driver, 10,000 per insertMany)`);
    if (inserted < MAX_ROWS) console.log(`stopped below ${MAX_ROWS}: the ${INSERT_SECONDS} s insert budget ran out`);
    if (inserted > measuredAt) await measureReads(`at ${inserted} inserted`, false);
    console.log(`\ntotal benchmark time ${fmt((Date.now() - t0) / 1000, 0)} s`);
  } finally {
    await conn.close();
    await stack.stop();
  }
}

runBench(main);
