import { expect } from 'chai';
import { LoginLimiter } from '../../services/identity/loginLimiter';

describe('login limiter', () => {
  const opts = { windowMs: 60_000, perAccountAndAddress: 3, perAddress: 5, perAccount: 10 };

  it('blocks an account from one address after the limit, for the rest of the window only', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(opts, () => now);
    for (let i = 0; i < 3; i++) limiter.recordFailure('a@x.cn', '1.1.1.1');
    expect(limiter.retryAfterSeconds('a@x.cn', '1.1.1.1')).to.equal(60);
    now += 30_000;
    expect(limiter.retryAfterSeconds('a@x.cn', '1.1.1.1')).to.equal(30);
    now += 30_001;
    expect(limiter.retryAfterSeconds('a@x.cn', '1.1.1.1')).to.equal(0);
  });

  it('does not let a stranger elsewhere lock the real user out', () => {
    const limiter = new LoginLimiter(opts, () => 0);
    for (let i = 0; i < 3; i++) limiter.recordFailure('a@x.cn', '6.6.6.6');
    expect(limiter.retryAfterSeconds('a@x.cn', '6.6.6.6')).to.be.greaterThan(0);
    expect(limiter.retryAfterSeconds('a@x.cn', '1.1.1.1')).to.equal(0);
  });

  it('limits one address spraying many accounts', () => {
    const limiter = new LoginLimiter(opts, () => 0);
    for (let i = 0; i < 5; i++) limiter.recordFailure(`u${i}@x.cn`, '6.6.6.6');
    expect(limiter.retryAfterSeconds('new@x.cn', '6.6.6.6')).to.be.greaterThan(0);
    expect(limiter.retryAfterSeconds('new@x.cn', '1.1.1.1')).to.equal(0);
  });

  it('a success clears that account-and-address counter', () => {
    const limiter = new LoginLimiter(opts, () => 0);
    for (let i = 0; i < 2; i++) limiter.recordFailure('a@x.cn', '1.1.1.1');
    limiter.recordSuccess('a@x.cn', '1.1.1.1');
    limiter.recordFailure('a@x.cn', '1.1.1.1');
    limiter.recordFailure('a@x.cn', '1.1.1.1');
    expect(limiter.retryAfterSeconds('a@x.cn', '1.1.1.1')).to.equal(0);
  });

  it('a success does not clear the address count', () => {
    const limiter = new LoginLimiter(opts, () => 0);
    for (let i = 0; i < 2; i++) limiter.recordFailure('a@x.cn', '1.1.1.1');
    limiter.recordSuccess('a@x.cn', '1.1.1.1');
    for (let i = 0; i < 2; i++) limiter.recordFailure('a@x.cn', '1.1.1.1');
    // The address has seen 4 failures; a 5th from anyone reaches its limit of 5 for everyone there.
    limiter.recordFailure('b@x.cn', '1.1.1.1');
    expect(limiter.retryAfterSeconds('c@x.cn', '1.1.1.1')).to.be.greaterThan(0);
    expect(limiter.retryAfterSeconds('c@x.cn', '3.3.3.3')).to.equal(0);
  });

  it('limits one account attacked from many addresses, but only for the window', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(opts, () => now);
    for (let i = 0; i < 10; i++) limiter.recordFailure('a@x.cn', `10.0.0.${i}`);
    expect(limiter.retryAfterSeconds('a@x.cn', '10.0.0.200')).to.be.greaterThan(0);
    now += 60_000;
    expect(limiter.retryAfterSeconds('a@x.cn', '10.0.0.200')).to.equal(0);
  });
});
