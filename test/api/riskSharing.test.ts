// Issue 16, point 7: the REGULATOR's risk-sharing and interest-subsidy scheme, a defaulted loan's
// loss shares to the fen, the subsidy due, and financingSummary by year and county (and its CSV).
import { expect } from 'chai';
import { world, type World } from '../helpers/financing';
import { at, DEFAULT, disbursedLoan, LOAN, REPAY, SETTLE } from '../helpers/loans';
import { lossShares } from '../../services/financing/riskSharing';

const SET = `mutation($input: RiskSharingSchemeInput!) { setRiskSharingScheme(input: $input) { year bankSharePercent insurerSharePercent cityFundSharePercent interestSubsidyPercent subsidyIndustries } }`;
const SCHEME = `query($year: Int!) { riskSharingScheme(year: $year) { year bankSharePercent interestSubsidyPercent } }`;
const SUMMARY = `query($year: Int!, $county: County) {
  financingSummary(year: $year, county: $county) { year county loansGranted amountGranted repaid loansDefaulted amountDefaulted recovered subsidyDue lossShares { bank insurer cityFund } }
}`;
const LOAN_SHARES = `query($id: ID!) { loan(id: $id) { status lossAtDefault lossShares { bank insurer cityFund } subsidyDue(year: 2025) } }`;

