// The loan part of `npm run bench:financing` (issue 16): recordRepayment throughput through the API
// (10 connections, on one loan and spread over 20 loans), and financingSummary at 10,000 loans
// (inserted through the driver), as ratios to the trivial query measured in the same run.
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import type { Stack } from '../test/helpers/stack';
import { Client, registerOrg, registerVerified, type Registered } from '../test/helpers/client';
import { CREATE_PRODUCT, DEFAULT_PRODUCT, createAsset } from '../test/helpers/financing';
import { computeSchedule, scheduleTotal } from '../services/financing/loanSchedule';
import { figuresOf } from '../services/financing/summaryFigures';
import { addYears, todayInShanghai } from '../services/rules/calendar';
import { COUNTIES } from '../models/enums';

const APPLY = `mutation($input: PledgeApplicationInput!) { applyForPledgeLoan(input: $input) { id } }`;
const REVIEW = `mutation($input: ReviewInput!) { reviewPledgeApplication(input: $input) { id } }`;
const REGISTER = `mutation($input: PledgeRegistrationInput!) { recordPledgeRegistration(input: $input) { id } }`;
const CONTRACT = `mutation($input: LoanContractInput!) { recordLoanContract(input: $input) { id } }`;
const DISBURSE = `mutation($input: DisbursementInput!) { recordDisbursement(input: $input) { id } }`;
const REPAY = `mutation($input: RepaymentInput!) { recordRepayment(input: $input) { id repaidTotal } }`;
const LOAN = `query($id: ID!) { loan(id: $id) { repaidTotal repayments { amount } } }`;
const SUMMARY = `query($year: Int!, $county: County) { financingSummary(year: $year, county: $county) { loansGranted amountGranted repaid subsidyDue } }`;

const fmt = (n: number, d = 1) => n.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

let serial = 0;
async function disbursedLoan(bank: Registered, owner: Registered, productId: string): Promise<string> {
  const today = todayInShanghai();
  const assetId = await createAsset(owner.client);
  const { applyForPledgeLoan: app } = await owner.client.ok(APPLY, { input: { productId, assetIds: [assetId], requestedAmount: '1000000.00', termMonths: 36, valuation: { amount: '5000000.00', method: 'INCOME', valuedOn: today } } });
  await bank.client.ok(REVIEW, { input: { applicationId: app.id, decision: 'START_REVIEW' } });
  await (bank.approver ?? bank.client).ok(REVIEW, { input: { applicationId: app.id, decision: 'APPROVE' } });
  const { recordLoanContract: loan } = await bank.client.ok(CONTRACT, { input: { applicationId: app.id, contractNumber: `BENCH-${Date.now()}-${serial++}`, principal: '1000000.00', annualRateBps: 385, termMonths: 36, repaymentMethod: 'EQUAL_INSTALMENTS', signedOn: today } });
  await bank.client.ok(REGISTER, { input: { applicationId: app.id, registrationNumber: `L${Date.now().toString(36)}${String(serial++).padStart(6, '0')}`, securedAmount: '1000000.00', registeredOn: today, expiresOn: addYears(today, 3) } });
  await bank.client.ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: today, amount: '1000000.00' } });
  return loan.id;
}

async function repaymentRun(url: string, token: string, loanIds: string[], amount: number) {
  let next = 0;
  const today = todayInShanghai();
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: `${url}/graphql`, method: 'POST', connections: 10, amount, timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: REPAY, variables: { input: { loanId: loanIds[next++ % loanIds.length], paidOn: today, amount: '1.00' } } }) }) }],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, non2xx: result.non2xx };
}

/** 10,000 disbursed loans straight through the driver: 12-month schedules, a few repayments, some defaulted. */
async function insertLoans(conn: mongoose.Connection, n: number): Promise<void> {
  const docs = [];
  for (let i = 0; i < n; i++) {
    const disbursedOn = `2025-${String((i % 12) + 1).padStart(2, '0')}-15`;
    const principal = 10_000_000 + ((i * 7919) % 90_000_000);
    const schedule = computeSchedule({ method: 'EQUAL_INSTALMENTS', principal, annualRateBps: 385, termMonths: 12, disbursedOn });
    const paid = schedule.slice(0, i % 6);
    const repayments = paid.map((r) => ({ paidOn: r.dueOn, amount: r.total, reference: null, recordedAt: new Date(), by: null }));
    const defaulted = i % 50 === 0;
    docs.push({
      _id: new mongoose.Types.ObjectId(), application: new mongoose.Types.ObjectId(), bank: new mongoose.Types.ObjectId(), borrower: new mongoose.Types.ObjectId(), product: new mongoose.Types.ObjectId(),
      contractNumber: `BULK-${i}`, principal, annualRateBps: 385, termMonths: 12, repaymentMethod: 'EQUAL_INSTALMENTS', customSchedule: [], signedOn: disbursedOn,
      disbursedOn, disbursedAmount: principal, maturityOn: schedule.at(-1)!.dueOn, schedule, scheduledTotal: scheduleTotal(schedule), repayments, repaidTotal: scheduleTotal(paid),
      status: defaulted ? 'DEFAULTED' : 'CURRENT', defaultedOn: defaulted ? '2025-12-20' : null, defaultReason: defaulted ? 'bench' : null, lossAtDefault: defaulted ? principal : null,
      borrowerCounty: COUNTIES[i % COUNTIES.length], industries: ['GRAPHITE'], insured: i % 3 === 0, history: [], createdAt: new Date(), updatedAt: new Date(),
    });
    // Imported with their markers (what each loan counts), as a migration would: the rebuild then writes
    // the per-(year, county) figures and leaves the loans alone.
    const loan = docs[docs.length - 1]!;
    Object.assign(loan, { summaryMoves: 0, summaryCounted: { moves: 0, figures: figuresOf(loan as never) }, summaryPending: null });
  }
  for (let i = 0; i < docs.length; i += 2000) await conn.collection('loans').insertMany(docs.slice(i, i + 2000), { ordered: false });
}

