// Issue 10, points 1, 2 and 5: the login limiter holds under parallel requests (attempts are
// counted before the password hash), a rotated X-Forwarded-For does not defeat it behind one proxy
// (TRUST_PROXY=1), and `register` is limited per address and answers a taken email like a taken
// credit code, naming neither. Its own stack with tight limits.
import { expect } from 'chai';
import { startStack, type Stack } from '../helpers/stack';
import { Client, LOGIN, REGISTER, uniqueCreditCode, uniqueEmail, type Registered } from '../helpers/client';

const PASSWORD = 'correct-horse-battery';
const PER_ACCOUNT_AND_ADDRESS = 5;
const PER_ADDRESS = 8;
const PER_ACCOUNT = 12;
const REGISTER_PER_ADDRESS = 4;

describe('hardening: login and registration limits', function () {
  this.timeout(120_000);
  let stack: Stack;
  let anon: Client;
  let nextAddress = 1;
  const freshAddress = () => `203.0.113.${nextAddress++}`;

  before(async () => {
    stack = await startStack({
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: String(PER_ACCOUNT_AND_ADDRESS),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      REGISTER_MAX_PER_ADDRESS: String(REGISTER_PER_ADDRESS),
    });
    anon = new Client(stack.server.url);
  });
  after(async () => {
    await stack?.stop();
  });

  /** `forwardedFor` is the whole X-Forwarded-For header as the proxy passes it on. */
  async function login(email: string, password: string, forwardedFor: string): Promise<string> {
    const res = await anon.raw(LOGIN, { email, password }, { 'x-forwarded-for': forwardedFor });
    return res.errors?.[0]?.extensions?.code ?? 'OK';
  }
  const tally = (codes: string[]) => codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

  async function registerFrom(address: string, input: Record<string, unknown>) {
    return anon.raw(REGISTER, { input }, { 'x-forwarded-for': address });
  }
  const newOrgInput = (email = uniqueEmail('reg'), creditCode = uniqueCreditCode()) => ({
    email,
    password: PASSWORD,
    name: '注册人',
    organization: { name: '鹤岗测试企业', kind: 'ENTERPRISE', creditCode, county: 'XIANGYANG' },
  });

  let victim: Registered;
  before(async () => {
    // (registered through a client address of its own, so the register limit below is untouched)
    const viaProxy = new Client(stack.server.url);
    const res = await viaProxy.raw(REGISTER, { input: newOrgInput() }, { 'x-forwarded-for': '198.51.100.250' });
    const { token, user } = res.data!.register;
    victim = { token, userId: user.id, orgId: user.organization.id, email: user.email, client: viaProxy.as(token) };
  });

  it(`60 parallel wrong guesses for one account from one address: at most ${PER_ACCOUNT_AND_ADDRESS} are evaluated, the rest RATE_LIMITED`, async () => {
    const address = freshAddress();
    const codes = await Promise.all(Array.from({ length: 60 }, () => login(victim.email, 'wrong-password-123', address)));
    const t = tally(codes);
    expect(t.UNAUTHENTICATED ?? 0, JSON.stringify(t)).to.be.within(1, PER_ACCOUNT_AND_ADDRESS);
    expect((t.UNAUTHENTICATED ?? 0) + (t.RATE_LIMITED ?? 0), JSON.stringify(t)).to.equal(60);
    // ...and the real user still signs in from elsewhere.
    expect(await login(victim.email, PASSWORD, freshAddress())).to.equal('OK');
  });

  it(`60 parallel wrong guesses for one account from 60 addresses: at most ${PER_ACCOUNT} are evaluated`, async () => {
    const email = (await registerFrom(freshAddress(), newOrgInput())).data!.register.user.email as string;
    const codes = await Promise.all(Array.from({ length: 60 }, () => login(email, 'wrong-password-123', freshAddress())));
    const t = tally(codes);
    expect(t.UNAUTHENTICATED ?? 0, JSON.stringify(t)).to.be.within(1, PER_ACCOUNT);
    expect(t.RATE_LIMITED ?? 0, JSON.stringify(t)).to.be.at.least(60 - PER_ACCOUNT);
  });

  it('TRUST_PROXY=1: rotating the left-most X-Forwarded-For does not defeat the per-address limit', async () => {
    const client = freshAddress(); // what the one trusted proxy appends
    const codes: string[] = [];
    for (let i = 0; i < PER_ADDRESS + 3; i++) {
      codes.push(await login(uniqueEmail('spray'), 'wrong-password-123', `10.9.${i}.${i + 1}, ${client}`));
    }
    expect(codes.slice(0, PER_ADDRESS)).to.deep.equal(Array(PER_ADDRESS).fill('UNAUTHENTICATED'));
    expect(codes.slice(PER_ADDRESS)).to.deep.equal(Array(3).fill('RATE_LIMITED'));
  });

  it('a taken email and a taken credit code get the same CONFLICT, naming neither', async () => {
    const address = freshAddress();
    const taken = await registerFrom(address, newOrgInput());
    const { email } = taken.data!.register.user;
    const creditCode = taken.data!.register.user.organization.creditCode;
    const byEmail = await registerFrom(address, newOrgInput(email));
    const byCode = await registerFrom(address, newOrgInput(undefined, creditCode));
    expect(byEmail.errors![0]!.extensions!.code).to.equal('CONFLICT');
    expect(byCode.errors![0]!.extensions!.code).to.equal('CONFLICT');
    expect(byEmail.errors![0]!.message).to.equal(byCode.errors![0]!.message);
    expect(byEmail.errors![0]!.message).not.to.contain(email);
    expect(byEmail.errors![0]!.message).not.to.contain(creditCode);
  });

  it(`register is limited per client address: 10 parallel from one address create at most ${REGISTER_PER_ADDRESS}`, async () => {
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 10 }, () => registerFrom(address, newOrgInput())));
    const t = tally(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK'));
    expect(t.OK ?? 0, JSON.stringify(t)).to.be.within(1, REGISTER_PER_ADDRESS);
    expect(t.RATE_LIMITED ?? 0, JSON.stringify(t)).to.equal(10 - (t.OK ?? 0));
    const limited = results.find((r) => r.errors)!.errors![0]!;
    expect(limited.extensions!.retryAfterSeconds).to.be.within(1, 3600);
    // Another address still registers.
    expect((await registerFrom(freshAddress(), newOrgInput())).data?.register.token).to.be.a('string');
  });
});
