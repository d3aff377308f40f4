// NODE_ENV=production: no introspection, no field suggestions, limits taken from the environment.
// A second server process on the shared stack's database, with tight limits so they are easy to reach.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type ServerHandle } from '../helpers/stack';
import { Client } from '../helpers/client';

describe('production mode', () => {
  let server: ServerHandle;
  let anon: Client;
  let admin: Client;

  before(async () => {
    const shared = await sharedStack();
    server = await startServer({
      NODE_ENV: 'production',
      JWT_SECRET: 'production-test-secret-0123456789-abcdefgh',
      MONGODB_URI: shared.db.uri,
      FERRETDB_LEASE: 'false', // a second process on the shared FerretDB on purpose (see dbLease.ts)
      DATA_DIR: `${shared.tmp}/production-data`,
      DEMO_DATA: 'false',
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '2',
      GRAPHQL_MAX_COST: '6000', // the lowest allowed: a login alone weighs 5000 (server/cost.ts)
    });
    anon = new Client(server.url);
    // (the helpers' LOGIN selects 4 levels deep, over this server's depth limit of 3)
    const { login } = await anon.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
    admin = anon.as(login.token);
  });
  after(async () => {
    expect(await server?.stop()).to.equal(0);
  });

  it('refuses introspection', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "User") { name } }']) {
      const res = await anon.raw(query);
      expect(res.status).to.equal(400);
      expect(res.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0]!.message).to.match(/introspection/i);
    }
  });

  it('does not tell whether someone else asked the same text lately (no x-response-cache, no x-prepared-query)', async () => {
    const ask = () => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` }, body: JSON.stringify({ query: '{ me { email } }' }) });
    const anonymous = () => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ listings(first: 1) { totalCount } }' }) });
    for (let i = 0; i < 3; i++) {
      for (const res of [await ask(), await anonymous()]) {
        expect(res.status).to.equal(200);
        expect(res.headers.get('x-response-cache')).to.equal(null);
        expect(res.headers.get('x-prepared-query')).to.equal(null);
      }
    }
    // Introspection asked again is refused again (a text Apollo refused is never prepared).
    expect((await anon.raw('{ __schema { types { name } } }')).status).to.equal(400);
  });

  it('does not suggest field names', async () => {
    const res = await anon.raw('{ mee { id } }');
    expect(res.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.errors)).not.to.match(/Did you mean|"me"/);
  });

  it('takes the depth limit from GRAPHQL_MAX_DEPTH', async () => {
    const res = await admin.raw('{ me { organization { ipAdvantage { level } } } }');
    expect(res.errors![0]!.message).to.equal('Syntax Error: Query depth limit of 3 exceeded, found 4.');
    const { me } = await admin.ok('{ me { organization { kind } } }');
    expect(me.organization.kind).to.equal('REGULATOR');
  });

  it('takes the alias limit from GRAPHQL_MAX_ALIASES', async () => {
    const res = await admin.raw('{ a: me { id } b: me { id } c: me { id } }');
    expect(res.errors![0]!.message).to.equal('Syntax Error: Aliases limit of 2 exceeded, found 3.');
    expect(Object.keys(await admin.ok('{ a: me { id } b: me { id } }'))).to.deep.equal(['a', 'b']);
  });

  it('takes the cost limit from GRAPHQL_MAX_COST', async () => {
    const ids = (n: number) => `{ me { organization { ${'id '.repeat(n)}} } }`;
    const res = await admin.raw(`{ myAssets(first: 100) { ${'id '.repeat(50)}} }`);
    expect(res.status).to.equal(400);
    expect(res.errors![0]!.message).to.match(/^Syntax Error: Query Cost limit of 6000 exceeded, found \d+/);
    expect(res.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    const { me } = await admin.ok(ids(10));
    expect(me.organization.id).to.be.a('string');
  });

  it('signs its own tokens with JWT_SECRET, which another server does not accept', async () => {
    const shared = new Client((await sharedStack()).server.url);
    const res = await shared.as(admin.token).raw('{ me { id } }');
    expect(res.errors![0]!.extensions?.code).to.equal('UNAUTHENTICATED');
  });
});
