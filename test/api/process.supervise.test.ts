// The server supervises its embedded FerretDB: kill -9 of FerretDB does not stop the server. Until it
// is back, /readyz answers 503 and requests HTTP 503 SERVICE_UNAVAILABLE "Database unavailable";
// then everything acknowledged before is there and new writes work. Only repeated failures in a row
// (EMBEDDED_DB_MAX_RESTARTS) make it give up, with one clear log line and a non-zero exit.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { tempDir, type ServerHandle } from '../helpers/stack';
import { Client, LOGIN, registerOrg } from '../helpers/client';
import { embeddedEnv, eventually, ferretPidOf, isRunning, tryStartServer, waitForExit } from '../helpers/process';

const PASSWORD = 'correct-horse-battery';

async function readyz(server: ServerHandle): Promise<number> {
  return (await fetch(`${server.url}/readyz`)).status;
}

describe('the embedded FerretDB dies under a running server', function () {
  this.timeout(120_000);
  const root = tempDir('supervise');
  const dataDir = path.join(root, 'data');
  let server: ServerHandle | undefined;

  after(async () => {
    await server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 SERVICE_UNAVAILABLE meanwhile, restarts it, keeps every acknowledged write, takes new ones', async () => {
    // A long first backoff, so the outage lasts long enough to be observed.
    const started = await tryStartServer(embeddedEnv(dataDir, { EMBEDDED_DB_RESTART_BACKOFF_MS: '3000', LOG_LEVEL: 'info' }));
    expect(started.server, started.output).to.not.equal(undefined);
    server = started.server!;
    const anon = new Client(server.url);
    const before = await registerOrg(anon, 'ENTERPRISE', { password: PASSWORD });
    expect(await readyz(server)).to.equal(200);
    // The write probe is in use (server/walProbe.ts), and an anonymous answer is kept: neither
    // outlives FerretDB (below, the same query answers 503, not from the cache).
    expect(server.output()).to.match(/SQLite write probe in use/);
    const LISTINGS = JSON.stringify({ query: '{ listings(first: 5) { totalCount } }' });
    const ask = () => fetch(`${server!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LISTINGS });
    expect(await eventually(async () => (await ask()).headers.get('x-response-cache') === 'hit', 5_000), 'a kept answer').to.equal(true);

    const ferret = ferretPidOf(dataDir);
    process.kill(ferret, 'SIGKILL');
    expect(await waitForExit(ferret, 10_000)).to.equal(true);
    expect(await eventually(async () => (await readyz(server!)) === 503, 5_000), '/readyz 503 while it is down').to.equal(true);

    const login = await anon.raw(LOGIN, { email: before.email, password: PASSWORD });
    expect(login.status).to.equal(503);
    expect(login.errors).to.have.length(1);
    expect(login.errors![0]!.message).to.match(/^Database unavailable/);
    expect(login.errors![0]!.extensions).to.deep.equal({ code: 'SERVICE_UNAVAILABLE' });
    const me = await before.client.raw('{ me { email } }');
    expect(me.status).to.equal(503);
    expect(me.errors![0]!.extensions?.code).to.equal('SERVICE_UNAVAILABLE');
    const kept = await ask();
    expect(kept.status).to.equal(503);
    expect(kept.headers.get('x-response-cache')).to.equal(null);
    expect(JSON.stringify([login, me])).not.to.match(/mongo|ferret|ECONNREFUSED|127\.0\.0\.1|stack/i);
    expect((await fetch(`${server.url}/healthz`)).status, 'the server itself is alive').to.equal(200);

    expect(await eventually(async () => (await readyz(server!)) === 200, 30_000), 'ready again').to.equal(true);
    expect(server.process.exitCode).to.equal(null);
    const again = ferretPidOf(dataDir);
    expect(again).to.not.equal(ferret);
    expect(isRunning(again)).to.equal(true);
    expect(server.output()).to.match(/the embedded database stopped unexpectedly/);
    expect(server.output()).to.match(/the embedded database is back/);

    // Acknowledged before the kill: still there. New writes work.
    expect((await anon.ok(LOGIN, { email: before.email, password: PASSWORD })).login.user.id).to.equal(before.userId);
    const after = await registerOrg(anon, 'BANK', { password: PASSWORD });
    expect((await after.client.ok('{ me { email } }')).me.email).to.equal(after.email);
  });

  it('gives up with one clear line and exit code 1 after EMBEDDED_DB_MAX_RESTARTS failures in a row', async () => {
    await server?.stop();
    server = undefined;
    const started = await tryStartServer(embeddedEnv(dataDir, { EMBEDDED_DB_MAX_RESTARTS: '1', EMBEDDED_DB_RESTART_BACKOFF_MS: '50' }));
    expect(started.server, started.output).to.not.equal(undefined);
    server = started.server!;
    const exited = new Promise<number | null>((resolve) => server!.process.once('exit', (code) => resolve(code)));

    const first = ferretPidOf(dataDir);
    process.kill(first, 'SIGKILL'); // failure 1 of 1 allowed: restarted
    expect(await eventually(async () => (await readyz(server!).catch(() => 0)) === 200, 30_000), 'restarted once').to.equal(true);
    process.kill(ferretPidOf(dataDir), 'SIGKILL'); // failure 2 within a minute: gives up

    const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 30_000))]);
    expect(code, server.output()).to.equal(1);
    expect(server.output()).to.match(/giving up: the embedded database failed 2 times in a row \(EMBEDDED_DB_MAX_RESTARTS=1\)/);
    server = undefined;
  });
});