/** Runs the built rebuild script against the bench's database; returns its last line. */
async function rebuildFigures(uri: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  const path = await import('node:path');
  const { projectRoot } = await import('../server/paths');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(projectRoot, 'dist/scripts/rebuild-financing-summaries.js')], { env: { PATH: process.env.PATH ?? '', MONGODB_URI: uri } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`rebuild failed: ${stderr}${stdout}`));
      else resolve(stdout.trim().split('\n').at(-1) ?? '');
    });
  });
}

export async function loanBench(stack: Stack, anon: Client, regulator: Client, trivialPerSecond: number, opts: { repayments: number; loans: number }): Promise<void> {
  const bank = await registerVerified(anon, regulator, 'BANK');
  const owner = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
  const { createLoanProduct } = await bank.client.ok(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, maxAmount: '100000000.00' } });
  console.log('\npreparing 21 disbursed loans through the API (contract, registration, disbursement) ...');
  const hot = await disbursedLoan(bank, owner, createLoanProduct.id);
  const spread: string[] = [];
  for (let i = 0; i < 20; i++) spread.push(await disbursedLoan(bank, owner, createLoanProduct.id));
  const one = await repaymentRun(stack.server.url, bank.token, [hot], opts.repayments);
  const many = await repaymentRun(stack.server.url, bank.token, spread, opts.repayments);
  const hotLoan = (await bank.client.ok(LOAN, { id: hot })).loan;
  console.log('recordRepayment through the API (10 connections, 1.00 yuan each):');
  console.log(`  one loan      : ${fmt(one.perSecond)} repayments/s (p50 ${one.p50} ms, p99 ${one.p99} ms); kept ${hotLoan.repayments.length}/${opts.repayments}, repaidTotal ${hotLoan.repaidTotal}`);
  console.log(`  over 20 loans : ${fmt(many.perSecond)} repayments/s (p50 ${many.p50} ms, p99 ${many.p99} ms); non-2xx ${many.non2xx}`);
  console.log(`  ratios vs trivial query: one loan ${fmt(one.perSecond / trivialPerSecond, 3)}, 20 loans ${fmt(many.perSecond / trivialPerSecond, 3)}`);

  const conn = await mongoose.createConnection(stack.db.uri).asPromise();
  try {
    console.log(`\ninserting ${opts.loans} loans through the driver ...`);
    await insertLoans(conn, opts.loans);
    // Loans written around the API are not in the kept figures: the operator rebuilds them (npm run rebuild-financing-summaries).
    const t = process.hrtime.bigint();
    const rebuilt = await rebuildFigures(stack.db.uri);
    console.log(`rebuilding the per-(year, county) figures from the loans: ${fmt(Number(process.hrtime.bigint() - t) / 1e6, 0)} ms (${rebuilt})`);
    const trivial = await timeIt(() => anon.ok('{ __typename }'), 30);
    const city = await timeIt(() => regulator.ok(SUMMARY, { year: 2025 }), 5);
    const county = await timeIt(() => regulator.ok(SUMMARY, { year: 2025, county: 'LUOBEI' }), 5);
    const sample = (await regulator.ok(SUMMARY, { year: 2025 })).financingSummary;
    console.log(`financingSummary at ${(await conn.collection('loans').estimatedDocumentCount())} loans (API trivial query ${fmt(trivial, 2)} ms):`);
    console.log(`  city-wide (year 2025): ${fmt(city, 0)} ms = ${fmt(city / trivial, 0)}x trivial; ${sample.loansGranted} loans granted, ${sample.amountGranted} yuan`);
    console.log(`  one county           : ${fmt(county, 0)} ms = ${fmt(county / trivial, 0)}x trivial`);
  } finally {
    await conn.close();
  }
}
