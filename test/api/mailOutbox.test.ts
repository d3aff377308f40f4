// Mail delivery through the outbox (issue 14, point 4), against a real SMTP server on loopback:
// an SMTP outage delays mail but fails no mutation, and every mail arrives once when the server
// comes back; two API processes on one database, each running the mail worker, still send each
// mail once; a process that dies after claiming a mail leaves it to the next process after the
// lease; a process that dies after the SMTP server accepted a mail but before marking it SENT
// makes it go out a second time with the same Message-ID (the documented at-least-once point).
import { expect } from 'chai';
import net from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { Client, registerOrg, signInAdmin, type Registered } from '../helpers/client';
import { dbConnection } from '../helpers/deals';
import { ended } from '../helpers/crash';
import { eventually } from '../helpers/process';
import { freePort } from '../../server/embeddedDb';
import { ADMIN_EMAIL, ADMIN_PASSWORD, JWT_SECRET, startServer, startStack, tempDir, type ServerHandle, type Stack } from '../helpers/stack';
import { TestSmtp } from '../helpers/smtp';
import { inbox } from '../helpers/notifications';

const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { id verified } }`;

/** Mail settings that make retries and leases short enough for a test run. */
function mailEnv(smtp: TestSmtp, extra: Record<string, string> = {}): Record<string, string> {
  return { SMTP_URL: smtp.url, MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '50', MAIL_RETRY_MAX_MS: '300', MAIL_MAX_ATTEMPTS: '1000', FERRETDB_LEASE: 'false', ...extra };
}

/** Another API process on the stack's database (the environment startStack gives its own). */
function serverOn(stack: Stack, env: Record<string, string>): Promise<ServerHandle> {
  return startServer({
    NODE_ENV: 'test',
    DATA_DIR: path.join(tempDir('mail-second'), 'data'),
    MONGODB_URI: stack.db.uri,
    DB_TIMEOUT_MS: '1500',
    JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DEMO_DATA: 'false',
    ...env,
  });
}

async function drained(db: mongoose.Connection, timeoutMs = 30_000): Promise<void> {
  const ok = await eventually(async () => (await db.collection('mailoutboxes').countDocuments({ status: { $ne: 'SENT' } })) === 0, timeoutMs);
  expect(ok, 'the outbox still holds unsent mail').to.equal(true);
}

/** Registers `n` insurers through `via` and has the regulator verify each through `regulatorVia(i)`. */
async function verifiedOrgs(via: Client, regulatorVia: (i: number) => Client, n: number): Promise<Registered[]> {
  const orgs: Registered[] = [];
  for (let i = 0; i < n; i++) {
    const org = await registerOrg(via, 'INSURER', { name: `鹤岗测试保险机构${i}` });
    const res = await regulatorVia(i).ok(VERIFY, { id: org.orgId });
    expect(res.verifyOrganization.verified).to.equal(true);
    orgs.push(org);
  }
  return orgs;
}

describe('mail outbox', function () {
  this.timeout(180_000);

  describe('while the SMTP server is down', () => {
    let smtp: TestSmtp;
    let stack: Stack;
    let db: mongoose.Connection;
    after(async () => {
      await db?.close();
      await stack?.stop();
      await smtp?.down();
    });

    it('mutations succeed and notifications appear; retries back off; each mail arrives once after the server is back on the same port', async () => {
      smtp = await TestSmtp.start();
      await smtp.down();
      stack = await startStack(mailEnv(smtp));
      db = await dbConnection(stack);
      const anon = new Client(stack.server.url);
      const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
      const orgs = await verifiedOrgs(anon, () => regulator, 4);
      for (const o of orgs) expect((await inbox(o.client)).map((n) => n.kind)).to.deep.equal(['ORGANIZATION_VERIFIED']);

      // The worker keeps trying (attempts grow, the delay doubles up to the cap) and gives none up.
      expect(await eventually(async () => (await db.collection('mailoutboxes').countDocuments({ attempts: { $lt: 3 } })) === 0, 30_000)).to.equal(true);
      const waiting = await db.collection('mailoutboxes').find({}).toArray();
      expect(waiting.map((m) => m.status)).to.deep.equal(['PENDING', 'PENDING', 'PENDING', 'PENDING']);
      expect(waiting.every((m) => typeof m.lastError === 'string' && m.lastError.length > 0)).to.equal(true);
      expect(smtp.received).to.have.length(0);

      await smtp.up();
      await drained(db);
      for (const o of orgs) expect(smtp.to(o.email), o.email).to.have.length(1);
      expect(smtp.received).to.have.length(4);
      // Still once a few polls later.
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received).to.have.length(4);
    });
  });

  describe('an SMTP server that accepts connections and never answers', () => {
    let stack: Stack | undefined;
    let hole: net.Server | undefined;
    const sockets = new Set<net.Socket>();
    after(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (hole ? hole.close(() => r()) : r()));
      await stack?.stop();
    });

    it('holds up no mutation while a send hangs, and the server still shuts down cleanly', async () => {
      const port = await freePort();
      hole = net.createServer((s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((r) => hole!.listen(port, '127.0.0.1', () => r()));
      const smtpUrl = `smtp://127.0.0.1:${port}`;
      stack = await startStack({ SMTP_URL: smtpUrl, MAIL_POLL_MS: '50', MAIL_SEND_TIMEOUT_MS: '60000', MAIL_LEASE_MS: '600000', FERRETDB_LEASE: 'false' });
      const anon = new Client(stack.server.url);
      const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
      const first = await registerOrg(anon, 'INSURER');
      await regulator.ok(VERIFY, { id: first.orgId });
      expect(await eventually(() => sockets.size > 0, 10_000), 'the worker connects to the silent server').to.equal(true);
      // The worker is stuck in that send (its timeout is a minute); mutations answer all the same.
      const more = await verifiedOrgs(anon, () => regulator, 3);
      expect(sockets.size).to.be.greaterThan(0);
      for (const o of [first, ...more]) expect((await inbox(o.client)).map((n) => n.kind)).to.deep.equal(['ORGANIZATION_VERIFIED']);
      // Shutdown waits a short grace for the hung send, then stops: exit code 0, not the forced exit.
      expect(await stack.server.stop()).to.equal(0);
    });
  });

  describe('two API processes on one database', () => {
    let smtp: TestSmtp;
    let stack: Stack;
    let second: ServerHandle | undefined;
    let db: mongoose.Connection;
    after(async () => {
      await db?.close();
      await second?.stop();
      await stack?.stop();
      await smtp?.down();
    });

    it('each running the mail worker: every mail arrives exactly once', async () => {
      smtp = await TestSmtp.start();
      await smtp.down(); // mail piles up, then both workers race for the same due mails
      stack = await startStack(mailEnv(smtp));
      second = await serverOn(stack, mailEnv(smtp));
      db = await dbConnection(stack);
      const a = new Client(stack.server.url);
      const b = new Client(second.url);
      const regA = await signInAdmin(a, ADMIN_EMAIL, ADMIN_PASSWORD);
      const regB = await signInAdmin(b, ADMIN_EMAIL, ADMIN_PASSWORD);
      const orgs = await verifiedOrgs(a, (i) => (i % 2 ? regA : regB), 12);
      await smtp.up();
      await drained(db);
      await new Promise((r) => setTimeout(r, 500));
      for (const o of orgs) expect(smtp.to(o.email), o.email).to.have.length(1);
      expect(smtp.received).to.have.length(12);
      expect([...smtp.countsByOutboxId().values()].every((n) => n === 1)).to.equal(true);
      const sentBy = await db.collection('mailattempts').aggregate([{ $match: { outcome: 'SENT' } }, { $group: { _id: '$by', n: { $sum: 1 } } }]).toArray();
      console.log(`      mails sent per API process: ${sentBy.map((s) => s.n).join(' + ')}`);
      expect(sentBy.reduce((t, s) => t + s.n, 0)).to.equal(12);
    });
  });

  describe('a process that dies mid-send', () => {
    let smtp: TestSmtp;
    let stack: Stack;
    let later: ServerHandle | undefined;
    let db: mongoose.Connection;
    after(async () => {
      await db?.close();
      await later?.stop();
      await stack?.stop();
      await smtp?.down();
    });
    const short = { MAIL_LEASE_MS: '1500', MAIL_SEND_TIMEOUT_MS: '500' };

    it('after claiming: the next process sends the mail once the lease has passed; after sending: it goes out again with the same Message-ID', async () => {
      smtp = await TestSmtp.start();
      stack = await startStack(mailEnv(smtp, { ...short, FAULT_INJECT: 'mail.afterClaim' }));
      db = await dbConnection(stack);
      let client = new Client(stack.server.url);
      let regulator = await signInAdmin(client, ADMIN_EMAIL, ADMIN_PASSWORD);
      const x = await registerOrg(client, 'INSURER');
      await regulator.ok(VERIFY, { id: x.orgId }); // the mutation answers; the worker then dies claiming its mail
      expect(await ended(stack.server)).to.equal('SIGKILL');
      expect(smtp.received).to.have.length(0);

      later = await serverOn(stack, mailEnv(smtp, short));
      await drained(db);
      expect(smtp.to(x.email)).to.have.length(1);
      const attempts = await db.collection('mailattempts').find({}).sort({ attempt: 1 }).toArray();
      expect(attempts.map((t) => [t.attempt, t.outcome])).to.deep.equal([
        [1, 'SENDING'], // the claim of the process that died
        [2, 'SENT'],
      ]);
      await later.stop();

      later = await serverOn(stack, mailEnv(smtp, { ...short, FAULT_INJECT: 'mail.afterSend' }));
      client = new Client(later.url);
      regulator = await signInAdmin(client, ADMIN_EMAIL, ADMIN_PASSWORD);
      const y = await registerOrg(client, 'INSURER');
      await regulator.ok(VERIFY, { id: y.orgId });
      expect(await ended(later)).to.equal('SIGKILL');
      expect(smtp.to(y.email)).to.have.length(1);

      later = await serverOn(stack, mailEnv(smtp, short));
      await drained(db);
      const ys = smtp.to(y.email);
      expect(ys).to.have.length(2); // the known at-least-once point (docs/notifications.md)
      expect(ys[0]!.messageId).to.equal(ys[1]!.messageId);
      expect(smtp.to(x.email)).to.have.length(1);
    });
  });
});
