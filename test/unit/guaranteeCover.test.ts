// Pure rules of guarantee cover (issue 16, point 6): the coverage a loan needs, in force, and the claim's share.
import { expect } from 'chai';
import { notInForce, requiredCoverage } from '../../services/insurance/guaranteeCover';
import { claimShare } from '../../services/insurance/claims';

describe('guarantee cover rules (integer fen)', () => {
  it('coverage needed = approved amount × share, rounded up to the fen', () => {
    expect(requiredCoverage(300_000_000, null)).to.equal(300_000_000); // no share stated: the whole amount
    expect(requiredCoverage(300_000_000, 5000)).to.equal(150_000_000);
    expect(requiredCoverage(200_000_001, 5000)).to.equal(100_000_001); // 100,000,000.5 -> up
    expect(requiredCoverage(1, 1)).to.equal(1); // 0.0001 fen still needs a fen
  });

  it('a policy is in force when ACTIVE and its premium is not UNPAID', () => {
    const base = { status: 'ACTIVE' as const, endsOn: '2099-01-01' };
    expect(notInForce({ ...base, premiumStatus: 'PAID' }, '2026-01-01')).to.equal(null);
    expect(notInForce({ ...base, premiumStatus: null }, '2026-01-01')).to.equal(null); // premium not collected on the platform
    expect(notInForce({ ...base, premiumStatus: 'UNPAID' }, '2026-01-01')).to.match(/premium is not paid/);
    expect(notInForce({ ...base, endsOn: '2026-01-01', premiumStatus: 'PAID' }, '2026-01-01')).to.match(/EXPIRED/);
  });

  it('the claim: the insurer’s scheme share (half up), else the policy’s share of the loss; at most the coverage', () => {
    const policy = { coverage: 1_000_000, coverageShareBps: 8000 };
    expect(claimShare(669_978, { bankSharePercent: 60, insurerSharePercent: 20 }, policy)).to.deep.equal({ loss: 669_978, amount: 133_996, basis: 'SCHEME' });
    expect(claimShare(669_978, null, policy)).to.deep.equal({ loss: 669_978, amount: 535_982, basis: 'POLICY_SHARE' }); // 535,982.4
    expect(claimShare(669_979, null, { coverage: 1_000_000, coverageShareBps: 5000 }).amount).to.equal(334_990); // 334,989.5 -> up
    expect(claimShare(5_000_000, null, policy).amount).to.equal(1_000_000); // capped by the coverage
  });
});
