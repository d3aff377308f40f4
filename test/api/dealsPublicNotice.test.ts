// 公示: a public institution's negotiated deal (促进科技成果转化法 art. 18) is publicly noticed for 15
// days from acceptance before it can be paid; anybody may object during the notice, the seller
// answers. The server's clock is moved forward through TEST_CLOCK_FILE.
import { expect } from 'chai';
import { Client, signInAdmin } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type Stack } from '../helpers/stack';
import { ACCEPT, PAY, PROPOSE, RECORD_TRANSFER, acceptedDeal, buyer, getDeal, paymentsStack, propose, sellerWithListing } from '../helpers/deals';
import { addDays, todayInShanghai } from '../../services/rules/calendar';

const NOTICES = `query($after: String) { publicNotices(after: $after) { id title price type licenseType termMonths startsOn endsOn inForce objectionCount seller { id } buyer { id } objections { id reason answer by { id } } } }`;
const OBJECT = `mutation($n: ID!, $reason: String!) { fileNoticeObjection(noticeId: $n, reason: $reason) { id reason answer by { id } } }`;
const ANSWER = `mutation($n: ID!, $o: ID!, $answer: String!) { answerNoticeObjection(noticeId: $n, objectionId: $o, answer: $answer) { id objectionCount objections { id answer } } }`;
const KINDS = `{ notifications(first: 50) { edges { node { kind objectId } } } }`;

