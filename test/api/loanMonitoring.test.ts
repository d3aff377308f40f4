// Issue 16, point 3: the daily post-loan monitoring job. Alerts for each cause (the job run by hand
// with --day, as `npm run loan-monitor` does), raised once however often the job runs, notified to
// the bank's users, acknowledged with a note; and the in-process scheduler running the job once per
// day with two API processes on one database and after a restart.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { sharedStack } from '../helpers/hooks';
import { Client } from '../helpers/client';
import { startServer, startStack, type ServerHandle, type Stack } from '../helpers/stack';
import { touchMirrors } from '../helpers/mirrors';
import { inbox } from '../helpers/notifications';
import { db, oid, world, type World } from '../helpers/financing';
import { at, disbursedLoan, LOAN, runMonitorScript } from '../helpers/loans';
import { todayInShanghai } from '../../services/rules/calendar';

const ALERTS = `query($status: LoanAlertStatus, $first: Int, $after: String) {
  loanAlerts(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id cause detail raisedOn status note asset { id } loan { id } history { from to reason } } }
  }
}`;
const ACK = `mutation($id: ID!, $note: String!) { acknowledgeLoanAlert(id: $id, note: $note) { id status note history { from to reason } } }`;
const FACTS = `mutation($input: AssetPledgeFactsInput!) { recordAssetPledgeFacts(input: $input) { id } }`;
const RESTRICT = `mutation($input: AssetRestrictionInput!) { setAssetRestriction(input: $input) { id } }`;
const EVENT = `mutation($id: ID!, $event: LegalStatusEvent!, $on: Date!, $reason: String!) { recordLegalStatusEvent(id: $id, event: $event, on: $on, reason: $reason) { id legalStatus } }`;
const DAY = '2026-08-01';

async function alertsOf(client: Client, status?: string): Promise<any[]> {
  return (await client.ok(ALERTS, { first: 100, ...(status ? { status } : {}) })).loanAlerts.edges.map((e: any) => e.node);
}

describe('post-loan monitoring: alerts (issue 16, point 3)', () => {
  let w: World;
  let uri: string;
  before(async () => {
    w = await world();
    uri = (await sharedStack()).db.uri;
  });

  it('raises each cause once, moves the loan to OVERDUE with history, notifies the bank, and the bank acknowledges', async () => {
    // Loan A: an invention filed 2007 (protection ends 2027-03-01, within 12 months of DAY), valued
    // 2025-06-30 (stale on DAY), nothing repaid; then fees lapse, a restriction, a deal.
    const a = await disbursedLoan(w, {}, { asset: { filingDate: '2007-03-01', grantDate: '2010-06-01' } });
    const assetA = a.assetIds[0]!;
    await a.owner.client.ok(FACTS, { input: { assetId: assetA, annualFeesPaidUntil: '2026-03-01' } });
    await w.regulator.ok(RESTRICT, { input: { assetId: assetA, kind: 'COURT_PRESERVATION', since: '2026-01-10', note: '(2026)黑04民初1号' } });
    const conn = await db();
    const dealId = new mongoose.Types.ObjectId();
    await conn.collection('deals').insertOne({
      _id: dealId, listing: new mongoose.Types.ObjectId(), asset: oid(assetA), type: 'TRANSFER', licenseType: null, buyer: new mongoose.Types.ObjectId(),
      seller: oid(a.owner.orgId), price: 100_000, status: 'PROPOSED', history: [], payments: [], paymentAttempts: 0, createdAt: new Date(), updatedAt: new Date(),
    });
    // Loans B and C of the same bank: their rights invalidated and lapsed, recorded by the REGULATOR.
    const b = await disbursedLoan(w, {}, { bp: a.bp });
    const c = await disbursedLoan(w, {}, { bp: a.bp });
    await w.regulator.ok(EVENT, { id: b.assetIds[0], event: 'INVALIDATE', on: '2026-05-01', reason: '无效宣告请求审查决定' });
    await w.regulator.ok(EVENT, { id: c.assetIds[0], event: 'LAPSE', on: '2026-03-01', reason: '未缴年费，宽限期届满' });
    await touchMirrors(conn, 'deals');

    const out = await runMonitorScript(uri, ['--job', 'loan-monitoring', '--day', DAY, '--force']);
    expect(out).to.contain(`loan-monitoring ${DAY}`);
    const bank = a.bp.bank.client;
    const alerts = await alertsOf(bank);
    const forA = alerts.filter((x) => x.loan.id === a.loanId).map((x) => x.cause).sort();
    expect(forA).to.deep.equal(['ANNUAL_FEE_OVERDUE', 'PROTECTION_ENDING', 'REPAYMENT_OVERDUE', 'RESTRICTION_RECORDED', 'TRANSFER_OR_LICENCE_ATTEMPTED', 'VALUATION_STALE']);
    expect(alerts.filter((x) => x.loan.id === b.loanId).map((x) => x.cause).sort()).to.deep.equal(['REPAYMENT_OVERDUE', 'RIGHT_INVALIDATED', 'VALUATION_STALE']);
    expect(alerts.filter((x) => x.loan.id === c.loanId).map((x) => x.cause).sort()).to.deep.equal(['REPAYMENT_OVERDUE', 'RIGHT_LAPSED', 'VALUATION_STALE']);
    const byCause = new Map(alerts.filter((x) => x.loan.id === a.loanId).map((x) => [x.cause, x]));
    expect(byCause.get('PROTECTION_ENDING')).to.include({ raisedOn: DAY, status: 'OPEN' });
    expect(byCause.get('PROTECTION_ENDING').detail).to.contain('protection ends on 2027-03-01');
    expect(byCause.get('PROTECTION_ENDING').asset).to.deep.equal({ id: assetA });
    expect(byCause.get('TRANSFER_OR_LICENCE_ATTEMPTED').detail).to.contain(String(dealId));
    expect(byCause.get('REPAYMENT_OVERDUE').detail).to.contain('10200.67 yuan past due');
    // The job stored the move to OVERDUE, with history.
    const loanA = (await at(bank, DAY).ok(LOAN, { id: a.loanId })).loan;
    expect(loanA.history.at(-1)).to.deep.include({ from: 'CURRENT', to: 'OVERDUE' });
    // The bank's users were told, once per alert.
    const told = (await inbox(bank)).filter((n) => n.kind === 'LOAN_ALERT');
    expect(told.length).to.equal(alerts.length);
    expect(told.every((n) => n.objectType === 'LoanAlert')).to.equal(true);

    // Idempotent: the same day again (forced), a later day, and the day unforced: nothing new.
    await runMonitorScript(uri, ['--job', 'loan-monitoring', '--day', DAY, '--force']);
    expect(await runMonitorScript(uri, ['--job', 'loan-monitoring', '--day', DAY])).to.contain('already run');
    expect((await alertsOf(bank)).length).to.equal(alerts.length);
    expect((await inbox(bank)).filter((n) => n.kind === 'LOAN_ALERT').length).to.equal(alerts.length);

    // The borrower sees none of it; the bank acknowledges with a note, once.
    expect((await a.owner.client.ok(ALERTS, {})).loanAlerts.totalCount).to.equal(0);
    const first = byCause.get('RESTRICTION_RECORDED');
    await a.owner.client.fails(ACK, { id: first.id, note: 'x' }, 'NOT_FOUND');
    await bank.fails(ACK, { id: first.id, note: '  ' }, 'BAD_USER_INPUT', 'note');
    const acked = (await bank.ok(ACK, { id: first.id, note: '已联系法院，保全不影响质权' })).acknowledgeLoanAlert;
    expect(acked).to.deep.include({ status: 'ACKNOWLEDGED', note: '已联系法院，保全不影响质权' });
    expect(acked.history.at(-1)).to.deep.equal({ from: 'OPEN', to: 'ACKNOWLEDGED', reason: '已联系法院，保全不影响质权' });
    await bank.fails(ACK, { id: first.id, note: 'again' }, 'CONFLICT');
    expect((await alertsOf(bank, 'OPEN')).map((x) => x.id)).not.to.include(first.id);
    expect((await alertsOf(bank, 'ACKNOWLEDGED')).map((x) => x.id)).to.deep.equal([first.id]);
    // A repayment that clears the arrears: the next day's job moves the loan back to CURRENT.
    await at(bank, DAY).ok(`mutation($input: RepaymentInput!) { recordRepayment(input: $input) { id } }`, { input: { loanId: b.loanId, paidOn: DAY, amount: '10200.67' } });
    await runMonitorScript(uri, ['--job', 'loan-monitoring', '--day', '2026-08-02']);
    const loanB = (await at(bank, '2026-08-02').ok(LOAN, { id: b.loanId })).loan;
    expect(loanB.status).to.equal('CURRENT');
  });
});

