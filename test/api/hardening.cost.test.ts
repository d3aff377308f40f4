// Issue 10, point 6: the cost of one request. Single-object lookups and mutations carry weight,
// `first` counts when passed as a variable, mutations per request are capped, at most one password
// hash per request, and myDeals is paged. Shared stack, default limits (GRAPHQL_MAX_COST 20000,
// GRAPHQL_MAX_MUTATIONS 5).
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, LOGIN, REGISTER, registerOrg, uniqueCreditCode, uniqueEmail } from '../helpers/client';
import { buyer, propose, sellerWithListing } from '../helpers/deals';

const MAX_COST = 20000;
const costRefusal = new RegExp(`^Syntax Error: Query Cost limit of ${MAX_COST} exceeded, found \\d+\\.$`);

describe('hardening: the cost of one request', function () {
  this.timeout(60_000);
  let anon: Client;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
  });

  function expectRefused(res: { status: number; data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }, message: RegExp) {
    expect(res.status).to.equal(400);
    expect(res.data ?? null).to.equal(null);
    expect(res.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).to.match(message);
  }

  it('20 aliased ipAsset lookups are refused for their cost before any runs; 5 run', async () => {
    const owner = await registerOrg(anon, 'UNIVERSITY');
    const id = '0123456789abcdef01234567';
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ipAsset(id: "${id}") { id }`).join(' ')} }`;
    expectRefused(await owner.client.raw(aliases(20)), costRefusal);
    const data = await owner.client.ok(aliases(5));
    expect(Object.keys(data)).to.have.length(5);
  });

  it('`first` passed as a variable counts like a literal', async () => {
    const node = 'id '.repeat(60);
    const byVariable = `query($n: Int) { listings(first: $n) { edges { node { ${node} } } } }`;
    expectRefused(await anon.raw(`{ listings(first: 100) { edges { node { ${node} } } } }`), costRefusal);
    expectRefused(await anon.raw(byVariable, { n: 100 }), costRefusal);
    expectRefused(await anon.raw(`query($n: Int = 100) { listings(first: $n) { edges { node { ${node} } } } }`), costRefusal);
    const ok = await anon.raw(byVariable, { n: 2 });
    expect(ok.errors).to.equal(undefined);
  });

  it('at most 5 mutations in one request', async () => {
    const mutations = (n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `m${i}: verifyOrganization(id: "0123456789abcdef01234567") { id }`).join(' ')} }`;
    expectRefused(await anon.raw(mutations(6)), /^At most 5 mutations may be sent in one request, found 6\.$/);
    const five = await anon.raw(mutations(5));
    expect(five.status).to.equal(200); // it ran (and the first one stopped it: anonymous callers may not verify)
    expect(five.errors![0]!.extensions?.code).to.equal('UNAUTHENTICATED');
  });

  it('20 aliased register calls hash no password and create nothing; neither do two', async () => {
    for (const n of [20, 2]) {
      const emails = Array.from({ length: n }, () => uniqueEmail('alias'));
      const fields = emails
        .map((email, i) => `r${i}: register(input: { email: "${email}", password: "correct-horse-battery", name: "x", organization: { name: "x", kind: ENTERPRISE, creditCode: "${uniqueCreditCode()}", county: XIANGYANG } }) { token }`)
        .join(' ');
      expectRefused(await anon.raw(`mutation { ${fields} }`), n > 5 ? /^At most 5 mutations/ : /^At most one register or login may be sent in one request, found 2\.$/);
      const login = await anon.raw(LOGIN, { email: emails[0], password: 'correct-horse-battery' });
      expect(login.errors![0]!.extensions?.code).to.equal('UNAUTHENTICATED');
    }
    // register + login together are refused too; one register alone runs.
    expectRefused(await anon.raw(`mutation { a: login(email: "a@b.cn", password: "xxxxxxxxxxxx") { token } b: login(email: "a@b.cn", password: "yyyyyyyyyyyy") { token } }`), /^At most one register or login/);
    const one = await anon.raw(REGISTER, { input: { email: uniqueEmail('one'), password: 'correct-horse-battery', name: 'x', organization: { name: 'x', kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'XIANGYANG' } } });
    expect(one.data?.register.token).to.be.a('string');
  });

  it('myDeals is paged: first and after walk the deals newest first; first out of 1..100 is BAD_USER_INPUT', async () => {
    const l = await sellerWithListing(anon, { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'] });
    const b = await buyer(anon);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '100.00' })).id);
    const PAGE = `query($first: Int, $after: String) { myDeals(first: $first, after: $after) { id } }`;
    const page1 = (await b.client.ok(PAGE, { first: 2 })).myDeals.map((d: { id: string }) => d.id);
    const page2 = (await b.client.ok(PAGE, { first: 2, after: page1[1] })).myDeals.map((d: { id: string }) => d.id);
    expect([...page1, ...page2]).to.deep.equal([...ids].reverse());
    expect((await b.client.ok(PAGE, {})).myDeals).to.have.length(3);
    await b.client.fails(PAGE, { first: 101 }, 'BAD_USER_INPUT', 'first');
    await b.client.fails(PAGE, { first: 0 }, 'BAD_USER_INPUT', 'first');
  });
});
