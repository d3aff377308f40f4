// Notifications (issue 14, point 4): each event tells the users of the organization concerned, and
// nobody else; each user reads and marks only their own inbox; with SMTP_URL each notification is
// also mailed (a real SMTP server on loopback), exactly once.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { hashPassword } from '../../services/identity/passwords';
import { todayInShanghai } from '../../services/rules/calendar';
import { Client, LOGIN, registerOrg, registerVerified, signInAdmin, uniqueEmail } from '../helpers/client';
import { ACCEPT, CANCEL, PAY, WEBHOOK_SECRET, dbConnection, deliver, intentEvent, propose, sellerWithListing } from '../helpers/deals';
import { APPLY, CREATE_PRODUCT, DEFAULT_PRODUCT, REGISTER, RELEASE, REVIEW, VALUATION, approverOf, createAsset, todayRegistrationInput } from '../helpers/financing';
import { eventually } from '../helpers/process';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startStack, type Stack } from '../helpers/stack';
import { startStripeMock, type StripeMock } from '../helpers/stripeMock';
import { TestSmtp, bodyText } from '../helpers/smtp';
import { INBOX, MARK, inbox } from '../helpers/notifications';
import { touchMirrors } from '../helpers/mirrors';

const kinds = async (client: Client) => (await inbox(client)).map((n) => n.kind).sort();

