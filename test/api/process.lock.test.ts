// One server per DATA_DIR, a private DATA_DIR, and an embedded FerretDB that dies with its server.
// Two servers on one DATA_DIR lost acknowledged writes (issue 10, points 8-10): a second server must
// refuse to start, a kill -9 must neither leave the lock stuck nor leave FerretDB running, and a
// FerretDB left behind by an older server is stopped before a new one starts on the same files.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ensureFerretBinary, freePort, canConnect } from '../../server/embeddedDb';
import { FERRETDB_PID_FILE, LOCK_FILE } from '../../server/dataDir';
import { identityOf } from '../../server/procInfo';
import { tempDir, type ServerHandle } from '../helpers/stack';
import { track } from '../helpers/children';
import { Client, LOGIN, registerOrg } from '../helpers/client';
import { embeddedEnv, eventually, ferretPidOf, isRunning, modeOf, tryStartServer, waitForExit } from '../helpers/process';

const PASSWORD = 'correct-horse-battery';

describe('one server per DATA_DIR (embedded FerretDB)', function () {
  this.timeout(120_000);
  const dataDir = path.join(tempDir('lock'), 'data');
  let first: ServerHandle | undefined;
  let second: ServerHandle | undefined;
  let firstFerret = 0;
  let email = '';

  after(async () => {
    await second?.stop();
    await first?.stop('SIGKILL');
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('the first server creates DATA_DIR 0700, its files 0600, and holds the lock', async () => {
    const started = await tryStartServer(embeddedEnv(dataDir)); // no JWT_SECRET: DATA_DIR/jwt-secret is written
    expect(started.server, started.output).to.not.equal(undefined);
    first = started.server!;
    firstFerret = ferretPidOf(dataDir);
    expect(isRunning(firstFerret)).to.equal(true);

    expect(modeOf(dataDir), 'DATA_DIR').to.equal('700');
    expect(modeOf(path.join(dataDir, 'db')), 'DATA_DIR/db').to.equal('700');
    for (const name of ['jwt-secret', LOCK_FILE, FERRETDB_PID_FILE]) expect(modeOf(path.join(dataDir, name)), name).to.equal('600');
    const dbFiles = fs.readdirSync(path.join(dataDir, 'db'));
    expect(dbFiles.some((f) => f.endsWith('.sqlite')), 'SQLite files under DATA_DIR/db').to.equal(true);
    for (const name of dbFiles) expect(modeOf(path.join(dataDir, 'db', name)), `db/${name}`).to.equal('600');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid).to.equal(first.process.pid);

    email = (await registerOrg(new Client(first.url), 'ENTERPRISE', { password: PASSWORD })).email;
  });

  it('a second server on the same DATA_DIR refuses to start with a clear message and a non-zero exit', async () => {
    const refused = await tryStartServer(embeddedEnv(dataDir));
    expect(refused.server, 'the second server must not start').to.equal(undefined);
    await refused.server?.stop('SIGKILL');
    expect(refused.code).to.equal(1);
    expect(refused.output).to.match(new RegExp(`Cannot start: DATA_DIR ${dataDir} is in use by another server \\(pid ${first!.process.pid} `));
    expect(refused.output).not.to.match(/\n\s+at /); // no stack trace
    // The first one is untouched: still serving, same FerretDB, lock still its own.
    expect(isRunning(firstFerret)).to.equal(true);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid).to.equal(first!.process.pid);
    await new Client(first!.url).ok(LOGIN, { email, password: PASSWORD });
  });

  it('kill -9 of the server: its FerretDB is gone within a few seconds', async () => {
    const port = JSON.parse(fs.readFileSync(path.join(dataDir, FERRETDB_PID_FILE), 'utf8')).port;
    expect(await first!.stop('SIGKILL')).to.equal(null);
    first = undefined;
    expect(await waitForExit(firstFerret, 10_000), `FerretDB pid ${firstFerret} still running after its server was killed`).to.equal(true);
    expect(await canConnect(port), 'nothing serves the old FerretDB port').to.equal(false);
  });

  it('the stale lock of the killed server does not block the next one, which has every acknowledged write', async () => {
    const started = await tryStartServer(embeddedEnv(dataDir, { LOG_LEVEL: 'info' }));
    expect(started.server, started.output).to.not.equal(undefined);
    second = started.server!;
    expect(started.output).to.match(/took over the DATA_DIR lock of a server that no longer runs/);
    const { login } = await new Client(second.url).ok(LOGIN, { email, password: PASSWORD });
    expect(login.user.email).to.equal(email);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid).to.equal(second.process.pid);

    expect(await second.stop('SIGTERM')).to.equal(0);
    second = undefined;
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE)), 'a clean stop releases the lock').to.equal(false);
    expect(fs.existsSync(path.join(dataDir, FERRETDB_PID_FILE)), 'and removes the FerretDB pid file').to.equal(false);
  });
});

describe('a FerretDB left running on DATA_DIR by an older server', function () {
  this.timeout(120_000);
  const root = tempDir('stale');
  const dataDir = path.join(root, 'data');
  let server: ServerHandle | undefined;

  after(async () => {
    await server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('is stopped before the new server starts its own; a DATA_DIR readable by others is made private', async () => {
    fs.mkdirSync(path.join(dataDir, 'db'), { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    // What an older server left behind: a FerretDB that does not watch its parent, on our files,
    // detached from us, with its pid file.
    const bin = ensureFerretBinary(() => undefined, process.env.FERRETDB_BIN);
    const port = await freePort();
    const orphan = track(
      spawn(bin, ['-listen-addr', `127.0.0.1:${port}`, '-handler', 'sqlite', '-sqlite-url', `file:${path.join(dataDir, 'db')}/`, '-log-level', 'error'], {
        detached: true,
        stdio: 'ignore',
      }),
    );
    orphan.unref();
    expect(await eventually(() => canConnect(port), 20_000), 'the orphan FerretDB listens').to.equal(true);
    fs.writeFileSync(path.join(dataDir, FERRETDB_PID_FILE), JSON.stringify({ ...identityOf(orphan.pid!), bin, port }));

    const started = await tryStartServer(embeddedEnv(dataDir, { LOG_LEVEL: 'info' }));
    expect(started.server, started.output).to.not.equal(undefined);
    server = started.server!;
    expect(started.output).to.match(new RegExp(`"pid":${orphan.pid}.*stopped a FerretDB left running on this DATA_DIR`));
    expect(isRunning(orphan.pid!), 'the orphan is gone').to.equal(false);
    expect(ferretPidOf(dataDir)).to.not.equal(orphan.pid);
    expect(modeOf(dataDir)).to.equal('700');
    await registerOrg(new Client(server.url), 'ENTERPRISE');
  });
});
