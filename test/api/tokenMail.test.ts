// Secret tokens by mail (issue 14): with SMTP_URL set, an invitation and a password reset are
// mailed through the outbox to a real SMTP server on loopback, exactly once, and the mailed token
// works; an accepted invitation tells the inviting organization's admins in their inbox.
import { expect } from 'chai';
import { Client, INVITE, ACCEPT, registerOrg, uniqueEmail } from '../helpers/client';
import { inbox } from '../helpers/notifications';
import { eventually } from '../helpers/process';
import { startStack, type Stack } from '../helpers/stack';
import { TestSmtp, bodyText, type ReceivedMail } from '../helpers/smtp';

const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { token } }`;

function tokenIn(mail: ReceivedMail): string {
  const m = /令牌：([A-Za-z0-9_-]{20,})/.exec(bodyText(mail.raw));
  if (!m) throw new Error(`no token in the mail: ${bodyText(mail.raw)}`);
  return m[1]!;
}

describe('tokens by mail (invitation, password reset) and the invitation-accepted notification', function () {
  this.timeout(90_000);
  let smtp: TestSmtp;
  let stack: Stack;
  let anon: Client;

  before(async () => {
    smtp = await TestSmtp.start();
    stack = await startStack({ SMTP_URL: smtp.url, MAIL_POLL_MS: '100', MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '500' });
    anon = new Client(stack.server.url);
  });
  after(async () => {
    await stack?.stop();
    await smtp?.down();
  });

  it('an invitation is mailed once; its mailed token creates the member; the admins are told', async () => {
    const uni = await registerOrg(anon, 'UNIVERSITY');
    const email = uniqueEmail('invited');
    await uni.client.ok(INVITE, { email, role: 'MEMBER' });
    expect(await eventually(() => smtp.to(email).length > 0, 20_000)).to.equal(true);
    const mail = smtp.to(email);
    expect(mail).to.have.length(1);
    expect(mail[0]!.subject).to.contain('邀请您加入');
    const accepted = (await anon.ok(ACCEPT, { token: tokenIn(mail[0]!), name: '新同事', password: 'a-long-password-1' })).acceptInvitation;
    expect(accepted.user.organization.id).to.equal(uni.orgId);
    const kinds = (await inbox(uni.client)).map((n) => n.kind);
    expect(kinds).to.include('INVITATION_ACCEPTED');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(email)).to.have.length(1); // not sent twice
  });

  it('a password reset is mailed once; the mailed token resets the password and old tokens fail', async () => {
    const org = await registerOrg(anon, 'ENTERPRISE');
    expect((await anon.ok(REQUEST, { e: org.email })).requestPasswordReset).to.equal(true);
    expect(await eventually(() => smtp.to(org.email).some((m) => m.subject.includes('重置密码')), 20_000)).to.equal(true);
    const resets = smtp.to(org.email).filter((m) => m.subject.includes('重置密码'));
    expect(resets).to.have.length(1);
    const fresh = (await anon.ok(RESET, { t: tokenIn(resets[0]!), p: 'a-brand-new-password-9' })).resetPassword;
    expect(fresh.token).to.be.a('string');
    await org.client.fails(`{ me { id } }`, {}, 'UNAUTHENTICATED');
    // Unknown addresses get the same answer and no mail.
    const nobody = uniqueEmail('nobody');
    expect((await anon.ok(REQUEST, { e: nobody })).requestPasswordReset).to.equal(true);
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.to(nobody)).to.have.length(0);
  });
});
