// Pure rules of issue 17: CNIPA number formats, the licence filing deadline, open-licence fees, the
// public notice period.
import { expect } from 'chai';
import { filingNumberProblem, recordalNoticeProblem } from '../../services/deals/cnipaNumbers';
import { filingDueOn, isFilingOverdue } from '../../services/deals/filingRules';
import { noticeFor, noticeProblem } from '../../services/deals/publicNotice';
import { defaultOpenLicenceTerms, monthsUntil, openLicenceFee, openLicencePeriodProblem } from '../../services/listings/openLicenceTerms';
import { readYuan } from '../../services/rules/money';

describe('deal rules (issue 17)', () => {
  it('reads recordal notice serials and licence filing numbers', () => {
    expect(recordalNoticeProblem('2025071500123456')).to.equal(null);
    for (const bad of ['1234567', '123456789012345678901', '2025-07-15', '２０２５０７１５００', '']) expect(recordalNoticeProblem(bad), bad).to.be.a('string');
    expect(filingNumberProblem('X2025990000123')).to.equal(null);
    expect(filingNumberProblem('2025230000456')).to.equal(null);
    for (const bad of ['X202599000012', 'Y2025990000123', 'X1900990000123', 'X2025-99-0000123']) expect(filingNumberProblem(bad), bad).to.be.a('string');
  });

  it('a licence is filed within 3 months; late the day after the due date', () => {
    expect(filingDueOn('2025-11-30')).to.equal('2026-02-28'); // the day clamps to the month's end
    const deal = { type: 'LICENSE', status: 'COMPLETED', filing: null, filingDueOn: '2026-02-28' } as never;
    expect(isFilingOverdue(deal, '2026-02-28')).to.equal(false);
    expect(isFilingOverdue(deal, '2026-03-01')).to.equal(true);
    expect(isFilingOverdue({ ...(deal as object), filing: { filingNumber: 'X2025990000123' } } as never, '2027-01-01')).to.equal(false);
  });

  it('open-licence fees: one-off, or yearly pro rata half up to the fen; periods end by expiry', () => {
    expect(openLicenceFee(1_200_000, { feeBasis: 'ONE_OFF', periodMonths: 600 })).to.equal(1_200_000);
    expect(openLicenceFee(1_000_000, { feeBasis: 'PER_YEAR', periodMonths: 30 })).to.equal(2_500_000);
    expect(openLicenceFee(100_007, { feeBasis: 'PER_YEAR', periodMonths: 5 })).to.equal(41_670); // 41669.58 -> 41670
    expect(openLicenceFee(6, { feeBasis: 'PER_YEAR', periodMonths: 1 })).to.equal(1); // 0.5 fen -> 1
    expect(openLicenceFee(5, { feeBasis: 'PER_YEAR', periodMonths: 1 })).to.equal(0); // 0.4166 fen -> 0
    expect(monthsUntil('2026-11-30', '2027-02-28')).to.equal(3); // 3 months from 30 November end on 28 February (clamped): still in time
    expect(monthsUntil('2026-11-30', '2027-02-27')).to.equal(2);
    expect(defaultOpenLicenceTerms('2026-01-15', '2040-05-01')).to.deep.equal({ feeBasis: 'ONE_OFF', periodMonths: 171 });
    expect(openLicencePeriodProblem({ feeBasis: 'ONE_OFF', periodMonths: 12 }, '2039-06-01', '2040-05-01')).to.match(/past the patent's expiry/);
  });

  it('public institutions’ negotiated deals are noticed 15 days, and unpaid while objections are open', () => {
    const notice = noticeFor({ openLicence: false } as never, { kind: 'UNIVERSITY' } as never, '2026-11-30')!;
    expect(notice).to.include({ startsOn: '2026-11-30', endsOn: '2026-12-15' });
    expect(noticeFor({ openLicence: true } as never, { kind: 'UNIVERSITY' } as never, '2026-11-30')).to.equal(null);
    expect(noticeFor({ openLicence: false } as never, { kind: 'ENTERPRISE' } as never, '2026-11-30')).to.equal(null);
    const deal = { publicNotice: notice } as never;
    expect(noticeProblem(deal, '2026-12-14')).to.match(/until 2026-12-15/);
    expect(noticeProblem(deal, '2026-12-15')).to.equal(null);
    const objected = { publicNotice: { ...notice, objections: [{ answer: null }] } } as never;
    expect(noticeProblem(objected, '2026-12-20')).to.match(/objection/);
  });

  it('money past 2^53 - 1 fen is refused as too large, not misread', () => {
    expect(readYuan('90071992547409.91')).to.deep.equal({ fen: Number.MAX_SAFE_INTEGER });
    expect(readYuan('90071992547409.92')).to.deep.equal({ problem: 'too large' });
    expect(readYuan('1.001')).to.deep.equal({ problem: 'format' });
  });
});
