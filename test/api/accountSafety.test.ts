// Account safety (issue 14, point 2): change and reset a password, sign out everywhere; each makes
// every earlier token fail with UNAUTHENTICATED at once. Reset tokens are single use and expire.
// The reset token reaches the test through TEST_CAPTURE_TOKENS_DIR (NODE_ENV=test only).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { Client, LOGIN, registerOrg, signInAdmin, uniqueEmail } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startStack, type Stack } from '../helpers/stack';
import { sharedStack } from '../helpers/hooks';
import { countDocs } from '../helpers/financing';

const ME = `{ me { id email } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) { token user { id } } }`;
const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { token user { id email } } }`;
const LOGOUT = `mutation { logoutEverywhere }`;

async function expectSignedOut(client: Client): Promise<void> {
  const res = await client.raw(ME);
  expect(res.errors?.[0]?.extensions?.code).to.equal('UNAUTHENTICATED');
}

/** Waits for the reset token the server hands to the delivery seam (written after the answer). */
async function capturedResetToken(stack: Stack, email: string, notEqual?: string): Promise<string> {
  const file = path.join(stack.tmp, 'tokens', `password-reset-${email}.token`);
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file)) {
      const token = fs.readFileSync(file, 'utf8');
      if (token !== notEqual) return token;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no reset token captured for ${email}`);
}

describe('account safety', function () {
  this.timeout(120_000);
  let stack: Stack;
  let anon: Client;
  before(async () => {
    stack = await sharedStack();
    anon = new Client(stack.server.url);
  });

  it('changing the password invalidates every earlier token; the new token works', async () => {
    const org = await registerOrg(anon, 'ENTERPRISE');
    const second = anon.as((await anon.ok(LOGIN, { email: org.email, password: 'correct-horse-battery' })).login.token);
    await org.client.fails(CHANGE, { c: 'wrong-password-here', n: 'another-long-password' }, 'BAD_USER_INPUT', 'current');
    await org.client.fails(CHANGE, { c: 'correct-horse-battery', n: 'short' }, 'BAD_USER_INPUT', 'next');
    await org.client.fails(CHANGE, { c: 'correct-horse-battery', n: 'qwertyuiop' }, 'BAD_USER_INPUT', 'next');
    await org.client.ok(ME); // nothing changed so far
    const changed = (await org.client.ok(CHANGE, { c: 'correct-horse-battery', n: 'another-long-password' })).changePassword;
    await expectSignedOut(org.client);
    await expectSignedOut(second);
    expect((await anon.as(changed.token).ok(ME)).me.id).to.equal(org.userId);
    await anon.fails(LOGIN, { email: org.email, password: 'correct-horse-battery' }, 'UNAUTHENTICATED');
    await anon.ok(LOGIN, { email: org.email, password: 'another-long-password' });
  });

  it('logoutEverywhere ends every session of the user only', async () => {
    const org = await registerOrg(anon, 'UNIVERSITY');
    const other = await registerOrg(anon, 'UNIVERSITY');
    expect((await org.client.ok(LOGOUT)).logoutEverywhere).to.equal(true);
    await expectSignedOut(org.client);
    await other.client.ok(ME);
    await anon.ok(LOGIN, { email: org.email, password: 'correct-horse-battery' });
  });

  it('a password reset: same answer for any address, single-use token, old tokens fail', async () => {
    const org = await registerOrg(anon, 'ENTERPRISE');
    const unknown = await anon.raw(REQUEST, { e: uniqueEmail('nobody') });
    const known = await anon.raw(REQUEST, { e: org.email });
    expect(known).to.deep.equal(unknown);
    expect(known.data).to.deep.equal({ requestPasswordReset: true });
    const token = await capturedResetToken(stack, org.email);
    expect(await countDocs('passwordResets', { tokenHash: token })).to.equal(0); // stored hashed only

    await anon.fails(RESET, { t: token, p: 'short' }, 'BAD_USER_INPUT', 'password');
    const reset = (await anon.ok(RESET, { t: token, p: 'a-brand-new-password' })).resetPassword;
    expect(reset.user.id).to.equal(org.userId);
    await expectSignedOut(org.client);
    await anon.as(reset.token).ok(ME);
    const again = await anon.fails(RESET, { t: token, p: 'yet-another-password' }, 'BAD_USER_INPUT', 'token');
    expect(again.message).to.contain('already been used');
    await anon.ok(LOGIN, { email: org.email, password: 'a-brand-new-password' });
    await anon.fails(RESET, { t: 'A'.repeat(43), p: 'yet-another-password' }, 'BAD_USER_INPUT', 'token');
    await anon.fails(RESET, { t: 'nonsense', p: 'yet-another-password' }, 'BAD_USER_INPUT', 'token');
  });

  it('on a stack with PASSWORD_RESET_TTL_SECONDS=1: a reset token expires; the bootstrap admin changes its password', async () => {
    const s = await startStack({ PASSWORD_RESET_TTL_SECONDS: '1' });
    const conn = mongoose.createConnection(s.db.uri);
    try {
      const a = new Client(s.server.url);
      const org = await registerOrg(a, 'ENTERPRISE');
      await a.ok(REQUEST, { e: org.email });
      const token = await capturedResetToken(s, org.email);
      // Wait until the expiry the server stored has passed (read from the database, not a guessed delay).
      await conn.asPromise();
      const stored = await conn.collection('passwordResets').findOne({ user: new mongoose.Types.ObjectId(org.userId) });
      while (Date.now() <= (stored!.expiresAt as Date).getTime() + 50) await new Promise((r) => setTimeout(r, 100));
      const err = await a.fails(RESET, { t: token, p: 'a-brand-new-password' }, 'BAD_USER_INPUT', 'token');
      expect(err.message).to.contain('expired');
      await org.client.ok(ME); // nothing changed
      await a.ok(LOGIN, { email: org.email, password: 'correct-horse-battery' });

      const admin = await signInAdmin(a, ADMIN_EMAIL, ADMIN_PASSWORD);
      await admin.ok(CHANGE, { c: ADMIN_PASSWORD, n: 'the-new-admin-password' });
      await expectSignedOut(admin);
      await a.ok(LOGIN, { email: ADMIN_EMAIL, password: 'the-new-admin-password' });
    } finally {
      await conn.close();
      await s.stop();
    }
  });
});
