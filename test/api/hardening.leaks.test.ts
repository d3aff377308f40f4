// Issue 10, point 7 over HTTP: a production server suggests no enum values and echoes no huge
// value; the bootstrap admin's generated password is printed once on the console and never reaches
// a log line, even at LOG_LEVEL=trace.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { startServer, type ServerHandle } from '../helpers/stack';
import { Client, LOGIN } from '../helpers/client';

describe('hardening: production leaks', function () {
  this.timeout(60_000);
  let server: ServerHandle;
  let anon: Client;
  let dev: Client;

  before(async () => {
    const shared = await sharedStack();
    dev = new Client(shared.server.url);
    server = await startServer({
      NODE_ENV: 'production',
      JWT_SECRET: 'production-leaks-secret-0123456789-abcdefgh',
      MONGODB_URI: shared.db.uri,
      FERRETDB_LEASE: 'false', // a second API process on the shared test database, on purpose
      DATA_DIR: `${shared.tmp}/leaks-data`,
    });
    anon = new Client(server.url);
  });
  after(async () => {
    await server?.stop();
  });

  it('no "Did you mean the enum value" in production, for a literal or a variable (the development server still helps)', async () => {
    const literal = await anon.raw('{ loanProducts(kind: INVENTON_PATENT) { id } }');
    expect(literal.errors![0]!.extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    const variable = await anon.raw('query($k: IpKind) { loanProducts(kind: $k) { id } }', { k: 'INVENTON_PATENT' });
    expect(variable.errors![0]!.extensions?.code).to.equal('BAD_USER_INPUT');
    expect(variable.errors![0]!.extensions?.field).to.equal('k');
    for (const res of [literal, variable]) expect(JSON.stringify(res.errors)).not.to.match(/Did you mean|"INVENTION_PATENT"/);
    const helped = await dev.raw('query($k: IpKind) { loanProducts(kind: $k) { id } }', { k: 'INVENTON_PATENT' });
    expect(helped.errors![0]!.message).to.match(/Did you mean the enum value "INVENTION_PATENT"/);
  });

  it('a 1 MB invalid enum value gets a short error naming the variable, not a 2 MB echo', async () => {
    const huge = 'X'.repeat(1_000_000);
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($k: IpKind) { loanProducts(kind: $k) { id } }', variables: { k: huge } }),
    });
    const text = await res.text();
    expect(text.length).to.be.below(2000);
    const body = JSON.parse(text);
    expect(body.errors[0].extensions).to.deep.equal({ code: 'BAD_USER_INPUT', field: 'k' });
    expect(body.errors[0].message).to.contain('(1000000 characters)');
  });

  it('the generated bootstrap password is printed once on the console and never logged, even at trace', async () => {
    const shared = await sharedStack();
    const fresh = await startServer({
      NODE_ENV: 'test',
      LOG_LEVEL: 'trace',
      JWT_SECRET: 'bootstrap-leak-secret-0123456789-abcdefgh',
      MONGODB_URI: shared.db.uri.replace(/\/[^/]+$/, `/hegang_boot_${Date.now()}`),
      DATA_DIR: `${shared.tmp}/boot-data-${Date.now()}`,
      DEMO_DATA: 'false',
    });
    try {
      const m = /City IP office admin created: (\S+) \/ (\S+)/.exec(fresh.output());
      expect(m, fresh.output().slice(0, 2000)).to.not.equal(null);
      const [, email, password] = m!;
      // Signing in with it (and failing with it as the email) puts it in front of every logger we have.
      const client = new Client(fresh.url);
      expect((await client.raw(LOGIN, { email, password })).data?.login.token).to.be.a('string');
      await client.raw(LOGIN, { email: password!, password: password! });
      await new Promise((r) => setTimeout(r, 200));
      const output = fresh.output();
      expect(output.split(password!).length - 1, 'occurrences of the password').to.equal(1);
      const logLines = output.split('\n').filter((l) => l.startsWith('{'));
      expect(logLines.length).to.be.at.least(3); // start-up and both requests
      expect(logLines.filter((l) => l.includes(password!))).to.deep.equal([]);
    } finally {
      await fresh.stop();
    }
  });
});
