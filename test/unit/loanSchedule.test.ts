// The schedule arithmetic (services/financing/loanSchedule.ts) against three examples worked by
// hand below, in fen. docs/financing.md, "Schedule arithmetic", repeats them.
import { expect } from 'chai';
import { act360Interest, annuityInstalment, arrears, computeSchedule, divHalfUp, monthlyInterest, scheduleTotal } from '../../services/financing/loanSchedule';
import { effectiveLoanStatus } from '../../services/financing/loanMachine';

describe('loan schedule arithmetic (integer fen, half up)', () => {
  it('example 1: EQUAL_INSTALMENTS, 10,000.00 yuan, 12.00% (1200 bps), 3 months, 30/360', () => {
    // r = 12% / 12 = 1% a month. (1.01)^3 = 1.030301.
    // Instalment = P·r·(1+r)^n / ((1+r)^n − 1) = 1,000,000 × 0.01 × 1.030301 / 0.030301
    //            = 10,303.01 / 0.030301 = 340,022.11… fen -> 340,022 fen (3,400.22 yuan).
    // Month 1: interest 1,000,000 × 1% = 10,000; principal 340,022 − 10,000 = 330,022; left 669,978.
    // Month 2: interest 669,978 × 1% = 6,699.78 -> 6,700; principal 333,322; left 336,656.
    // Month 3 (last, absorbs the rounding): interest 336,656 × 1% = 3,366.56 -> 3,367;
    //          principal 336,656; instalment 340,023.
    // Total: 340,022 + 340,022 + 340,023 = 1,020,067 (interest 20,067).
    // Disbursed 2025-01-31: due 2025-02-28, 2025-03-31, 2025-04-30 (k months after, clamped).
    expect(annuityInstalment(1_000_000, 1200, 3)).to.equal(340_022);
    const rows = computeSchedule({ method: 'EQUAL_INSTALMENTS', principal: 1_000_000, annualRateBps: 1200, termMonths: 3, disbursedOn: '2025-01-31' });
    expect(rows.map((r) => [r.dueOn, r.principal, r.interest, r.total, r.outstandingAfter])).to.deep.equal([
      ['2025-02-28', 330_022, 10_000, 340_022, 669_978],
      ['2025-03-31', 333_322, 6_700, 340_022, 336_656],
      ['2025-04-30', 336_656, 3_367, 340_023, 0],
    ]);
    expect(scheduleTotal(rows)).to.equal(1_020_067);
  });

  it('example 2: INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY, 1,000,000.00 yuan, 3.85%, 3 months from 2025-01-15, ACT/360', () => {
    // Daily interest = 100,000,000 × 3.85% / 360 = 3,850,000 / 360 fen.
    // 2025-01-15 -> 02-15: 31 days: 3,850,000 × 31 / 360 = 119,350,000 / 360 = 331,527.77… -> 331,528
    // 2025-02-15 -> 03-15: 28 days: 3,850,000 × 28 / 360 = 107,800,000 / 360 = 299,444.44… -> 299,444
    // 2025-03-15 -> 04-15: 31 days: 331,528, plus the principal 100,000,000 -> 100,331,528.
    // Total 100,962,500 (interest 962,500 = 3,850,000 × 90 / 360 = 962,500 exactly, rounding cancelled out).
    const rows = computeSchedule({ method: 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY', principal: 100_000_000, annualRateBps: 385, termMonths: 3, disbursedOn: '2025-01-15' });
    expect(rows.map((r) => [r.dueOn, r.days, r.principal, r.interest, r.total])).to.deep.equal([
      ['2025-02-15', 31, 0, 331_528, 331_528],
      ['2025-03-15', 28, 0, 299_444, 299_444],
      ['2025-04-15', 31, 100_000_000, 331_528, 100_331_528],
    ]);
    expect(scheduleTotal(rows)).to.equal(100_962_500);
  });

  it('example 3: CUSTOM, 100,000.00 yuan at 5.00%, from 2025-03-31: 40,000 on 06-30, 60,000 on 09-30, ACT/360', () => {
    // 03-31 -> 06-30: 30 (Apr) + 31 (May) + 30 (Jun) = 91 days on 10,000,000:
    //   10,000,000 × 5% × 91 / 360 = 45,500,000 / 360 = 126,388.88… -> 126,389
    // 06-30 -> 09-30: 31 (Jul) + 31 (Aug) + 30 (Sep) = 92 days on 6,000,000:
    //   6,000,000 × 5% × 92 / 360 = 27,600,000 / 360 = 76,666.66… -> 76,667
    // Instalments 4,126,389 and 6,076,667; total 10,203,056.
    const rows = computeSchedule({
      method: 'CUSTOM', principal: 10_000_000, annualRateBps: 500, termMonths: 6, disbursedOn: '2025-03-31',
      custom: [{ dueOn: '2025-06-30', principal: 4_000_000 }, { dueOn: '2025-09-30', principal: 6_000_000 }],
    });
    expect(rows.map((r) => [r.dueOn, r.days, r.principal, r.interest, r.total, r.outstandingAfter])).to.deep.equal([
      ['2025-06-30', 91, 4_000_000, 126_389, 4_126_389, 6_000_000],
      ['2025-09-30', 92, 6_000_000, 76_667, 6_076_667, 0],
    ]);
    expect(scheduleTotal(rows)).to.equal(10_203_056);
  });

  it('rounds exactly half a fen up and less than half down', () => {
    expect(divHalfUp(1n, 2n)).to.equal(1n);
    expect(divHalfUp(3n, 2n)).to.equal(2n);
    expect(divHalfUp(49n, 100n)).to.equal(0n);
    // 1,000 fen × 1800 bps × 1 day / 3,600,000 = 0.5 fen -> 1
    expect(act360Interest(1_000, 1800, 1)).to.equal(1);
    // 5 fen × 1200 / 120,000 = 0.05 -> 0; 50 fen -> 0.5 -> 1
    expect(monthlyInterest(5, 1200)).to.equal(0);
    expect(monthlyInterest(50, 1200)).to.equal(1);
  });

  it('amounts past 2^53 / 10,000 stay exact (BigInt inside)', () => {
    const rows = computeSchedule({ method: 'EQUAL_INSTALMENTS', principal: 9_000_000_000_000, annualRateBps: 3600, termMonths: 120, disbursedOn: '2025-01-01' });
    expect(rows.reduce((s, r) => s + r.principal, 0)).to.equal(9_000_000_000_000);
    expect(rows.at(-1)!.outstandingAfter).to.equal(0);
  });

  it('arrears: repayments cover instalments in due-date order; past due from the day after the due date', () => {
    const rows = [{ dueOn: '2025-02-28', total: 100 }, { dueOn: '2025-03-31', total: 100 }, { dueOn: '2025-04-30', total: 101 }];
    expect(arrears(rows, 0, '2025-02-28')).to.include({ pastDue: 0, daysPastDue: 0 });
    expect(arrears(rows, 0, '2025-03-01')).to.include({ pastDue: 100, daysPastDue: 1, oldestUnpaidDueOn: '2025-02-28' });
    expect(arrears(rows, 150, '2025-04-10')).to.include({ pastDue: 50, daysPastDue: 10, oldestUnpaidDueOn: '2025-03-31' });
    expect(arrears(rows, 200, '2025-04-10')).to.include({ pastDue: 0, daysPastDue: 0 });
    expect(arrears(rows, 0, '2025-06-01')).to.include({ pastDue: 301, daysPastDue: 93 });
  });

  it('the effective status: a CURRENT loan past due reads OVERDUE, an OVERDUE one caught up reads CURRENT', () => {
    expect(effectiveLoanStatus('CURRENT', 1)).to.equal('OVERDUE');
    expect(effectiveLoanStatus('OVERDUE', 0)).to.equal('CURRENT');
    expect(effectiveLoanStatus('DEFAULTED', 0)).to.equal('DEFAULTED');
    expect(effectiveLoanStatus('CONTRACTED', 5)).to.equal('CONTRACTED');
  });
});
