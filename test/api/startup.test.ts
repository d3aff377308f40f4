// `npm start` with no configuration: the server starts its own FerretDB under DATA_DIR, creates the
// city IP office admin and the demo data once, and stops FerretDB on SIGTERM. Bad configuration
// stops it with one line per bad variable.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { mongo } from 'mongoose';
import { canConnect } from '../../server/embeddedDb';
import { projectRoot } from '../../server/paths';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../scripts/demo/organizations';
import { startServer, tempDir, type ServerHandle } from '../helpers/stack';
import { runToExit } from '../helpers/process';
import { Client, LOGIN, REGISTER, uniqueEmail } from '../helpers/client';

const ADMIN_LINE = /City IP office admin created: (\S+) \/ (\S+)/;

function embeddedPort(output: string): number {
  const m = /"uri":"mongodb:\/\/127\.0\.0\.1:(\d+)\/hegang".*embedded FerretDB/.exec(output);
  if (!m) throw new Error(`no embedded FerretDB line in:\n${output}`);
  return Number(m[1]);
}

/** Counts straight from the embedded database (read-only), to prove nothing was added twice. */
async function countDocuments(port: number): Promise<{ organizations: number; users: number; demoOrganizations: number; regulators: number }> {
  const client = new mongo.MongoClient(`mongodb://127.0.0.1:${port}/hegang`, { serverSelectionTimeoutMS: 5000 });
  try {
    const db = client.db('hegang');
    return {
      organizations: await db.collection('organizations').countDocuments(),
      users: await db.collection('users').countDocuments(),
      demoOrganizations: await db.collection('organizations').countDocuments({ demo: true }),
      regulators: await db.collection('organizations').countDocuments({ kind: 'REGULATOR' }),
    };
  } finally {
    await client.close();
  }
}

/** Runs the server until it exits by itself (it must, on bad configuration). */

describe('start-up with the embedded database and demo data (no MONGODB_URI)', function () {
  this.timeout(120_000);
  const dataDir = tempDir('startup');
  let server: ServerHandle | undefined;
  let firstPort = 0;
  let adminPassword = '';
  let demoToken = '';

  after(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('first start: FerretDB under DATA_DIR, the admin with a password printed once, the demo data', async () => {
    server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    firstPort = embeddedPort(server.output());
    expect(await canConnect(firstPort)).to.equal(true);

    const admin = ADMIN_LINE.exec(server.output());
    expect(admin, 'the generated admin password is printed').to.not.equal(null);
    expect(admin![1]).to.equal('admin@ip.hegang.gov.cn');
    adminPassword = admin![2]!;

    const anon = new Client(server.url);
    const { login } = await anon.ok(LOGIN, { email: 'tto@hgsz.demo.cn', password: DEMO_PASSWORD });
    demoToken = login.token;
    const { me } = await anon.as(demoToken).ok(`{ me { email organization { name kind verified } } }`);
    expect(me).to.deep.equal({ email: 'tto@hgsz.demo.cn', organization: { name: '鹤岗师范高等专科学校', kind: 'UNIVERSITY', verified: true } });

    const regulator = await anon.ok(LOGIN, { email: 'admin@ip.hegang.gov.cn', password: adminPassword });
    expect(regulator.login.user.organization.kind).to.equal('REGULATOR');

    expect(await countDocuments(firstPort)).to.deep.equal({ organizations: 7, users: 8, demoOrganizations: 6, regulators: 1 }); // 8 users: the admin and 7 demo users (the demo bank has two: four-eyes)
    expect(fs.existsSync(path.join(dataDir, 'jwt-secret')), 'JWT secret kept under DATA_DIR').to.equal(true);
    expect(fs.readdirSync(path.join(dataDir, 'db')).some((f) => f.endsWith('.sqlite')), 'SQLite files under DATA_DIR/db').to.equal(true);
  });

  it('every demo organization signs in with the demo password; the bank and insurer are verified', async () => {
    const anon = new Client(server!.url);
    for (const demo of DEMO_ORGS) {
      const { login } = await anon.ok(LOGIN, { email: demo.user.email, password: DEMO_PASSWORD });
      const { me } = await anon.as(login.token).ok(`{ me { organization { kind creditCode verified } } }`);
      expect(me.organization, demo.key).to.deep.equal({ kind: demo.kind, creditCode: demo.creditCode, verified: demo.verified });
    }
  });

  it('SIGTERM: exits 0 and stops its FerretDB', async () => {
    expect(await server!.stop('SIGTERM')).to.equal(0);
    server = undefined;
    expect(await canConnect(firstPort), 'FerretDB port still open after shutdown').to.equal(false);
  });

  it('second start on the same DATA_DIR adds nothing, prints no password, keeps the JWT secret', async () => {
    server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    expect(server.output()).not.to.match(ADMIN_LINE);
    const port = embeddedPort(server.output());
    expect(await countDocuments(port)).to.deep.equal({ organizations: 7, users: 8, demoOrganizations: 6, regulators: 1 });

    const anon = new Client(server.url);
    const { me } = await anon.as(demoToken).ok(`{ me { email } }`);
    expect(me.email, 'a token from the first run is still valid').to.equal('tto@hgsz.demo.cn');
    await anon.ok(LOGIN, { email: 'admin@ip.hegang.gov.cn', password: adminPassword });

    const university = DEMO_ORGS.find((d) => d.kind === 'UNIVERSITY')!;
    await anon.fails(
      REGISTER,
      { input: { email: uniqueEmail('copycat'), password: 'correct-horse-battery', name: 'x', organization: { name: 'x', kind: 'UNIVERSITY', creditCode: university.creditCode, county: 'XIANGYANG' } } },
      'CONFLICT',
    );

    expect(await server.stop('SIGINT')).to.equal(0);
    server = undefined;
    expect(await canConnect(port)).to.equal(false);
  });
});

describe('start-up with bad configuration', () => {
  it('PORT=abc and NODE_ENV=production without JWT_SECRET: exits 1 naming each variable', async () => {
    const dataDir = tempDir('badconfig');
    try {
      const { code, output } = await runToExit({ PORT: 'abc', NODE_ENV: 'production', DATA_DIR: dataDir });
      expect(code).to.equal(1);
      expect(output).to.match(/^\s+- PORT must be a whole number$/m);
      expect(output).to.match(/^\s+- JWT_SECRET is required when NODE_ENV=production$/m);
      expect(output).not.to.match(/\n\s+at /); // no stack trace
      expect(fs.readdirSync(dataDir)).to.deep.equal([]); // nothing was started or written
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('several bad values are all reported at once', async () => {
    const { code, output } = await runToExit({ PORT: '70000', DEMO_DATA: 'yes', MONGODB_URI: 'http://db', JWT_SECRET: 'short' });
    expect(code).to.equal(1);
    for (const name of ['PORT', 'DEMO_DATA', 'MONGODB_URI', 'JWT_SECRET']) expect(output).to.match(new RegExp(`^\\s+- ${name} `, 'm'));
  });

  it('a FERRETDB_BIN that does not exist: exits 1 saying so', async () => {
    const dataDir = tempDir('nobin');
    try {
      const { code, output } = await runToExit({ DATA_DIR: dataDir, FERRETDB_BIN: '/nonexistent/ferretdb', PORT: '0' });
      expect(code).to.equal(1);
      expect(output).to.match(/FERRETDB_BIN=\/nonexistent\/ferretdb does not exist/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