describe('risk sharing and interest subsidy (issue 16, point 7)', function () {
  this.timeout(120_000); // each loan is a bank, a product, an application, four-eyes approval, contract, registration, disbursement
  let w: World;
  before(async () => {
    w = await world();
  });

  it('the REGULATOR sets the scheme per year (shares adding up to 100); banks cannot; anyone reads it', async () => {
    const input = { year: 2031, bankSharePercent: 60, insurerSharePercent: 20, cityFundSharePercent: 20, interestSubsidyPercent: 50, subsidyIndustries: ['GRAPHITE'] };
    await w.regulator.fails(SET, { input: { ...input, cityFundSharePercent: 25 } }, 'BAD_USER_INPUT', 'input.cityFundSharePercent');
    await w.regulator.fails(SET, { input: { ...input, interestSubsidyPercent: 101 } }, 'BAD_USER_INPUT', 'input.interestSubsidyPercent');
    const { bp } = await disbursedLoan(w);
    await bp.bank.client.fails(SET, { input }, 'FORBIDDEN');
    expect((await w.anon.ok(SCHEME, { year: 2031 })).riskSharingScheme).to.equal(null);
    expect((await w.regulator.ok(SET, { input })).setRiskSharingScheme).to.deep.equal(input);
    expect((await w.regulator.ok(SET, { input: { ...input, bankSharePercent: 50, cityFundSharePercent: 30 } })).setRiskSharingScheme.bankSharePercent).to.equal(50);
    expect((await w.anon.ok(SCHEME, { year: 2031 })).riskSharingScheme).to.deep.equal({ year: 2031, bankSharePercent: 50, interestSubsidyPercent: 50 });
    await bp.bank.client.fails(SUMMARY, { year: 2031 }, 'FORBIDDEN');
  });

  it('a defaulted loan’s loss shares to the fen, the subsidy due, and financingSummary by year and county, in CSV too', async () => {
    await w.regulator.ok(SET, { input: { year: 2025, bankSharePercent: 60, insurerSharePercent: 20, cityFundSharePercent: 20, interestSubsidyPercent: 50, subsidyIndustries: ['GRAPHITE'] } });
    // Loan D: example 1 (10,000.00 at 12%, 3 months from 2025-01-31); the first instalment paid
    // (3,400.22 = interest 100.00 + principal 3,300.22), then nothing; defaulted on 2025-06-01
    // (62 days past the 2025-03-31 instalment; the product allows it from 30).
    const d = await disbursedLoan(w, {}, { county: 'GONGNONG', product: { daysPastDueBeforeDefault: 30 } });
    const bankD = d.bp.bank.client;
    await at(bankD, '2025-02-28').ok(REPAY, { input: { loanId: d.loanId, paidOn: '2025-02-28', amount: '3400.22' } });
    await at(bankD, '2025-06-01').ok(DEFAULT, { input: { loanId: d.loanId, reason: '经营困难，停止还款' } });
    // Loss = 10,000.00 - 3,300.22 = 6,699.78 (669,978 fen). Bank 60% = 401,986.8 -> 401,987;
    // insurer 20% = 133,995.6 -> 133,996; the city fund the rest: 669,978 - 401,987 - 133,996 = 133,995.
    // No guarantee policy backs loan D: the bank bears the insurer's share too: 401,987 + 133,996 = 535,983.
    // Subsidy 2025: the instalments of 2025 fully repaid: the first, interest 100.00 -> 50% = 50.00.
    const loanD = (await at(bankD, '2025-06-01').ok(LOAN_SHARES, { id: d.loanId })).loan;
    expect(loanD).to.deep.equal({ status: 'DEFAULTED', lossAtDefault: '6699.78', lossShares: { bank: '5359.83', insurer: '0.00', cityFund: '1339.95' }, subsidyDue: '50.00' });
    expect(lossShares(669_978, { bankSharePercent: 60, insurerSharePercent: 20 }, true)).to.deep.equal({ bank: 401_987, insurer: 133_996, cityFund: 133_995 });
    // Loan S: example 1 settled in full on 2025-04-30: interest 100.00 + 67.00 + 33.67 = 200.67 -> 50% = 100.335 -> 100.34.
    const s = await disbursedLoan(w, {}, { county: 'GONGNONG' });
    await at(s.bp.bank.client, '2025-04-30').ok(SETTLE, { input: { loanId: s.loanId, settledOn: '2025-04-30', payoff: '10200.67' } });
    expect((await at(s.bp.bank.client, '2025-05-01').ok(LOAN_SHARES, { id: s.loanId })).loan).to.deep.include({ status: 'SETTLED', lossShares: null, subsidyDue: '100.34' });

    const summary = (await w.regulator.ok(SUMMARY, { year: 2025, county: 'GONGNONG' })).financingSummary;
    expect(summary).to.deep.equal({
      year: 2025, county: 'GONGNONG', loansGranted: 2, amountGranted: '20000.00', repaid: '13600.89', loansDefaulted: 1, amountDefaulted: '6699.78',
      recovered: '0.00', subsidyDue: '150.34', lossShares: { bank: '5359.83', insurer: '0.00', cityFund: '1339.95' },
    });
    expect((await w.regulator.ok(SUMMARY, { year: 2024, county: 'GONGNONG' })).financingSummary).to.include({ loansGranted: 0, repaid: '0.00', subsidyDue: '0.00' });
    const city = (await w.regulator.ok(SUMMARY, { year: 2025 })).financingSummary;
    expect(city.county).to.equal(null);
    expect(city.loansGranted).to.be.at.least(2);

    const res = await fetch(`${w.regulator.baseUrl}/reports/financing-summary.csv?year=2025&county=GONGNONG`, { headers: { authorization: `Bearer ${w.regulator.token}` } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    expect((await res.text()).trim().split('\n')).to.deep.equal([
      'year,county,loans_granted,amount_granted_yuan,repaid_yuan,loans_defaulted,amount_defaulted_yuan,recovered_yuan,subsidy_due_yuan,loss_bank_yuan,loss_insurer_yuan,loss_city_fund_yuan',
      '2025,GONGNONG,2,20000.00,13600.89,1,6699.78,0.00,150.34,5359.83,0.00,1339.95',
    ]);
    const denied = await fetch(`${w.regulator.baseUrl}/reports/financing-summary.csv?year=2025`, { headers: { authorization: `Bearer ${d.bp.bank.client.token}` } });
    expect(denied.status).to.equal(403);
  });
});
