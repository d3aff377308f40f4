// Issue 10, point 15: input hygiene. Lone surrogates and NUL are refused in any string variable,
// control and bidi-override characters in names and titles, dates outside 1900..2100, each with
// BAD_USER_INPUT naming the field and nothing stored; a huge declared Content-Length gets 413 at once.
import http from 'node:http';
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { Client, LOGIN, REGISTER, registerOrg, signInAdmin, uniqueCreditCode, uniqueEmail } from '../helpers/client';
import { CREATE_ASSET, inventionInput } from '../helpers/listings';

describe('hardening: input hygiene', function () {
  this.timeout(60_000);
  let anon: Client;
  let url: string;
  before(async () => {
    url = (await sharedStack()).server.url;
    anon = new Client(url);
  });

  const registration = (overrides: { name?: string; orgName?: string; email?: string } = {}) => ({
    email: overrides.email ?? uniqueEmail('hyg'),
    password: 'correct-horse-battery',
    name: overrides.name ?? '张三',
    organization: { name: overrides.orgName ?? '鹤岗石墨企业', kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'XIANGYANG' },
  });

  it('a lone surrogate is refused naming the field, and nothing is stored (not kept as U+FFFD)', async () => {
    for (const [input, field] of [
      [registration({ name: 'Zhang\uD800' }), 'input.name'],
      [registration({ orgName: '\uDC00鹤岗' }), 'input.organization.name'],
      [registration({ email: `a\uD83D${uniqueEmail('x')}` }), 'input.email'],
    ] as const) {
      const err = await anon.fails(REGISTER, { input }, 'BAD_USER_INPUT', field);
      expect(err.message).to.match(/surrogate/);
      if (field === 'input.email') continue; // (login refuses that email the same way)
      const login = await anon.raw(LOGIN, { email: input.email, password: input.password });
      expect(login.errors![0]!.extensions?.code).to.equal('UNAUTHENTICATED');
    }
    // A proper pair (an emoji) is text and is kept as sent.
    const ok = await anon.ok(`mutation($input: RegisterInput!) { register(input: $input) { user { name } } }`, { input: registration({ name: '张三 😀' }) });
    expect(ok.register.user.name).to.equal('张三 😀');
  });

  it('NUL, control and bidi-override characters are refused in names and titles, naming the field', async () => {
    await anon.fails(REGISTER, { input: registration({ orgName: '鹤岗\u0000石墨' }) }, 'BAD_USER_INPUT', 'input.organization.name');
    await anon.fails(REGISTER, { input: registration({ name: 'evil\u202Egnp.exe' }) }, 'BAD_USER_INPUT', 'input.name');
    await anon.fails(REGISTER, { input: registration({ name: 'a\u2066b' }) }, 'BAD_USER_INPUT', 'input.name');
    await anon.fails(REGISTER, { input: registration({ name: 'a\u0007b' }) }, 'BAD_USER_INPUT', 'input.name');
    const owner = await registerOrg(anon, 'UNIVERSITY');
    const err = await owner.client.fails(CREATE_ASSET, { input: inventionInput({ title: '石墨\u202D提纯' }) }, 'BAD_USER_INPUT', 'input.title');
    expect(err.message).to.match(/bidirectional/);
    await owner.client.fails(CREATE_ASSET, { input: inventionInput({ title: '石墨\u0000提纯' }) }, 'BAD_USER_INPUT', 'input.title');
    expect((await owner.client.ok('{ myAssets { id } }')).myAssets).to.deep.equal([]);
  });

  it('certifiedOn "0000-01-01" and other dates outside 1900..2100 are refused naming the field', async () => {
    const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    const ent = await registerOrg(anon, 'ENTERPRISE');
    const CERTIFY = `mutation($id: ID!, $on: Date!) { certifyIpAdvantage(organizationId: $id, level: MUNICIPAL, certifiedOn: $on) { id ipAdvantage { certifiedOn } } }`;
    for (const on of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
      const err = await regulator.fails(CERTIFY, { id: ent.orgId, on }, 'BAD_USER_INPUT', 'on');
      expect(err.message).to.match(/from 1900-01-01 to 2100-12-31/);
    }
    expect((await regulator.ok(`query($id: ID!) { organization(id: $id) { ipAdvantage { level } } }`, { id: ent.orgId })).organization.ipAdvantage).to.equal(null);
    const ok = await regulator.ok(CERTIFY, { id: ent.orgId, on: '2024-05-01' });
    expect(ok.certifyIpAdvantage.ipAdvantage.certifiedOn).to.equal('2024-05-01');
  });

  it('a client that sends an oversize body in full reads its 413 (the body is drained, not reset under it)', async () => {
    // Closing at once made the kernel reset the connection under a client still writing: fetch
    // then failed (EPIPE / "fetch failed") instead of reading the 413 it had been sent.
    for (const path of ['/graphql', '/imports/register']) {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': path === '/graphql' ? 'application/json' : 'text/csv' }, body: Buffer.alloc(20 * 1024 * 1024, 'a') });
        expect(res.status, `${path} #${i}`).to.equal(413);
        await res.arrayBuffer();
      }
    }
  });

  it('a request declaring a huge Content-Length gets 413 without the server waiting for its body', async () => {
    const { port } = new URL(url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.flushHeaders(); // the headers only: the body never comes
      req.write('{"query":"{ __typename }"');
    });
    expect(answer.status).to.equal(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).to.equal('BAD_REQUEST');
  });
});
