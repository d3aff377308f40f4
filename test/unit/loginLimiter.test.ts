// The limiter's pure rule (services/identity/attemptLimiter.ts waitMs): how long a new attempt waits
// given the attempts already counted in the window.
import { expect } from 'chai';
import { waitMs, type LimitRule, type RecordedAttempt } from '../../services/identity/attemptLimiter';

const WINDOW = 60_000;
const RULES: LimitRule[] = [
  { scope: 'ACCOUNT_AND_ADDRESS', max: 3 },
  { scope: 'ADDRESS', max: 5 },
  { scope: 'ACCOUNT', max: 10 },
];
const at = (account: string | null, address: string, t: number): RecordedAttempt => ({ account, address, at: t });
const times = (n: number, f: (i: number) => RecordedAttempt) => Array.from({ length: n }, (_, i) => f(i));

describe('attempt limiter rule', () => {
  it('blocks an account from one address after the limit, for the rest of the window only', () => {
    const earlier = times(3, () => at('a@x.cn', '1.1.1.1', 1_000_000));
    expect(waitMs(earlier, 'a@x.cn', '1.1.1.1', RULES, WINDOW, 1_000_000)).to.equal(60_000);
    expect(waitMs(earlier, 'a@x.cn', '1.1.1.1', RULES, WINDOW, 1_030_000)).to.equal(30_000);
    expect(waitMs(earlier, 'a@x.cn', '1.1.1.1', RULES, WINDOW, 1_060_001)).to.equal(0);
  });

  it('lets the attempts under the limit through', () => {
    expect(waitMs(times(2, () => at('a@x.cn', '1.1.1.1', 0)), 'a@x.cn', '1.1.1.1', RULES, WINDOW, 10)).to.equal(0);
  });

  it('does not let a stranger elsewhere lock the real user out', () => {
    const earlier = times(3, () => at('a@x.cn', '6.6.6.6', 0));
    expect(waitMs(earlier, 'a@x.cn', '6.6.6.6', RULES, WINDOW, 1)).to.be.greaterThan(0);
    expect(waitMs(earlier, 'a@x.cn', '1.1.1.1', RULES, WINDOW, 1)).to.equal(0);
  });

  it('limits one address spraying many accounts', () => {
    const earlier = times(5, (i) => at(`u${i}@x.cn`, '6.6.6.6', 0));
    expect(waitMs(earlier, 'new@x.cn', '6.6.6.6', RULES, WINDOW, 1)).to.be.greaterThan(0);
    expect(waitMs(earlier, 'new@x.cn', '1.1.1.1', RULES, WINDOW, 1)).to.equal(0);
  });

  it('limits one account attacked from many addresses, but only for the window', () => {
    const earlier = times(10, (i) => at('a@x.cn', `10.0.0.${i}`, 1_000_000));
    expect(waitMs(earlier, 'a@x.cn', '10.0.0.200', RULES, WINDOW, 1_000_000)).to.be.greaterThan(0);
    expect(waitMs(earlier, 'a@x.cn', '10.0.0.200', RULES, WINDOW, 1_060_000)).to.equal(0);
  });

  it('a per-address rule ignores the account (registrations carry none)', () => {
    const rules: LimitRule[] = [{ scope: 'ADDRESS', max: 2 }];
    const earlier = [at(null, '1.1.1.1', 0), at(null, '1.1.1.1', 5)];
    expect(waitMs(earlier, null, '1.1.1.1', rules, WINDOW, 10)).to.equal(WINDOW - 10);
    expect(waitMs(earlier, null, '2.2.2.2', rules, WINDOW, 10)).to.equal(0);
  });
});
