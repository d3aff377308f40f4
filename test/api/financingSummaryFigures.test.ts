// financingSummary from kept per-(year, county) figures (docs/financing.md): after several loan moves
// through the API the kept figures equal a rebuild from the loans (npm run rebuild-financing-summaries
// -- --check); a wrong figure is found and corrected by the rebuild; a crash between a loan move and
// its sync, or in the middle of the sync, loses nothing and counts nothing twice once the repair pass runs.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../server/paths';
import { todayInShanghai } from '../../services/rules/calendar';
import { Client, signInAdmin } from '../helpers/client';
import { CrashBench, expectCrash, repairsLogged } from '../helpers/crash';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type ServerHandle } from '../helpers/stack';
import { sharedStack } from '../helpers/hooks';
import { apply, approveToday, bankWithProduct, createAsset, db, enterprise, todayRegistrationInput, world, type World } from '../helpers/financing';
import { at, CONTRACT, contractInput, DEFAULT, DISBURSE, disbursedLoan, REPAY, SETTLE } from '../helpers/loans';

const execFileAsync = promisify(execFile);
const SUMMARY = `query($year: Int!, $county: County) { financingSummary(year: $year, county: $county) { loansGranted amountGranted repaid loansDefaulted amountDefaulted recovered subsidyDue lossShares { bank insurer cityFund } } }`;
const PROCEEDS = `mutation($loanId: ID!, $amount: Money!, $receivedOn: Date!, $reference: String!) { recordEnforcementProceeds(loanId: $loanId, amount: $amount, receivedOn: $receivedOn, reference: $reference) { id } }`;

function rebuild(uri: string, check: boolean) {
  const args = [path.join(projectRoot, 'dist/scripts/rebuild-financing-summaries.js'), ...(check ? ['--check'] : [])];
  return execFileAsync(process.execPath, args, { env: { PATH: process.env.PATH ?? '', MONGODB_URI: uri } }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
  );
}

describe('financingSummary from kept figures (per year and county)', function () {
  this.timeout(120_000);
  let w: World;
  before(async () => {
    w = await world();
  });

  it('after disbursements, repayments, a settlement, a default and recoveries, the kept figures equal a rebuild from the loans; a wrong one is found and corrected', async () => {
    const uri = (await sharedStack()).db.uri;
    const a = await disbursedLoan(w, {}, { county: 'NANSHAN', product: { daysPastDueBeforeDefault: 30 } });
    await at(a.bp.bank.client, '2025-02-28').ok(REPAY, { input: { loanId: a.loanId, paidOn: '2025-02-28', amount: '3400.22' } });
    await at(a.bp.bank.client, '2025-06-01').ok(DEFAULT, { input: { loanId: a.loanId, reason: '停止还款' } });
    await a.bp.bank.client.ok(PROCEEDS, { loanId: a.loanId, amount: '1234.56', receivedOn: '2025-07-01', reference: 'AUCTION-A' });
    const b = await disbursedLoan(w, { principal: '20000.00' }, { county: 'NANSHAN', disbursedOn: '2025-01-31' });
    await at(b.bp.bank.client, '2025-02-28').ok(REPAY, { input: { loanId: b.loanId, paidOn: '2025-02-28', amount: '100.01' } });
    const c = await disbursedLoan(w, {}, { county: 'XINGSHAN' });
    await at(c.bp.bank.client, '2025-04-30').ok(SETTLE, { input: { loanId: c.loanId, settledOn: '2025-04-30', payoff: '10200.67' } });

    const checked = await rebuild(uri, true);
    expect(checked.stdout).to.match(/; 0 figures differ\./);
    expect(checked.code).to.equal(0);

    // A figure changed behind the API's back: --check names it and exits 1; the rebuild corrects it.
    const right = (await w.regulator.ok(SUMMARY, { year: 2025, county: 'NANSHAN' })).financingSummary;
    const conn = await db();
    await conn.collection('financingsummaries').updateOne({ _id: '2025:NANSHAN' } as never, { $inc: { 'f.granted': 5, 'f.repaid': -1 } });
    expect((await w.regulator.ok(SUMMARY, { year: 2025, county: 'NANSHAN' })).financingSummary.loansGranted).to.equal(right.loansGranted + 5);
    const wrong = await rebuild(uri, true);
    expect(wrong.code).to.equal(1);
    expect(wrong.stdout).to.include(`2025:NANSHAN granted: kept ${right.loansGranted + 5}, loans say ${right.loansGranted}`);
    expect(wrong.stdout).to.match(/; 2 figures differ\./);
    expect((await rebuild(uri, false)).stdout).to.match(/; 2 figures corrected\./);
    expect((await w.regulator.ok(SUMMARY, { year: 2025, county: 'NANSHAN' })).financingSummary).to.deep.equal(right);
    expect((await rebuild(uri, true)).code).to.equal(0);
  });

  describe('a crash between a loan move and its figures (own database)', function () {
    this.timeout(180_000);
    let bench: CrashBench;
    before(async () => {
      bench = await CrashBench.start();
    });
    afterEach(async () => bench.stopServers());
    after(async () => bench?.stop());

    /** An approved application, contract and registration on `s`, all dated today; returns the disbursement to trigger. */
    async function readyToDisburse(s: ServerHandle, county: string) {
      const anon = new Client(s.url);
      const sw: World = { anon, regulator: await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD) };
      const bp = await bankWithProduct(sw);
      const owner = await enterprise(sw, county);
      const applicationId = await apply(owner, bp.productId, [await createAsset(owner.client)]);
      await approveToday(bp.bank, applicationId);
      const today = todayInShanghai();
      const loan = (await bp.bank.client.ok(CONTRACT, { input: contractInput(applicationId, { signedOn: today, principal: '12345.67' }) })).recordLoanContract;
      await bp.bank.client.ok(`mutation($input: PledgeRegistrationInput!) { recordPledgeRegistration(input: $input) { id } }`, { input: todayRegistrationInput(applicationId, { securedAmount: '12345.67' }) });
      return () => bp.bank.client.raw(DISBURSE, { input: { loanId: loan.id, disbursedOn: today, amount: '12345.67' } });
    }

    const year = Number(todayInShanghai().slice(0, 4));
    for (const [point, county] of [['loanSummary.beforeClaim', 'DONGSHAN'], ['loanSummary.afterApply', 'XIANGYANG']] as const) {
      it(`${point}: the start-up repair pass finishes the sync, counting the disbursement once`, async () => {
        const faulty = await bench.server({ FAULT_INJECT: point });
        const disburse = await readyToDisburse(faulty, county);
        await expectCrash(faulty, point, disburse);
        const s = await bench.server();
        expect(repairsLogged(s)).to.include('financing.summary.synced');
        const regulator = await signInAdmin(new Client(s.url), ADMIN_EMAIL, ADMIN_PASSWORD);
        expect((await regulator.ok(SUMMARY, { year, county })).financingSummary).to.include({ loansGranted: 1, amountGranted: '12345.67' });
        await s.stop('SIGKILL');
        const again = await bench.server();
        expect(repairsLogged(again)).to.deep.equal([]);
        expect((await rebuild(bench.db.uri, true)).stdout).to.match(/; 0 figures differ\./);
      });
    }
  });
});
