// Registration, login and `me`, over HTTP against the shared stack.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, LOGIN, REGISTER, registerOrg, uniqueCreditCode, uniqueEmail } from '../helpers/client';

const ME = `{ me { id email name role organization { id name kind creditCode county verified ipAdvantage { level } } } }`;

function registration(overrides: { email?: string; password?: string; name?: string; org?: Record<string, unknown> } = {}) {
  return {
    input: {
      email: overrides.email ?? uniqueEmail('reg'),
      password: overrides.password ?? 'correct-horse-battery',
      name: overrides.name ?? '王老师',
      organization: { name: '鹤岗测试科技有限公司', kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'LUOBEI', ...overrides.org },
    },
  };
}

describe('identity: register, login, me', () => {
  let anon: Client;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
  });

  it('register creates the organization with the caller as ORG_ADMIN and returns a working token', async () => {
    const vars = registration({ email: uniqueEmail('MiXeD.Case') });
    const { register } = await anon.ok(REGISTER, vars);
    expect(register.user.email).to.equal(vars.input.email.toLowerCase());
    expect(register.user.role).to.equal('ORG_ADMIN');
    expect(register.user.organization).to.include({
      name: '鹤岗测试科技有限公司',
      kind: 'ENTERPRISE',
      creditCode: vars.input.organization.creditCode,
      county: 'LUOBEI',
      verified: false,
    });

    const { me } = await anon.as(register.token).ok(ME);
    expect(me).to.deep.include({ id: register.user.id, email: vars.input.email.toLowerCase(), name: '王老师', role: 'ORG_ADMIN' });
    expect(me.organization.id).to.equal(register.user.organization.id);
    expect(me.organization.ipAdvantage).to.equal(null);
  });

  it('normalizes a lower-case credit code and trims names', async () => {
    const code = uniqueCreditCode();
    const vars = registration({ name: '  李经理  ', org: { creditCode: `  ${code.toLowerCase()} `, name: ' 萝北石墨 ' } });
    const { register } = await anon.ok(REGISTER, vars);
    expect(register.user.organization.creditCode).to.equal(code);
    expect(register.user.organization.name).to.equal('萝北石墨');
    const { me } = await anon.as(register.token).ok(ME);
    expect(me.name).to.equal('李经理');
  });

  it('login returns a token for the right password, whatever the email case', async () => {
    const reg = await registerOrg(anon, 'UNIVERSITY', { password: 'a-long-password-1' });
    const { login } = await anon.ok(LOGIN, { email: reg.email.toUpperCase(), password: 'a-long-password-1' });
    expect(login.user).to.deep.include({ id: reg.userId, email: reg.email, role: 'ORG_ADMIN' });
    expect(login.user.organization).to.deep.equal({ id: reg.orgId, kind: 'UNIVERSITY' });
    const { me } = await anon.as(login.token).ok(`{ me { id } }`);
    expect(me.id).to.equal(reg.userId);
  });

  it('a wrong password and an unknown email fail the same way (no account enumeration)', async () => {
    const reg = await registerOrg(anon, 'ENTERPRISE');
    const wrong = await anon.fails(LOGIN, { email: reg.email, password: 'not-the-password' }, 'UNAUTHENTICATED');
    const unknown = await anon.fails(LOGIN, { email: uniqueEmail('nobody'), password: 'not-the-password' }, 'UNAUTHENTICATED');
    expect(wrong.message).to.equal(unknown.message);
  });

  it('me is null without a token', async () => {
    const { me } = await anon.ok(`{ me { id } }`);
    expect(me).to.equal(null);
  });

  describe('bad input is BAD_USER_INPUT naming the field', () => {
    const cases: Array<[string, Parameters<typeof registration>[0], string]> = [
      ['an email without @', { email: 'not-an-email' }, 'input.email'],
      ['an email with spaces', { email: 'a b@example.cn' }, 'input.email'],
      ['a password of 9 characters', { password: '123456789' }, 'input.password'],
      ['a password of 257 characters', { password: 'x'.repeat(257) }, 'input.password'],
      ['an empty name', { name: '' }, 'input.name'],
      ['a name of spaces', { name: '   ' }, 'input.name'],
      ['an empty organization name', { org: { name: ' ' } }, 'input.organization.name'],
      ['a credit code with a wrong check character', { org: { creditCode: '91350100M000100Y44' } }, 'input.organization.creditCode'],
      ['a credit code of 17 characters', { org: { creditCode: '91350100M000100Y4' } }, 'input.organization.creditCode'],
      ['a credit code with an O', { org: { creditCode: '91350100M000100O43' } }, 'input.organization.creditCode'],
      ['a REGULATOR registering itself', { org: { kind: 'REGULATOR' } }, 'input.organization.kind'],
      ['a county that does not exist', { org: { county: 'MARS' } }, 'input.organization.county'],
      ['an organization kind that does not exist', { org: { kind: 'CHURCH' } }, 'input.organization.kind'],
    ];
    for (const [what, overrides, field] of cases) {
      it(`${what} -> ${field}`, async () => {
        const bad = registration(overrides);
        await anon.fails(REGISTER, bad, 'BAD_USER_INPUT', field);
        // Nothing was created: the same email and credit code register fine once the bad field is fixed.
        const fixed = registration();
        if (field !== 'input.email') fixed.input.email = bad.input.email;
        if (field !== 'input.organization.creditCode') fixed.input.organization.creditCode = bad.input.organization.creditCode as string;
        await anon.ok(REGISTER, fixed);
      });
    }

    it('the check character error names the expected character', async () => {
      const err = await anon.fails(REGISTER, registration({ org: { creditCode: '91350100M000100Y44' } }), 'BAD_USER_INPUT');
      expect(err.message).to.match(/expected 3/);
    });
  });

  describe('duplicates are CONFLICT and leave nothing behind', () => {
    it('a duplicate email (any case) is CONFLICT, and its fresh credit code stays free', async () => {
      const first = await registerOrg(anon, 'ENTERPRISE');
      const dup = registration({ email: first.email.toUpperCase() });
      await anon.fails(REGISTER, dup, 'CONFLICT');
      // No organization was left behind with that credit code:
      const again = registration({ org: { creditCode: dup.input.organization.creditCode } });
      const { register } = await anon.ok(REGISTER, again);
      expect(register.user.organization.creditCode).to.equal(dup.input.organization.creditCode);
    });

    it('a duplicate credit code is CONFLICT, and its fresh email stays free', async () => {
      const first = await anon.ok(REGISTER, registration());
      const code = first.register.user.organization.creditCode;
      const dup = registration({ org: { creditCode: code } });
      await anon.fails(REGISTER, dup, 'CONFLICT');
      await anon.fails(LOGIN, { email: dup.input.email, password: dup.input.password }, 'UNAUTHENTICATED');
      const { register } = await anon.ok(REGISTER, registration({ email: dup.input.email }));
      expect(register.user.email).to.equal(dup.input.email);
    });

    it('concurrent registrations with one email: exactly one wins and the losers leave no organization', async () => {
      const email = uniqueEmail('race');
      const attempts = Array.from({ length: 6 }, () => registration({ email }));
      const results = await Promise.all(attempts.map((vars) => anon.raw(REGISTER, vars)));
      const winners = results.filter((r) => r.data?.register);
      expect(winners, JSON.stringify(results.map((r) => r.errors))).to.have.length(1);
      for (const r of results.filter((x) => !x.data?.register)) expect(r.errors?.[0]?.extensions?.code).to.equal('CONFLICT');
      // Every losing credit code is still free.
      for (const [i, r] of results.entries()) {
        if (r.data?.register) continue;
        await anon.ok(REGISTER, registration({ org: { creditCode: attempts[i]!.input.organization.creditCode } }));
      }
    });

    it('concurrent registrations with one credit code: exactly one wins and the losers leave no user', async () => {
      const creditCode = uniqueCreditCode();
      const attempts = Array.from({ length: 6 }, () => registration({ org: { creditCode } }));
      const results = await Promise.all(attempts.map((vars) => anon.raw(REGISTER, vars)));
      expect(results.filter((r) => r.data?.register), JSON.stringify(results.map((r) => r.errors))).to.have.length(1);
      for (const r of results.filter((x) => !x.data?.register)) expect(r.errors?.[0]?.extensions?.code).to.equal('CONFLICT');
      for (const [i, r] of results.entries()) {
        if (r.data?.register) continue;
        await anon.ok(REGISTER, registration({ email: attempts[i]!.input.email }));
      }
    });
  });
});