/** A second user of the organization (the members feature is another branch: created in the database). */
async function colleague(db: mongoose.Connection, stackUrl: string, orgId: string): Promise<{ client: Client; email: string; userId: string }> {
  const email = uniqueEmail('colleague');
  const password = 'colleague-password-123';
  const res = await db.collection('users').insertOne({
    email,
    name: '同事',
    passwordHash: await hashPassword(password),
    role: 'MEMBER',
    organization: new mongoose.Types.ObjectId(orgId),
    demo: false,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await touchMirrors(db, 'users');
  const anon = new Client(stackUrl);
  const token = (await anon.ok(LOGIN, { email, password })).login.token;
  return { client: anon.as(token), email, userId: String(res.insertedId) };
}

describe('notifications', function () {
  this.timeout(120_000);
  let smtp: TestSmtp;
  let stripe: StripeMock;
  let stack: Stack;
  let db: mongoose.Connection;
  let anon: Client;
  let regulator: Client;

  before(async () => {
    smtp = await TestSmtp.start();
    stripe = await startStripeMock();
    stack = await startStack({
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '100',
      MAIL_RETRY_BASE_MS: '100',
      MAIL_RETRY_MAX_MS: '500',
    });
    db = await dbConnection(stack);
    anon = new Client(stack.server.url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  after(async () => {
    await db?.close();
    await stack?.stop();
    await stripe?.stop();
    await smtp?.down();
  });

  /** Waits until the outbox has nothing left to send. */
  async function outboxDrained(): Promise<void> {
    expect(await eventually(async () => (await db.collection('mailoutboxes').countDocuments({ status: { $ne: 'SENT' } })) === 0, 20_000)).to.equal(true);
  }

  it('an inquiry message tells every user of the other side, not the writer’s side nor a stranger; replies go back', async () => {
    const l = await sellerWithListing(anon);
    const mate = await colleague(db, stack.server.url, l.seller.orgId);
    const asker = await registerOrg(anon, 'ENTERPRISE', { name: '鹤岗石墨新材料有限公司' });
    const stranger = await registerOrg(anon, 'ENTERPRISE');
    const inq = (await asker.client.ok(`mutation($l: ID!) { sendInquiry(listingId: $l, dealType: LICENSE, message: "请问许可费可否分期？") { id } }`, { l: l.listingId })).sendInquiry;

    for (const c of [l.seller.client, mate.client]) {
      const notes = await inbox(c);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.include({ kind: 'INQUIRY_MESSAGE', objectType: 'Inquiry', objectId: inq.id, read: false });
      expect(notes[0].title).to.contain('鹤岗石墨新材料有限公司').and.contain('一种高纯石墨提纯方法');
      expect(notes[0].summary).to.contain('请问许可费可否分期');
      expect(notes[0].organization.id).to.equal(l.seller.orgId);
    }
    expect(await inbox(asker.client)).to.deep.equal([]);
    expect(await inbox(stranger.client)).to.deep.equal([]);

    await mate.client.ok(`mutation($id: ID!) { replyToInquiry(inquiryId: $id, message: "可以，分两期。") { id } }`, { id: inq.id });
    const back = await inbox(asker.client);
    expect(back.map((n) => [n.kind, n.objectId])).to.deep.equal([['INQUIRY_MESSAGE', inq.id]]);
    expect(back[0].summary).to.contain('可以，分两期');
    expect(await inbox(l.seller.client)).to.have.length(1); // their own side’s reply is not news to them
    expect(await inbox(stranger.client)).to.deep.equal([]);
  });

  it('a deal proposed tells the seller, accepted tells the buyer, cancelled tells the other side', async () => {
    const l = await sellerWithListing(anon);
    const b = await registerOrg(anon, 'ENTERPRISE');
    const deal = await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '30000.00' });
    expect(await kinds(l.seller.client)).to.deep.equal(['DEAL_PROPOSED']);
    expect(await kinds(b.client)).to.deep.equal([]);
    const proposed = (await inbox(l.seller.client))[0];
    expect(proposed).to.include({ objectType: 'Deal', objectId: deal.id });
    expect(proposed.summary).to.contain('30000.00');

    await l.seller.client.ok(ACCEPT, { id: deal.id });
    expect(await kinds(b.client)).to.deep.equal(['DEAL_ACCEPTED']);
    expect(await kinds(l.seller.client)).to.deep.equal(['DEAL_PROPOSED']);

    await b.client.ok(CANCEL, { id: deal.id, reason: '预算调整' });
    expect(await kinds(l.seller.client)).to.deep.equal(['DEAL_CANCELLED', 'DEAL_PROPOSED']);
    expect(await kinds(b.client)).to.deep.equal(['DEAL_ACCEPTED']);
    const cancelled = (await inbox(l.seller.client)).find((n) => n.kind === 'DEAL_CANCELLED');
    expect(cancelled.summary).to.contain('预算调整');

    // Cancelled by the seller: the buyer is told.
    const second = await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 6, price: '10000.00' });
    await l.seller.client.ok(CANCEL, { id: second.id });
    const buyerSide = await inbox(b.client);
    expect(buyerSide.filter((n) => n.kind === 'DEAL_CANCELLED').map((n) => n.objectId)).to.deep.equal([second.id]);
  });

  it('a deal paid and completed tells both sides once, also when Stripe delivers the event twice', async () => {
    const l = await sellerWithListing(anon);
    const b = await registerOrg(anon, 'ENTERPRISE');
    const stranger = await registerOrg(anon, 'ENTERPRISE');
    const deal = await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '42000.00' });
    await l.seller.client.ok(ACCEPT, { id: deal.id });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 4_200_000 });
    expect((await deliver(stack.server.url, event)).body.outcome).to.equal('applied');
    expect((await deliver(stack.server.url, event)).status).to.equal(200); // a duplicate delivery
    for (const c of [b.client, l.seller.client]) {
      const notes = (await inbox(c)).filter((n) => n.objectId === deal.id && (n.kind === 'DEAL_PAID' || n.kind === 'DEAL_COMPLETED'));
      expect(notes.map((n) => n.kind).sort()).to.deep.equal(['DEAL_COMPLETED', 'DEAL_PAID']);
    }
    expect(await inbox(stranger.client)).to.deep.equal([]);
  });

  it('a pledge application submitted tells the bank, reviewed tells the applicant; a registration recorded or released tells the pledgor', async () => {
    const bank = await registerVerified(anon, regulator, 'BANK');
    const productId = (await bank.client.ok(CREATE_PRODUCT, { input: DEFAULT_PRODUCT })).createLoanProduct.id;
    const owner = await registerOrg(anon, 'ENTERPRISE', { name: '萝北石墨科技公司' });
    const otherBank = await registerVerified(anon, regulator, 'BANK');
    const before = { bank: (await inbox(bank.client)).length, other: (await inbox(otherBank.client)).length };
    const assetId = await createAsset(owner.client);
    const applicationId = (
      await owner.client.ok(APPLY, { input: { productId, assetIds: [assetId], requestedAmount: '3000000.00', termMonths: 12, valuation: VALUATION } })
    ).applyForPledgeLoan.id;
    const submitted = (await inbox(bank.client)).filter((n) => n.kind === 'APPLICATION_SUBMITTED');
    expect(submitted.map((n) => n.objectId)).to.deep.equal([applicationId]);
    expect(submitted[0].summary).to.contain('萝北石墨科技公司').and.contain('3000000.00');
    expect(await kinds(owner.client)).to.deep.equal([]);

    await bank.client.ok(REVIEW, { input: { applicationId, decision: 'START_REVIEW' } });
    await approverOf(bank).ok(REVIEW, { input: { applicationId, decision: 'APPROVE', approvedAmount: '2500000.00' } }); // four-eyes
    const reviewed = (await inbox(owner.client)).filter((n) => n.kind === 'APPLICATION_REVIEWED');
    expect(reviewed).to.have.length(2);
    expect(reviewed[0].summary).to.contain('已批准').and.contain('2500000.00');
    expect(reviewed.every((n) => n.objectId === applicationId)).to.equal(true);

    const input = todayRegistrationInput(applicationId, { securedAmount: '2500000.00' });
    const reg = (await bank.client.ok(REGISTER, { input })).recordPledgeRegistration;
    const recorded = (await inbox(owner.client)).filter((n) => n.kind === 'REGISTRATION_RECORDED');
    expect(recorded.map((n) => [n.objectType, n.objectId])).to.deep.equal([['PledgeRegistration', reg.id]]);
    expect(recorded[0].title).to.contain(input.registrationNumber);

    await bank.client.ok(RELEASE, { id: reg.id, releasedOn: todayInShanghai() });
    const released = (await inbox(owner.client)).filter((n) => n.kind === 'REGISTRATION_RELEASED');
    expect(released.map((n) => n.objectId)).to.deep.equal([reg.id]);
    // The bank hears of the submission only; another bank hears nothing.
    expect((await inbox(bank.client)).length - before.bank).to.equal(1);
    expect((await inbox(otherBank.client)).length).to.equal(before.other);
  });

  it('a verification decided tells that organization only', async () => {
    const insurer = await registerOrg(anon, 'INSURER', { name: '鹤岗保险公司' });
    const mate = await colleague(db, stack.server.url, insurer.orgId);
    const other = await registerOrg(anon, 'INSURER');
    await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: insurer.orgId });
    for (const c of [insurer.client, mate.client]) {
      const notes = await inbox(c);
      expect(notes.map((n) => [n.kind, n.objectType, n.objectId])).to.deep.equal([['ORGANIZATION_VERIFIED', 'Organization', insurer.orgId]]);
      expect(notes[0].title).to.contain('鹤岗保险公司');
    }
    expect(await inbox(other.client)).to.deep.equal([]);
    expect(await inbox(regulator)).to.deep.equal([]);
  });

  it('a notification that cannot be written fails no mutation: it is logged, and the other users are still told', async () => {
    const org = await registerOrg(anon, 'INSURER');
    // A user document the notification cannot refer to (its _id is not an ObjectId): a real write failure.
    await db.collection('users').insertOne({ _id: 'not-an-object-id' as never, email: uniqueEmail('broken'), name: '损坏', role: 'MEMBER', organization: new mongoose.Types.ObjectId(org.orgId) });
    await touchMirrors(db, 'users');
    const res = await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id verified } }`, { id: org.orgId });
    expect(res.verifyOrganization.verified).to.equal(true);
    expect((await inbox(org.client)).map((n) => n.kind)).to.deep.equal(['ORGANIZATION_VERIFIED']);
    expect(await eventually(() => stack.server.output().includes('could not write a notification; the change itself stands'), 5000)).to.equal(true);
    await db.collection('users').deleteOne({ _id: 'not-an-object-id' as never });
    await touchMirrors(db, 'users');
  });

  it('each user reads and marks only their own notifications; pages and unread counts follow', async () => {
    const org = await registerOrg(anon, 'INSURER');
    const mate = await colleague(db, stack.server.url, org.orgId);
    const stranger = await registerOrg(anon, 'INSURER');
    for (let i = 0; i < 3; i++) await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: org.orgId });
    const mine = await inbox(org.client);
    expect(mine).to.have.length(3);
    const page1 = (await org.client.ok(INBOX, { first: 2 })).notifications;
    expect(page1.unreadCount).to.equal(3);
    expect(page1.edges).to.have.length(2);
    expect(page1.pageInfo.hasNextPage).to.equal(true);
    const page2 = (await org.client.ok(INBOX, { first: 2, after: page1.pageInfo.endCursor })).notifications;
    expect(page2.edges.map((e: any) => e.node.id)).to.deep.equal([mine[2].id]);
    expect(page2.pageInfo.hasNextPage).to.equal(false);

    // A stranger cannot mark them (ignored, nothing changes), nor see them.
    expect((await stranger.client.ok(MARK, { ids: mine.map((n) => n.id) })).markNotificationsRead).to.equal(0);
    expect((await org.client.ok(INBOX, {})).notifications.unreadCount).to.equal(3);
    // The colleague's copies are their own: marking them leaves the first user's unread.
    expect((await mate.client.ok(MARK, {})).markNotificationsRead).to.equal(3);
    expect((await mate.client.ok(INBOX, {})).notifications.unreadCount).to.equal(0);
    expect((await org.client.ok(INBOX, {})).notifications.unreadCount).to.equal(3);

    expect((await org.client.ok(MARK, { ids: [mine[0].id] })).markNotificationsRead).to.equal(1);
    expect((await org.client.ok(MARK, { ids: [mine[0].id] })).markNotificationsRead).to.equal(0); // already read
    const unread = (await org.client.ok(INBOX, { unreadOnly: true })).notifications;
    expect(unread.unreadCount).to.equal(2);
    expect(unread.edges.map((e: any) => e.node.id)).to.deep.equal([mine[1].id, mine[2].id]);
    const read = (await inbox(org.client)).find((n) => n.id === mine[0].id);
    expect(read.read).to.equal(true);
    expect(read.readAt).to.be.a('string');

    // Bad input: a clear error naming the field, nothing changed.
    await org.client.fails(MARK, { ids: [mine[1].id, 'not-an-id'] }, 'BAD_USER_INPUT', 'ids.1');
    await org.client.fails(INBOX, { first: 0 }, 'BAD_USER_INPUT', 'first');
    await org.client.fails(INBOX, { after: 'garbage' }, 'BAD_USER_INPUT', 'after');
    expect((await org.client.ok(INBOX, {})).notifications.unreadCount).to.equal(2);
    await anon.fails(INBOX, {}, 'UNAUTHENTICATED');
    await anon.fails(MARK, {}, 'UNAUTHENTICATED');
  });

  it('mails every notification to its recipient exactly once, in Chinese, with the organization and object names', async () => {
    const org = await registerOrg(anon, 'BANK', { name: '龙江银行鹤岗分行测试' });
    const mate = await colleague(db, stack.server.url, org.orgId);
    await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: org.orgId });
    await outboxDrained();
    for (const email of [org.email, mate.email]) {
      const mails = smtp.to(email);
      expect(mails, email).to.have.length(1);
      expect(mails[0]!.subject).to.equal('【鹤岗市知识产权运营平台】龙江银行鹤岗分行测试已通过市知识产权局认证');
      const body = bodyText(mails[0]!.raw);
      expect(body).to.contain('机构：龙江银行鹤岗分行测试');
      expect(body).to.contain(`编号 ${org.orgId}`);
      expect(mails[0]!.raw).to.match(/text\/plain/).and.match(/text\/html/);
    }
    // Over the whole run: no mail arrived twice.
    const twice = [...smtp.countsByOutboxId()].filter(([, n]) => n > 1);
    expect(twice).to.deep.equal([]);
    const notified = await db.collection('notifications').countDocuments({});
    // Besides notifications, the run mails invitation tokens (banks get an APPROVER by invitation).
    const notificationMails = smtp.received.filter((m) => !/邀请您加入|重置密码/.test(m.subject));
    expect(notificationMails.length).to.equal(notified);
  });
});