describe('public notice (公示) of universities’ negotiated deals', () => {
  let anon: Client;
  let stack: Stack;

  before(async function () {
    this.timeout(120_000);
    stack = (await paymentsStack()).stack;
    anon = new Client(stack.server.url);
  });
  afterEach(() => stack.shiftClockDays(0));

  const notices = async (client: Client) => (await client.ok(NOTICES)).publicNotices as any[];

  it('holds the deal 15 days; anybody objects with a reason, the seller answers; then it can be paid', async () => {
    const l = await sellerWithListing(anon, { sellerKind: 'UNIVERSITY' });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'SOLE', termMonths: 36, price: '320000.00' });
    const today = todayInShanghai();
    expect(deal.publicNotice).to.include({ startsOn: today, endsOn: addDays(today, 15), inForce: true, objectionCount: 0 });
    expect(deal.history.at(-1).reason).to.match(/公示/);

    // Public: anyone (even signed out) reads the name, parties, price and terms; not the objections.
    const shown = (await notices(anon)).find((n) => n.id === deal.publicNotice.id);
    expect(shown).to.deep.include({ price: '320000.00', type: 'LICENSE', licenseType: 'SOLE', termMonths: 36, inForce: true, objections: null });
    expect(shown.title).to.contain('一种高纯石墨提纯方法');
    expect(shown.seller.id).to.equal(l.seller.orgId);

    // Not payable during the notice, by Stripe or bank transfer.
    expect((await b.client.fails(PAY, { id: deal.id }, 'CONFLICT')).message).to.match(/public notice .* until/);
    await b.client.fails(RECORD_TRANSFER, { dealId: deal.id, input: { reference: 'ICBC-0001', amount: '320000.00', paidOn: today } }, 'CONFLICT');
    stack.shiftClockDays(14);
    await b.client.fails(PAY, { id: deal.id }, 'CONFLICT'); // day 14 of 15

    // Objections: anybody signed in but the seller, with a reason, during the notice.
    const objector = await buyer(anon);
    await anon.fails(OBJECT, { n: deal.publicNotice.id, reason: '价格明显偏低' }, 'UNAUTHENTICATED');
    await objector.client.fails(OBJECT, { n: deal.publicNotice.id, reason: '  ' }, 'BAD_USER_INPUT', 'reason');
    await objector.client.fails(OBJECT, { n: 'nope', reason: 'x' }, 'BAD_USER_INPUT', 'noticeId');
    await l.seller.client.fails(OBJECT, { n: deal.publicNotice.id, reason: '自己' }, 'FORBIDDEN');
    const objection = (await objector.client.ok(OBJECT, { n: deal.publicNotice.id, reason: '评估价值约为 80 万元，转让价格明显偏低' })).fileNoticeObjection;
    expect(objection).to.include({ reason: '评估价值约为 80 万元，转让价格明显偏低', answer: null });
    expect(objection.by.id).to.equal(objector.orgId);
    const kinds = (await l.seller.client.ok(KINDS)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.objectId === deal.id).map((n: any) => n.kind);
    expect(kinds).to.include('DEAL_NOTICE_OBJECTION');
    expect((await notices(objector.client)).find((n) => n.id === deal.publicNotice.id)).to.include({ objectionCount: 1, objections: null });
    const forSeller = (await notices(l.seller.client)).find((n) => n.id === deal.publicNotice.id);
    expect(forSeller.objections.map((o: any) => o.reason)).to.deep.equal([objection.reason]);
    const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await notices(regulator)).find((n) => n.id === deal.publicNotice.id).objections).to.have.length(1);

    // After 15 days: no longer in force, no more objections; still not payable while unanswered.
    stack.shiftClockDays(15);
    expect((await notices(anon)).map((n) => n.id)).to.not.include(deal.publicNotice.id);
    await objector.client.fails(OBJECT, { n: deal.publicNotice.id, reason: '再次异议' }, 'CONFLICT');
    expect((await b.client.fails(PAY, { id: deal.id }, 'CONFLICT')).message).to.match(/objection/);

    await b.client.fails(ANSWER, { n: deal.publicNotice.id, o: objection.id, answer: '买方答复' }, 'FORBIDDEN');
    await objector.client.fails(ANSWER, { n: deal.publicNotice.id, o: objection.id, answer: '?' }, 'NOT_FOUND');
    await l.seller.client.fails(ANSWER, { n: deal.publicNotice.id, o: '0123456789abcdef01234567', answer: '已答复' }, 'NOT_FOUND');
    const answered = (await l.seller.client.ok(ANSWER, { n: deal.publicNotice.id, o: objection.id, answer: '经第三方评估，价格公允，评估报告已公开' })).answerNoticeObjection;
    expect(answered.objections[0].answer).to.equal('经第三方评估，价格公允，评估报告已公开');
    await l.seller.client.fails(ANSWER, { n: deal.publicNotice.id, o: objection.id, answer: '再答' }, 'CONFLICT');

    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    expect(session.paymentIntentId).to.match(/^pi_/);
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAYMENT_PENDING');
  });

  it('only public institutions’ negotiated deals are noticed: not an enterprise’s, not an open-licence taking', async () => {
    const b = await buyer(anon);
    const enterprise = await sellerWithListing(anon, { sellerKind: 'ENTERPRISE' });
    const plain = await acceptedDeal(enterprise, b, { type: 'TRANSFER', price: '90000.00' });
    expect(plain.publicNotice).to.equal(null);
    const institute = await sellerWithListing(anon, { sellerKind: 'RESEARCH_INSTITUTE' });
    const noticed = await propose(b.client, { listingId: institute.listingId, type: 'TRANSFER', price: '90000.00' });
    expect(noticed.publicNotice).to.equal(null); // proposed: nothing agreed yet
    expect((await institute.seller.client.ok(ACCEPT, { id: noticed.id })).acceptDeal.publicNotice.inForce).to.equal(true);
    const open = await sellerWithListing(anon, { sellerKind: 'UNIVERSITY', modes: ['OPEN_LICENSE'], askingPrice: '3000.00', openLicence: { feeBasis: 'ONE_OFF', periodMonths: 12 } });
    const taken = (await b.client.ok(PROPOSE, { input: { listingId: open.listingId, type: 'OPEN_LICENSE', price: '3000.00' } })).proposeDeal;
    expect(taken).to.include({ status: 'ACCEPTED', publicNotice: null });
  });
});
