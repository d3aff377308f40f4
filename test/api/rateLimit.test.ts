// Failed logins are limited per (account, address), per address and per account (RATE_LIMITED).
// Its own stack: TRUST_PROXY lets the tests speak from several client addresses via X-Forwarded-For,
// and the shared stack's per-address budget (all tests come from 127.0.0.1) stays untouched.
import { expect } from 'chai';
import { startStack, type Stack } from '../helpers/stack';
import { Client, LOGIN, registerOrg, uniqueEmail, type Registered } from '../helpers/client';

const PASSWORD = 'correct-horse-battery';
const PER_ACCOUNT_AND_ADDRESS = 5;
const PER_ADDRESS = 10;
const PER_ACCOUNT = 15;

describe('login rate limiting', function () {
  this.timeout(60_000);
  let stack: Stack;
  let anon: Client;
  let nextAddress = 1;
  const freshAddress = () => `198.51.100.${nextAddress++}`;

  before(async () => {
    stack = await startStack({
      TRUST_PROXY: '1', // one proxy in front: the right-most X-Forwarded-For entry is the client
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: String(PER_ACCOUNT_AND_ADDRESS),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
    });
    anon = new Client(stack.server.url);
  });
  after(async () => {
    await stack?.stop();
  });

  async function login(email: string, password: string, address: string) {
    const res = await anon.raw(LOGIN, { email, password }, { 'x-forwarded-for': address });
    return { code: res.errors?.[0]?.extensions?.code ?? 'OK', error: res.errors?.[0], data: res.data };
  }
  async function failTimes(n: number, email: string, address: string): Promise<void> {
    for (let i = 0; i < n; i++) expect((await login(email, 'wrong-password-123', address)).code, `attempt ${i + 1}`).to.equal('UNAUTHENTICATED');
  }

  let victim: Registered;
  beforeEach(async () => {
    victim = await registerOrg(anon, 'ENTERPRISE', { password: PASSWORD });
  });

  it(`after ${PER_ACCOUNT_AND_ADDRESS} failures for one account from one address, even the right password is RATE_LIMITED there`, async () => {
    const address = freshAddress();
    await failTimes(PER_ACCOUNT_AND_ADDRESS, victim.email, address);
    const limited = await login(victim.email, PASSWORD, address);
    expect(limited.code).to.equal('RATE_LIMITED');
    expect(limited.data ?? null).to.equal(null);
    const retry = limited.error!.extensions!.retryAfterSeconds as number;
    expect(retry).to.be.within(1, 900);
  });

  it('the same account from another address still signs in (a stranger cannot lock the user out)', async () => {
    await failTimes(PER_ACCOUNT_AND_ADDRESS, victim.email, freshAddress());
    expect((await login(victim.email, PASSWORD, freshAddress())).code).to.equal('OK');
  });

  it("another account from the same address is not blocked by the first account's failures", async () => {
    const address = freshAddress();
    await failTimes(PER_ACCOUNT_AND_ADDRESS, victim.email, address);
    const other = await registerOrg(anon, 'UNIVERSITY', { password: PASSWORD });
    expect((await login(other.email, PASSWORD, address)).code).to.equal('OK');
    expect((await login(victim.email, PASSWORD, address)).code).to.equal('RATE_LIMITED');
  });

  it('a successful sign-in clears that account\'s failures from that address', async () => {
    const address = freshAddress();
    await failTimes(PER_ACCOUNT_AND_ADDRESS - 1, victim.email, address);
    expect((await login(victim.email, PASSWORD, address)).code).to.equal('OK');
    await failTimes(PER_ACCOUNT_AND_ADDRESS - 1, victim.email, address);
    expect((await login(victim.email, PASSWORD, address)).code).to.equal('OK');
  });

  it(`after ${PER_ADDRESS} failures from one address (any accounts), that address is RATE_LIMITED`, async () => {
    const address = freshAddress();
    for (let i = 0; i < PER_ADDRESS; i++) await failTimes(1, uniqueEmail('guess'), address);
    expect((await login(victim.email, PASSWORD, address)).code).to.equal('RATE_LIMITED');
    expect((await login(victim.email, PASSWORD, freshAddress())).code).to.equal('OK');
  });

  it(`after ${PER_ACCOUNT} failures for one account from many addresses, that account is RATE_LIMITED everywhere for the window`, async () => {
    for (let i = 0; i < PER_ACCOUNT; i++) await failTimes(1, victim.email, freshAddress());
    expect((await login(victim.email, PASSWORD, freshAddress())).code).to.equal('RATE_LIMITED');
  });

  it('unknown accounts are limited the same way (no enumeration through the limiter)', async () => {
    const address = freshAddress();
    const ghost = uniqueEmail('ghost');
    await failTimes(PER_ACCOUNT_AND_ADDRESS, ghost, address);
    expect((await login(ghost, PASSWORD, address)).code).to.equal('RATE_LIMITED');
  });
});
