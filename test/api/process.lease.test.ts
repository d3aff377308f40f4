// One API process per FerretDB with MONGODB_URI: FerretDB's updates are not atomic across processes,
// so a second live API process against the same FerretDB refuses to start. The lease lives in the
// database with a heartbeat: a stalled holder loses it once it expires (and stops when it wakes),
// a killed one does not block the next server. MongoDB (no ferretdb fields in buildInfo) is exempt.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ensureFerretBinary, startEmbeddedDb, type EmbeddedDb } from '../../server/embeddedDb';
import { ADMIN_EMAIL, ADMIN_PASSWORD, JWT_SECRET, tempDir, type ServerHandle } from '../helpers/stack';
import { track } from '../helpers/children';
import { Client, LOGIN, registerOrg } from '../helpers/client';
import { eventually, tryStartServer, type StartResult } from '../helpers/process';

const PASSWORD = 'correct-horse-battery';
const HEARTBEAT_MS = 1000; // the lease expires after 3 missed heartbeats

describe('one API process per FerretDB (MONGODB_URI)', function () {
  this.timeout(120_000);
  const root = tempDir('lease');
  let db: EmbeddedDb;
  let serial = 0;
  const servers: ServerHandle[] = [];
  let a: ServerHandle;
  let b: ServerHandle;
  let email = '';

  const start = async (): Promise<StartResult> => {
    const res = await tryStartServer({
      NODE_ENV: 'test',
      DATA_DIR: path.join(root, `data-${serial++}`), // each its own DATA_DIR: only the database is shared
      MONGODB_URI: db.uri,
      DB_TIMEOUT_MS: '1500',
      JWT_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DEMO_DATA: 'false',
      FERRETDB_LEASE_HEARTBEAT_MS: String(HEARTBEAT_MS),
      LOG_LEVEL: 'info',
    });
    if (res.server) servers.push(res.server);
    return res;
  };

  before(async () => {
    db = await startEmbeddedDb({ bin: ensureFerretBinary(() => undefined, process.env.FERRETDB_BIN), dataDir: path.join(root, 'db'), database: 'hegang_lease' });
    track(db.process);
  });
  after(async () => {
    for (const s of servers) {
      s.process.kill('SIGCONT');
      await s.stop('SIGKILL');
    }
    await db?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a second API process on the same FerretDB refuses to start, naming the first', async () => {
    const first = await start();
    expect(first.server, first.output).to.not.equal(undefined);
    a = first.server!;
    email = (await registerOrg(new Client(a.url), 'ENTERPRISE', { password: PASSWORD })).email;

    const second = await start();
    expect(second.server, 'the second process must not start').to.equal(undefined);
    expect(second.code).to.equal(1);
    expect(second.output).to.match(new RegExp(`Cannot start: another API process already uses this FerretDB database \\(pid ${a.process.pid} `));
    expect(second.output).not.to.match(/\n\s+at /);
    await new Client(a.url).ok(LOGIN, { email, password: PASSWORD }); // the first is undisturbed
  });

  it('a stalled holder (SIGSTOP) loses the lease once it expires; woken, it stops with a clear line', async () => {
    a.process.kill('SIGSTOP');
    let next: StartResult | undefined;
    const tookOver = await eventually(async () => {
      next = await start();
      return next.server !== undefined;
    }, 30_000);
    expect(tookOver, next?.output).to.equal(true);
    b = next!.server!;
    expect(next!.output).to.match(new RegExp(`"previous":\\{"pid":${a.process.pid},.*took over the expired database lease`));

    const exited = new Promise<number | null>((resolve) => a.process.once('exit', (code) => resolve(code)));
    a.process.kill('SIGCONT');
    const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 20_000))]);
    expect(code, a.output()).to.equal(1);
    expect(a.output()).to.match(/another API process took over the database lease/);

    const { login } = await new Client(b.url).ok(LOGIN, { email, password: PASSWORD });
    expect(login.user.email).to.equal(email);
  });

  it('kill -9 of the holder: the next server starts and has every acknowledged write', async () => {
    const other = (await registerOrg(new Client(b.url), 'ENTERPRISE', { password: PASSWORD })).email;
    expect(await b.stop('SIGKILL')).to.equal(null);
    let next: StartResult | undefined;
    expect(
      await eventually(async () => {
        next = await start();
        return next.server !== undefined;
      }, 30_000),
      next?.output,
    ).to.equal(true);
    const client = new Client(next!.server!.url);
    for (const e of [email, other]) expect((await client.ok(LOGIN, { email: e, password: PASSWORD })).login.user.email).to.equal(e);
  });
});
