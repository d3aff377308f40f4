import { expect } from 'chai';
import { premiumFor } from '../../services/insurance/quotes';
import { effectivePolicyStatus, formatPolicyNumber, POLICY_NUMBER_RE } from '../../services/insurance/policies';

describe('insurance premium arithmetic (integer fen, half up)', () => {
  it('1,234,567.89 yuan at 1.75% is 21,604.94 yuan', () => {
    expect(premiumFor(123_456_789, 1.75)).to.equal(2_160_494); // 2,160,493.8075 fen
  });

  it('rounds half up at exactly half a fen, down below it', () => {
    expect(premiumFor(2, 25)).to.equal(1); // 0.5 fen
    expect(premiumFor(1, 49.9999)).to.equal(0); // 0.499999 fen
    expect(premiumFor(1, 50)).to.equal(1);
  });

  it('is exact where floating point is not', () => {
    // 0.07 x 100 in floating point is 7.000000000000001; in fen it stays exact.
    expect(premiumFor(10_000, 0.07)).to.equal(7);
    expect(premiumFor(1_000_000_000_000, 2)).to.equal(20_000_000_000);
    expect(premiumFor(Number.MAX_SAFE_INTEGER, 100)).to.equal(Number.MAX_SAFE_INTEGER);
  });

  it('policy numbers and derived status', () => {
    expect(formatPolicyNumber(2026, 123)).to.equal('HG-IP-2026-000123');
    expect(POLICY_NUMBER_RE.test('HG-IP-2026-000123')).to.equal(true);
    expect(effectivePolicyStatus({ status: 'ACTIVE', endsOn: '2027-03-10' }, '2027-03-09')).to.equal('ACTIVE');
    expect(effectivePolicyStatus({ status: 'ACTIVE', endsOn: '2027-03-10' }, '2027-03-10')).to.equal('EXPIRED');
    expect(effectivePolicyStatus({ status: 'CANCELLED', endsOn: '2027-03-10' }, '2030-01-01')).to.equal('CANCELLED');
  });
});
