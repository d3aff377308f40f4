// Pure rules of payment schedules: royalty arithmetic (half up, exact in fen), periods, the minimum
// annual royalty's top-up, overdue, and the instalment machine.
import { expect } from 'chai';
import { INSTALMENT_MACHINE, isOverdue, minimumTopUp, periodBounds, periodCount, royaltyOf, sameYearPeriods } from '../../services/deals/schedule/rules';
import { canMove } from '../../services/workflow';

describe('payment schedule rules', () => {
  it('computes the royalty as net sales x bps / 10000, half up to the fen, exactly for any amount', () => {
    expect(royaltyOf(100_000_100, 350)).to.equal(3_500_004); // 3,500,003.5 fen rounds up
    expect(royaltyOf(12_345_678, 350)).to.equal(432_099); // 432,098.73
    expect(royaltyOf(12_345_649, 350)).to.equal(432_098); // 432,097.715 -> .715 rounds up to 432,098
    expect(royaltyOf(1, 4_999)).to.equal(0); // 0.4999 fen
    expect(royaltyOf(1, 5_000)).to.equal(1); // half a fen rounds up
    expect(royaltyOf(0, 350)).to.equal(0);
    expect(royaltyOf(Number.MAX_SAFE_INTEGER, 10_000)).to.equal(Number.MAX_SAFE_INTEGER); // no float on the way
    expect(royaltyOf(Number.MAX_SAFE_INTEGER, 1)).to.equal(900_719_925_474); // 900,719,925,474.0991
  });

  it('counts periods from the licence start, cutting the last at the licence end', () => {
    expect(periodBounds('2026-01-31', 24, 'QUARTERLY', 1)).to.deep.equal({ startsOn: '2026-01-31', endsOn: '2026-04-30' });
    expect(periodBounds('2026-01-31', 24, 'QUARTERLY', 4)).to.deep.equal({ startsOn: '2026-10-31', endsOn: '2027-01-31' });
    expect(periodBounds('2026-03-01', 18, 'ANNUAL', 2)).to.deep.equal({ startsOn: '2027-03-01', endsOn: '2027-09-01' });
    expect(periodCount(24, 'QUARTERLY')).to.equal(8);
    expect(periodCount(18, 'ANNUAL')).to.equal(2);
    expect(sameYearPeriods('QUARTERLY', 6)).to.deep.equal([5, 6]);
    expect(sameYearPeriods('ANNUAL', 3)).to.deep.equal([3]);
  });

  it('tops the royalties up to the minimum annual royalty in the last period of a complete licence year only', () => {
    expect(minimumTopUp('QUARTERLY', 4, 10_000_000, [3_500_004, 2_800_000, 432_099, 1_050_000], 24)).to.equal(2_217_897);
    expect(minimumTopUp('QUARTERLY', 3, 10_000_000, [1, 2, 3], 24)).to.equal(0); // not the year's last period
    expect(minimumTopUp('QUARTERLY', 8, 100, [50, 60, 0, 0], 24)).to.equal(0); // the year reached it
    expect(minimumTopUp('QUARTERLY', 8, 100, [50, 50, 0, 0], 24)).to.equal(0); // exactly the minimum: nothing to top up
    expect(minimumTopUp('QUARTERLY', 8, 100, [50, 49, 0, 0], 24)).to.equal(1); // one fen short
    expect(minimumTopUp('QUARTERLY', 4, 100, [0, 0, 0, 0], 12)).to.equal(100); // a year with no sales: the whole minimum
    expect(minimumTopUp('QUARTERLY', 4, null, [0, 0, 0, 0], 24)).to.equal(0);
    expect(minimumTopUp('ANNUAL', 1, 500, [120], 24)).to.equal(380);
    // A final licence year shorter than 12 months has no minimum, though its period number is a year's last.
    expect(minimumTopUp('ANNUAL', 2, 500, [0], 18)).to.equal(0);
    expect(minimumTopUp('QUARTERLY', 8, 500, [0, 0, 0, 0], 22)).to.equal(0); // period 8 is cut at month 22
    expect(minimumTopUp('QUARTERLY', 8, 500, [0, 0, 0, 0], 24)).to.equal(500);
  });

  it('is overdue when payable and unpaid after its due date; the machine never leaves PAID', () => {
    expect(isOverdue({ status: 'DUE', dueOn: '2026-05-01' }, '2026-05-01')).to.equal(false);
    expect(isOverdue({ status: 'DUE', dueOn: '2026-05-01' }, '2026-05-02')).to.equal(true);
    expect(isOverdue({ status: 'PAYMENT_PENDING', dueOn: '2026-05-01' }, '2026-05-02')).to.equal(true);
    expect(isOverdue({ status: 'NOT_REACHED', dueOn: '2026-05-01' }, '2026-06-01')).to.equal(false);
    expect(isOverdue({ status: 'PAID', dueOn: '2026-05-01' }, '2026-06-01')).to.equal(false);
    expect(INSTALMENT_MACHINE.PAID).to.deep.equal([]);
    expect(canMove(INSTALMENT_MACHINE, 'NOT_REACHED', 'PAYMENT_PENDING')).to.equal(false);
  });
});
