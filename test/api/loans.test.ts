// Issue 16, point 1: the loan after approval, over HTTP. Contract -> registration -> disbursement,
// the exact schedules of the three worked examples (test/unit/loanSchedule.test.ts has the hand
// computations), repayments, OVERDUE and DEFAULTED by date (the x-test-now clock), settlement
// releasing the registration, refusals that write nothing, and the races.
import { expect } from 'chai';
import { registerOrg } from '../helpers/client';
import { apply, bankWithProduct, createAsset, enterprise, countDocs, oid, register, REGISTER, registrationInput, world, type World } from '../helpers/financing';
import {
  at, approvedForLoan, CONTRACT, contractInput, DEFAULT, DISBURSE, disbursedLoan, LOAN, LOANS, REPAY, SETTLE, uniqueContractNumber,
} from '../helpers/loans';

describe('loans: contract, registration, disbursement (issue 16, point 1)', () => {
  let w: World;
  before(async () => {
    w = await world();
  });

  it('the journey: contract, registration after it, disbursement after that, the example-1 schedule, repayments, settlement releases the pledge', async () => {
    const lw = await approvedForLoan(w);
    const bank = lw.bp.bank.client;
    const input = contractInput(lw.applicationId);
    const contracted = (await bank.ok(CONTRACT, { input })).recordLoanContract;
    expect(contracted).to.include({ status: 'CONTRACTED', principal: '10000.00', annualRateBps: 1200, termMonths: 3, disbursedOn: null, scheduledTotal: '0.00' });
    expect(contracted.history).to.deep.equal([{ from: null, to: 'CONTRACTED', reason: `contract ${input.contractNumber} signed on 2025-01-20` }]);
    // Disbursement before the registration: CONFLICT, nothing written.
    await at(bank, '2025-02-01').fails(DISBURSE, { input: { loanId: contracted.id, disbursedOn: '2025-01-31', amount: '10000.00' } }, 'CONFLICT');
    // A registration dated before the contract: BAD_USER_INPUT naming registeredOn.
    await bank.fails(REGISTER, { input: registrationInput(lw.applicationId, { registeredOn: '2025-01-19' }) }, 'BAD_USER_INPUT', 'input.registeredOn');
    const reg = await register(lw.bp.bank, lw.applicationId, { registeredOn: '2025-01-25', expiresOn: '2027-01-25' });
    // Disbursement before the registration's date, or above the principal: BAD_USER_INPUT.
    await at(bank, '2025-02-01').fails(DISBURSE, { input: { loanId: contracted.id, disbursedOn: '2025-01-24', amount: '10000.00' } }, 'BAD_USER_INPUT', 'input.disbursedOn');
    await at(bank, '2025-02-01').fails(DISBURSE, { input: { loanId: contracted.id, disbursedOn: '2025-01-31', amount: '10000.01' } }, 'BAD_USER_INPUT', 'input.amount');
    await at(bank, '2025-01-30').fails(DISBURSE, { input: { loanId: contracted.id, disbursedOn: '2025-01-31', amount: '10000.00' } }, 'BAD_USER_INPUT', 'input.disbursedOn');
    await lw.owner.client.fails(DISBURSE, { input: { loanId: contracted.id, disbursedOn: '2025-01-31', amount: '10000.00' } }, 'FORBIDDEN');
    const loan = (await at(bank, '2025-02-01').ok(DISBURSE, { input: { loanId: contracted.id, disbursedOn: '2025-01-31', amount: '10000.00' } })).recordDisbursement;
    expect(loan).to.include({ status: 'CURRENT', disbursedOn: '2025-01-31', disbursedAmount: '10000.00', maturityOn: '2025-04-30', scheduledTotal: '10200.67', outstanding: '10200.67' });
    expect(loan.schedule.map((r: any) => [r.dueOn, r.principal, r.interest, r.total, r.outstandingAfter])).to.deep.equal([
      ['2025-02-28', '3300.22', '100.00', '3400.22', '6699.78'],
      ['2025-03-31', '3333.22', '67.00', '3400.22', '3366.56'],
      ['2025-04-30', '3366.56', '33.67', '3400.23', '0.00'],
    ]);
    await at(bank, '2025-02-02').fails(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2025-01-31', amount: '10000.00' } }, 'CONFLICT');

    // Due on 02-28: CURRENT that day, OVERDUE the day after (computed from the clock).
    expect((await at(bank, '2025-02-28').ok(LOAN, { id: loan.id })).loan).to.include({ status: 'CURRENT', daysPastDue: 0, pastDue: '0.00' });
    expect((await at(lw.owner.client, '2025-03-05').ok(LOAN, { id: loan.id })).loan).to.include({ status: 'OVERDUE', daysPastDue: 5, pastDue: '3400.22' });
    // The repayment catches up: it reads CURRENT again (the stored status was CURRENT throughout).
    const repaid = (await at(bank, '2025-03-05').ok(REPAY, { input: { loanId: loan.id, paidOn: '2025-03-05', amount: '3400.22', reference: 'TX-1' } })).recordRepayment;
    expect(repaid).to.include({ status: 'CURRENT', repaidTotal: '3400.22', outstanding: '6800.45', pastDue: '0.00', daysPastDue: 0 });
    expect(repaid.schedule.map((r: any) => r.paid)).to.deep.equal(['3400.22', '0.00', '0.00']);
    expect(repaid.repayments).to.deep.equal([{ paidOn: '2025-03-05', amount: '3400.22', reference: 'TX-1', by: { id: lw.bp.bank.userId } }]);
    // The borrower and the REGULATOR see it; a stranger does not; lists are scoped.
    const stranger = await registerOrg(w.anon, 'ENTERPRISE');
    expect((await stranger.client.ok(LOAN, { id: loan.id })).loan).to.equal(null);
    expect((await w.regulator.ok(LOAN, { id: loan.id })).loan.id).to.equal(loan.id);
    expect((await stranger.client.ok(LOANS, {})).loans.totalCount).to.equal(0);
    const mine = (await lw.owner.client.ok(LOANS, {})).loans;
    expect(mine.edges.map((e: any) => e.node.id)).to.deep.equal([loan.id]);
    const app = (await at(lw.owner.client, '2025-03-05').ok(`query($id: ID!) { pledgeApplication(id: $id) { loan { id status } } }`, { id: lw.applicationId })).pledgeApplication;
    expect(app.loan).to.deep.equal({ id: loan.id, status: 'CURRENT' });

    // Settlement: the payoff must be exactly what remains; it releases the registration.
    await at(bank, '2025-04-30').fails(SETTLE, { input: { loanId: loan.id, settledOn: '2025-04-30', payoff: '6800.44' } }, 'BAD_USER_INPUT', 'input.payoff');
    await at(lw.owner.client, '2025-04-30').fails(SETTLE, { input: { loanId: loan.id, settledOn: '2025-04-30', payoff: '6800.45' } }, 'FORBIDDEN');
    const settled = (await at(bank, '2025-04-30').ok(SETTLE, { input: { loanId: loan.id, settledOn: '2025-04-30', payoff: '6800.45' } })).settleLoan;
    expect(settled).to.include({ status: 'SETTLED', settledOn: '2025-04-30', repaidTotal: '10200.67', outstanding: '0.00' });
    expect(settled.history.map((h: any) => h.to)).to.deep.equal(['CONTRACTED', 'CURRENT', 'SETTLED']);
    expect(settled.application.registration).to.deep.equal({ id: reg.id, status: 'RELEASED' });
    expect(settled.application.status).to.equal('RELEASED');
    await at(bank, '2025-05-01').fails(REPAY, { input: { loanId: loan.id, paidOn: '2025-05-01', amount: '1.00' } }, 'CONFLICT');
  });

  it('examples 2 and 3 over the API: interest monthly with principal at maturity, and a CUSTOM schedule (ACT/360)', async () => {
    const lw2 = await approvedForLoan(w);
    const bank2 = lw2.bp.bank.client;
    const c2 = (await bank2.ok(CONTRACT, { input: contractInput(lw2.applicationId, { principal: '1000000.00', annualRateBps: 385, repaymentMethod: 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY', signedOn: '2025-01-10' }) })).recordLoanContract;
    await register(lw2.bp.bank, lw2.applicationId, { registeredOn: '2025-01-12', expiresOn: '2027-01-12', securedAmount: '1000000.00' });
    const l2 = (await at(bank2, '2025-01-15').ok(DISBURSE, { input: { loanId: c2.id, disbursedOn: '2025-01-15', amount: '1000000.00' } })).recordDisbursement;
    expect(l2.schedule.map((r: any) => [r.dueOn, r.days, r.principal, r.interest, r.total])).to.deep.equal([
      ['2025-02-15', 31, '0.00', '3315.28', '3315.28'],
      ['2025-03-15', 28, '0.00', '2994.44', '2994.44'],
      ['2025-04-15', 31, '1000000.00', '3315.28', '1003315.28'],
    ]);
    expect(l2.scheduledTotal).to.equal('1009625.00');

    const lw3 = await approvedForLoan(w);
    const bank3 = lw3.bp.bank.client;
    const custom = [{ dueOn: '2025-06-30', principal: '40000.00' }, { dueOn: '2025-09-30', principal: '60000.00' }];
    const c3 = (await bank3.ok(CONTRACT, { input: contractInput(lw3.applicationId, { principal: '100000.00', annualRateBps: 500, termMonths: 12, repaymentMethod: 'CUSTOM', customSchedule: custom, signedOn: '2025-03-20' }) })).recordLoanContract;
    await register(lw3.bp.bank, lw3.applicationId, { registeredOn: '2025-03-25', expiresOn: '2027-03-25', securedAmount: '100000.00' });
    // A CUSTOM schedule is disbursed in full.
    await at(bank3, '2025-04-01').fails(DISBURSE, { input: { loanId: c3.id, disbursedOn: '2025-03-31', amount: '90000.00' } }, 'BAD_USER_INPUT', 'input.amount');
    const l3 = (await at(bank3, '2025-04-01').ok(DISBURSE, { input: { loanId: c3.id, disbursedOn: '2025-03-31', amount: '100000.00' } })).recordDisbursement;
    expect(l3.schedule.map((r: any) => [r.dueOn, r.days, r.principal, r.interest, r.total])).to.deep.equal([
      ['2025-06-30', 91, '40000.00', '1263.89', '41263.89'],
      ['2025-09-30', 92, '60000.00', '766.67', '60766.67'],
    ]);
    expect(l3).to.include({ scheduledTotal: '102030.56', maturityOn: '2025-09-30' });
  });

  it('contract inputs: BAD_USER_INPUT naming the field, wrong parties, duplicates; nothing written', async () => {
    const lw = await approvedForLoan(w); // approved 3,000,000.00 for 12 months, approval dated 2025-01-01
    const bank = lw.bp.bank.client;
    const cases: [Record<string, unknown>, string][] = [
      [{ principal: '3000000.01' }, 'input.principal'],
      [{ principal: '0.00' }, 'input.principal'],
      [{ annualRateBps: 0 }, 'input.annualRateBps'],
      [{ annualRateBps: 3601 }, 'input.annualRateBps'],
      [{ termMonths: 13 }, 'input.termMonths'],
      [{ contractNumber: '  ' }, 'input.contractNumber'],
      [{ signedOn: '2024-12-31' }, 'input.signedOn'], // before the approval
      [{ signedOn: '2099-01-01' }, 'input.signedOn'], // future
      [{ repaymentMethod: 'CUSTOM' }, 'input.customSchedule'],
      [{ customSchedule: [{ dueOn: '2025-03-01', principal: '10000.00' }] }, 'input.customSchedule'], // not CUSTOM
      [{ repaymentMethod: 'CUSTOM', customSchedule: [{ dueOn: '2025-03-01', principal: '9000.00' }] }, 'input.customSchedule'], // sum
      [{ repaymentMethod: 'CUSTOM', customSchedule: [{ dueOn: '2025-01-20', principal: '10000.00' }] }, 'input.customSchedule[0].dueOn'],
      [{ repaymentMethod: 'CUSTOM', customSchedule: [{ dueOn: '2025-05-01', principal: '10000.00' }] }, 'input.customSchedule[0].dueOn'], // after the 3-month term
      [{ repaymentMethod: 'CUSTOM', customSchedule: [{ dueOn: '2025-03-01', principal: '5000.00' }, { dueOn: '2025-02-01', principal: '5000.00' }] }, 'input.customSchedule[1].dueOn'],
      [{ repaymentMethod: 'CUSTOM', customSchedule: [{ dueOn: '2025-02-01', principal: '10000.00' }, { dueOn: '2025-03-01', principal: '0.00' }] }, 'input.customSchedule[1].principal'],
    ];
    for (const [override, field] of cases) {
      await bank.fails(CONTRACT, { input: contractInput(lw.applicationId, override) }, 'BAD_USER_INPUT', field);
    }
    await lw.owner.client.fails(CONTRACT, { input: contractInput(lw.applicationId) }, 'FORBIDDEN');
    const otherBank = await bankWithProduct(w);
    await otherBank.bank.client.fails(CONTRACT, { input: contractInput(lw.applicationId) }, 'NOT_FOUND');
    expect(await countDocs('loans', { _id: oid(lw.applicationId) })).to.equal(0);

    const number = uniqueContractNumber();
    await bank.ok(CONTRACT, { input: contractInput(lw.applicationId, { contractNumber: number }) });
    await bank.fails(CONTRACT, { input: contractInput(lw.applicationId) }, 'CONFLICT'); // one loan per application
    const second = await approvedForLoan(w, { bp: lw.bp });
    await bank.fails(CONTRACT, { input: contractInput(second.applicationId, { contractNumber: number }) }, 'CONFLICT'); // number unique per bank
    expect(await countDocs('loans', { _id: oid(second.applicationId) })).to.equal(0);
    const elsewhere = await approvedForLoan(w);
    await elsewhere.bp.bank.client.ok(CONTRACT, { input: contractInput(elsewhere.applicationId, { contractNumber: number }) }); // another bank may use it
    // Only an APPROVED (or REGISTERED) application gets a contract.
    const owner = await enterprise(w);
    const submittedId = await apply(owner, lw.bp.productId, [await createAsset(owner.client)]);
    const err = await bank.fails(CONTRACT, { input: contractInput(submittedId) }, 'CONFLICT');
    expect(err.extensions?.status).to.equal('SUBMITTED');
    expect(await countDocs('loans', { _id: oid(submittedId) })).to.equal(0);
  });

  it('OVERDUE and DEFAULTED by date: the product threshold (here 30 days) decides when the bank may default', async () => {
    const { loanId, bp } = await disbursedLoan(w, {}, { product: { daysPastDueBeforeDefault: 30 } });
    const bank = bp.bank.client;
    // First instalment due 2025-02-28 and never paid: 29 days past due on 2025-03-29, 30 on 2025-03-30.
    expect((await at(bank, '2025-03-29').ok(LOAN, { id: loanId })).loan).to.include({ status: 'OVERDUE', daysPastDue: 29 });
    await at(bank, '2025-03-29').fails(DEFAULT, { input: { loanId, reason: '借款人停止经营' } }, 'CONFLICT');
    await at(bank, '2025-03-30').fails(DEFAULT, { input: { loanId, reason: '  ' } }, 'BAD_USER_INPUT', 'input.reason');
    const defaulted = (await at(bank, '2025-03-30').ok(DEFAULT, { input: { loanId, reason: '借款人停止经营' } })).defaultLoan;
    expect(defaulted).to.include({ status: 'DEFAULTED', defaultedOn: '2025-03-30', defaultReason: '借款人停止经营', daysPastDue: 30 });
    expect(defaulted.history.at(-1)).to.deep.equal({ from: 'CURRENT', to: 'DEFAULTED', reason: '借款人停止经营 (30 days past due)' });
    // Final: no repayment, settlement or second default; the registration stays (enforcement is the bank's).
    await at(bank, '2025-04-01').fails(REPAY, { input: { loanId, paidOn: '2025-04-01', amount: '1.00' } }, 'CONFLICT');
    await at(bank, '2025-04-01').fails(SETTLE, { input: { loanId, settledOn: '2025-04-01', payoff: '10200.67' } }, 'CONFLICT');
    await at(bank, '2025-04-01').fails(DEFAULT, { input: { loanId, reason: 'again' } }, 'CONFLICT');
    expect(defaulted.application.registration.status).to.equal('ACTIVE');
    const byStatus = (await bank.ok(LOANS, { status: 'DEFAULTED' })).loans;
    expect(byStatus.edges.map((e: any) => e.node.id)).to.include(loanId);
  });

  it('a refused repayment writes nothing: above what remains, before the disbursement, in the future', async () => {
    const { loanId, bp } = await disbursedLoan(w);
    const bank = at(bp.bank.client, '2025-03-01');
    await bank.fails(REPAY, { input: { loanId, paidOn: '2025-03-01', amount: '10200.68' } }, 'BAD_USER_INPUT', 'input.amount');
    await bank.fails(REPAY, { input: { loanId, paidOn: '2025-01-30', amount: '1.00' } }, 'BAD_USER_INPUT', 'input.paidOn');
    await bank.fails(REPAY, { input: { loanId, paidOn: '2025-03-02', amount: '1.00' } }, 'BAD_USER_INPUT', 'input.paidOn');
    await bank.fails(REPAY, { input: { loanId, paidOn: '2025-03-01', amount: '0.00' } }, 'BAD_USER_INPUT', 'input.amount');
    const loan = (await bank.ok(LOAN, { id: loanId })).loan;
    expect(loan).to.include({ repaidTotal: '0.00' });
    expect(loan.repayments).to.deep.equal([]);
    expect(loan.history).to.have.length(2);
  });

  it('race: ten repayments recorded at once are all kept and each counted once', async () => {
    const { loanId, bp } = await disbursedLoan(w);
    const bank = at(bp.bank.client, '2025-03-01');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      bank.raw(REPAY, { input: { loanId, paidOn: '2025-03-01', amount: '100.01', reference: `R${i}` } })));
    expect(results.filter((r) => r.errors)).to.deep.equal([]);
    const loan = (await bank.ok(LOAN, { id: loanId })).loan;
    expect(loan.repaidTotal).to.equal('1000.10');
    expect(loan.repayments.map((r: any) => r.reference).sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `R${i}`).sort());
  });

  it('race: repayments that together exceed the schedule: those that fit are kept, the rest refused, never more than the total', async () => {
    const { loanId, bp } = await disbursedLoan(w); // 10,200.67 scheduled
    const bank = at(bp.bank.client, '2025-03-01');
    const results = await Promise.all(Array.from({ length: 3 }, () => bank.raw(REPAY, { input: { loanId, paidOn: '2025-03-01', amount: '4000.00' } })));
    expect(results.filter((r) => !r.errors)).to.have.length(2);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).to.deep.equal(['CONFLICT']);
    expect((await bank.ok(LOAN, { id: loanId })).loan).to.include({ repaidTotal: '8000.00' });
  });

  it('race: settlement and default at once, five times: exactly one wins each time, and the loser wrote nothing', async () => {
    for (let i = 0; i < 5; i++) {
      const { loanId, bp, registrationId } = await disbursedLoan(w, {}, { product: { daysPastDueBeforeDefault: 30 } });
      const bank = at(bp.bank.client, '2025-06-01'); // 93 days past due
      const [s, d] = await Promise.all([
        bank.raw(SETTLE, { input: { loanId, settledOn: '2025-06-01', payoff: '10200.67' } }),
        bank.raw(DEFAULT, { input: { loanId, reason: '逾期' } }),
      ]);
      expect([s, d].filter((r) => !r.errors), JSON.stringify([s.errors, d.errors])).to.have.length(1);
      const loser = [s, d].find((r) => r.errors)!;
      expect(loser.errors![0]!.extensions?.code).to.equal('CONFLICT');
      const loan = (await bank.ok(LOAN, { id: loanId })).loan;
      expect(loan.history).to.have.length(3);
      if (s.errors) {
        expect(loan).to.include({ status: 'DEFAULTED', repaidTotal: '0.00', settledOn: null });
        expect(loan.application.registration).to.deep.equal({ id: registrationId, status: 'ACTIVE' });
      } else {
        expect(loan).to.include({ status: 'SETTLED', repaidTotal: '10200.67', defaultedOn: null });
        expect(loan.application.registration).to.deep.equal({ id: registrationId, status: 'RELEASED' });
      }
    }
  });

  it('a registration recorded without a contract is allowed (pledge-only); a contract recorded later is not dated after it', async () => {
    const lw = await approvedForLoan(w);
    await register(lw.bp.bank, lw.applicationId, { registeredOn: '2025-02-10', expiresOn: '2027-02-10' });
    await lw.bp.bank.client.fails(CONTRACT, { input: contractInput(lw.applicationId, { signedOn: '2025-02-11' }) }, 'BAD_USER_INPUT', 'input.signedOn');
    const loan = (await lw.bp.bank.client.ok(CONTRACT, { input: contractInput(lw.applicationId, { signedOn: '2025-02-10' }) })).recordLoanContract;
    expect(loan.status).to.equal('CONTRACTED');
    const disbursed = (await at(lw.bp.bank.client, '2025-02-12').ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2025-02-12', amount: '10000.00' } })).recordDisbursement;
    expect(disbursed.status).to.equal('CURRENT');
  });
});
