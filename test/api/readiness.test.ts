// When the database goes away: /readyz fails, GraphQL answers HTTP 503 with SERVICE_UNAVAILABLE
// (no driver text), /healthz stays up; when it comes back, everything works again without a restart.
import { expect } from 'chai';
import { startStack, type Stack } from '../helpers/stack';
import { Client, LOGIN, registerOrg, type Registered } from '../helpers/client';

async function readyz(stack: Stack): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.server.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

async function waitForReady(stack: Stack, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readyz(stack)).status === 200) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe('readiness when the database stops and comes back', function () {
  this.timeout(60_000);
  let stack: Stack;
  let anon: Client;
  let user: Registered;
  const PASSWORD = 'correct-horse-battery';

  before(async () => {
    // No write probe: with MONGODB_URI the server cannot tell that FerretDB stopped (the embedded
    // default can, its supervisor: test/api/process.supervise.test.ts), so it must ask the database.
    stack = await startStack({ FERRETDB_SQLITE_DIR: '' });
    anon = new Client(stack.server.url);
    user = await registerOrg(anon, 'ENTERPRISE', { password: PASSWORD });
    expect((await readyz(stack)).status).to.equal(200);
  });
  after(async () => {
    await stack?.stop();
  });

  it('with FerretDB stopped: /readyz 503, /healthz 200, GraphQL 503 SERVICE_UNAVAILABLE "Database unavailable"', async () => {
    await stack.stopDb();

    const ready = await readyz(stack);
    expect(ready.status).to.equal(503);
    expect(ready.body).to.deep.equal({ status: 'database unavailable' });
    expect((await fetch(`${stack.server.url}/healthz`)).status).to.equal(200);

    for (const [query, vars, client, requestId] of [
      [LOGIN, { email: user.email, password: PASSWORD }, anon, 'readiness-login'],
      ['{ me { email } }', {}, user.client, 'readiness-me'],
    ] as const) {
      const res = await client.raw(query, vars, { 'x-request-id': requestId });
      expect(res.data?.login ?? res.data?.me ?? null).to.equal(null);
      expect(res.errors).to.have.length(1);
      expect(res.status).to.equal(503);
      expect(res.errors![0]!.message).to.match(/^Database unavailable/);
      expect(res.errors![0]!.extensions).to.deep.equal({ code: 'SERVICE_UNAVAILABLE' });
      expect(JSON.stringify(res)).not.to.match(/mongo|ferret|ECONNREFUSED|127\.0\.0\.1|stack|selection/i);
    }
  });

  it('each failure is logged once, with its request id and the driver error, and the server keeps running', async () => {
    await new Promise((r) => setTimeout(r, 200)); // let the child's stdout arrive
    const lines = stack.server.output().split('\n').filter((l) => l.includes('"msg":"unexpected error"'));
    for (const requestId of ['readiness-login', 'readiness-me']) {
      const mine = lines.filter((l) => l.includes(`"reqId":"${requestId}"`));
      expect(mine, requestId).to.have.length(1);
      expect(mine[0]).to.match(/Mongo\w*Error/);
    }
    expect(stack.server.process.exitCode).to.equal(null);
  });

  it('after FerretDB restarts: /readyz 200 again within 15 s and requests succeed', async () => {
    await stack.restartDb();
    expect(await waitForReady(stack, 15_000), 'ready again within 15 s').to.equal(true);
    const { login } = await anon.ok(LOGIN, { email: user.email, password: PASSWORD });
    expect(login.user.id).to.equal(user.userId);
    const { me } = await user.client.ok('{ me { email } }');
    expect(me.email).to.equal(user.email);
  });
});