describe('post-loan monitoring: the daily job runs once per day across two API processes and a restart', function () {
  this.timeout(180_000);
  let stack: Stack;
  let second: ServerHandle | undefined;

  after(async () => {
    await second?.stop();
    await stack?.stop();
  });

  it('two processes checking every 100 ms claim today once; a restart and the unforced script do not run it again', async () => {
    const env = { DAILY_JOBS: 'true', DAILY_JOB_CHECK_MS: '100', FERRETDB_LEASE: 'false' };
    stack = await startStack(env);
    const secondEnv = { ...env, NODE_ENV: 'test', MONGODB_URI: stack.db.uri, DATA_DIR: `${stack.tmp}/second`, JWT_SECRET: 'x'.repeat(40), DEMO_DATA: 'false' };
    second = await startServer(secondEnv);
    const conn = mongoose.createConnection(stack.db.uri);
    await conn.asPromise();
    try {
      const today = todayInShanghai();
      const runs = () => conn.collection('jobruns').find({ job: 'loan-monitoring', day: today }).toArray();
      for (let i = 0; i < 200 && !(await runs())[0]?.finishedAt; i++) await new Promise((r) => setTimeout(r, 100));
      // Let both processes check many more times, then restart the second one and let it check again.
      await new Promise((r) => setTimeout(r, 1500));
      await second.stop();
      second = await startServer(secondEnv);
      await new Promise((r) => setTimeout(r, 1000));
      const after = await runs();
      expect(after).to.have.length(1);
      expect(after[0]!.attempts).to.equal(1);
      expect(after[0]!.finishedAt).to.be.instanceOf(Date);
      expect(await runMonitorScript(stack.db.uri, [])).to.contain('already run');
      // Both daily jobs (registration expiry, loan monitoring) ran once each today.
      expect((await conn.collection('jobruns').find({}).toArray()).map((r) => [r.job, r.day, r.attempts]).sort()).to.deep.equal([
        ['loan-monitoring', today, 1], ['registration-expiry', today, 1],
      ]);
    } finally {
      await conn.close();
    }
  });
});
