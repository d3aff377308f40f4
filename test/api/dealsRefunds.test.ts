// Cancelling after payment refunds first (PAID -> REFUND_PENDING -> CANCELLED): through a Stripe
// Refund confirmed by the charge.refunded webhook (applied once under replay), or a bank refund the
// seller records and the buyer confirms. A Stripe dispute flags the deal for both parties and the
// REGULATOR; nothing moves back silently.
import { expect } from 'chai';
import { Client, signInAdmin } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import {
  CANCEL, CONFIRM_REFUND, CONFIRM_TRANSFER, LISTING, PAY, RECORD_RECORDAL, RECORD_REFUND, RECORD_TRANSFER, acceptedDeal, buyer, chargeEvent, deliver, getDeal,
  intentEvent, noticeNumber, paymentsStack, sellerWithListing,
} from '../helpers/deals';
import { todayInShanghai } from '../../services/rules/calendar';

const NOTES = `{ notifications(first: 50) { edges { node { kind objectId } } } }`;
const DISPUTED = `{ disputedDeals { id status disputed price dispute { disputeId reason amount } } }`;
const REG_DEAL = `query($id: ID!) { deal(id: $id) { id status disputed price dispute { disputeId } } }`;

describe('refunds and disputes', () => {
  let anon: Client;
  let url: string;
  let regulator: Client;

  before(async function () {
    this.timeout(120_000);
    url = (await paymentsStack()).stack.server.url;
    anon = new Client(url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  const today = () => todayInShanghai();
  const kinds = async (client: Client, dealId: string) =>
    (await client.ok(NOTES)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.objectId === dealId).map((n: any) => n.kind);

  /** A TRANSFER paid through Stripe, awaiting its recordal (PAID). */
  async function paidTransfer(price: string) {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'] });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    const fen = Math.round(Number(price) * 100);
    expect((await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: fen }))).body.outcome).to.equal('applied');
    return { l, b, deal, intentId: session.paymentIntentId as string, fen };
  }

  it('Stripe: cancelling a PAID transfer refunds it; charge.refunded cancels the deal once, however often it is delivered', async () => {
    const { l, b, deal, intentId, fen } = await paidTransfer('7800.00');
    // Stripe refunded something nobody asked for (e.g. in the Dashboard): recorded as rejected, the deal does not move.
    const stray = await deliver(url, chargeEvent('charge.refunded', { intentId, amount: fen }));
    expect(stray.body.outcome).to.equal('rejected');
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAID');

    const pending = (await b.client.ok(CANCEL, { id: deal.id, reason: '技术评估未通过' })).cancelDeal;
    expect(pending).to.include({ status: 'REFUND_PENDING', cancelledBy: 'BUYER' });
    expect(pending.refund).to.include({ method: 'STRIPE', amount: '7800.00', status: 'REQUESTED', requestedBy: 'BUYER' });
    expect(pending.refund.stripeRefundId).to.match(/^re_/);
    expect(pending.listing.status).to.equal('UNDER_NEGOTIATION'); // still reserved until the money is back
    await b.client.fails(CANCEL, { id: deal.id }, 'CONFLICT'); // already being refunded
    await b.client.fails(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() }, 'CONFLICT');

    const partial = await deliver(url, chargeEvent('charge.refunded', { intentId, amount: fen, amountRefunded: fen - 1 }));
    expect(partial.body.outcome).to.equal('ignored');
    expect((await getDeal(b.client, deal.id)).status).to.equal('REFUND_PENDING');

    const event = chargeEvent('charge.refunded', { intentId, amount: fen });
    const deliveries = await Promise.all([deliver(url, event), deliver(url, event), deliver(url, event)]);
    expect(deliveries.filter((d) => d.body.outcome === 'applied')).to.have.length(1);
    for (const d of deliveries) expect(d.status).to.be.oneOf([200, 409]);
    expect((await deliver(url, event)).body.outcome).to.equal('duplicate');
    expect((await deliver(url, chargeEvent('charge.refunded', { intentId, amount: fen }))).body.outcome).to.equal('ignored'); // another event, same refund

    const done = await getDeal(b.client, deal.id);
    expect(done.status).to.equal('CANCELLED');
    expect(done.refund).to.include({ status: 'REFUNDED' });
    expect(done.history.filter((h: any) => h.to === 'CANCELLED')).to.have.length(1);
    expect(done.asset.owner.id).to.equal(l.seller.orgId);
    expect((await l.seller.client.ok(LISTING, { id: l.listingId })).listing.status).to.equal('PUBLISHED');
    expect(await kinds(l.seller.client, deal.id)).to.include('DEAL_CANCELLED');
  });

  it('a transfer whose CNIPA recordal is recorded can no longer be cancelled', async () => {
    const { l, b, deal } = await paidTransfer('990.00');
    await b.client.ok(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() });
    expect((await l.seller.client.fails(CANCEL, { id: deal.id }, 'CONFLICT')).message).to.match(/CNIPA has recorded/);
    expect((await getDeal(b.client, deal.id)).refund).to.equal(null);
  });

  it('bank transfer: the seller records its refund, the buyer confirms it (once), and the deal is CANCELLED', async () => {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'] });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '1200000.00' });
    const recorded = (await b.client.ok(RECORD_TRANSFER, { dealId: deal.id, input: { reference: 'ABC-9001', amount: '1200000.00', paidOn: today() } })).recordBankTransfer;
    const paid = (await l.seller.client.ok(CONFIRM_TRANSFER, { dealId: deal.id, t: recorded.bankTransfers[0].id })).confirmBankTransfer;
    expect(paid.status).to.equal('PAID');

    const pending = (await l.seller.client.ok(CANCEL, { id: deal.id, reason: '买方要求解除' })).cancelDeal;
    expect(pending.status).to.equal('REFUND_PENDING');
    expect(pending.refund).to.include({ method: 'BANK_TRANSFER', amount: '1200000.00', status: 'AWAITING_SELLER', stripeRefundId: null });
    const back = { reference: 'ABC-REFUND-1', amount: '1200000.00', paidOn: today() };
    await b.client.fails(RECORD_REFUND, { dealId: deal.id, input: back }, 'FORBIDDEN');
    await l.seller.client.fails(RECORD_REFUND, { dealId: deal.id, input: { ...back, amount: '1199999.99' } }, 'BAD_USER_INPUT', 'input.amount');
    await l.seller.client.fails(RECORD_REFUND, { dealId: deal.id, input: { ...back, reference: '?' } }, 'BAD_USER_INPUT', 'input.reference');
    await b.client.fails(CONFIRM_REFUND, { dealId: deal.id }, 'CONFLICT'); // nothing recorded yet
    const sent = (await l.seller.client.ok(RECORD_REFUND, { dealId: deal.id, input: back })).recordBankRefund;
    expect(sent.refund).to.include({ status: 'RECORDED', reference: 'ABC-REFUND-1', paidOn: today() });
    await l.seller.client.fails(CONFIRM_REFUND, { dealId: deal.id }, 'FORBIDDEN');

    const answers = await Promise.all([b.client.raw(CONFIRM_REFUND, { dealId: deal.id }), b.client.raw(CONFIRM_REFUND, { dealId: deal.id })]);
    expect(answers.filter((a) => !a.errors)).to.have.length(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT')).to.have.length(1);
    const done = await getDeal(b.client, deal.id);
    expect(done).to.include({ status: 'CANCELLED' });
    expect(done.refund).to.include({ status: 'REFUNDED' });
    expect(done.history.filter((h: any) => h.to === 'CANCELLED')).to.have.length(1);
    expect((await l.seller.client.ok(LISTING, { id: l.listingId })).listing.status).to.equal('PUBLISHED');
  });

  it('charge.dispute.created flags the deal DISPUTED for both parties and the REGULATOR, once; its status stays', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '5600.00' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 560_000 }));
    expect((await getDeal(b.client, deal.id)).status).to.equal('COMPLETED');
    expect((await regulator.ok(REG_DEAL, { id: deal.id })).deal).to.equal(null); // not the regulator's business yet

    const event = chargeEvent('charge.dispute.created', { intentId: session.paymentIntentId, amount: 560_000, reason: 'product_not_received' });
    const first = await deliver(url, event);
    expect(first.body.outcome).to.equal('applied');
    expect((await deliver(url, event)).body.outcome).to.equal('duplicate');
    expect((await deliver(url, chargeEvent('charge.dispute.created', { intentId: session.paymentIntentId, amount: 560_000 }))).body.outcome).to.equal('ignored');

    for (const c of [b.client, l.seller.client]) {
      const seen = await getDeal(c, deal.id);
      expect(seen).to.include({ status: 'COMPLETED', disputed: true });
      expect(seen.dispute).to.include({ reason: 'product_not_received', amount: '5600.00' });
      expect((await kinds(c, deal.id)).filter((k: string) => k === 'DEAL_DISPUTED')).to.have.length(1);
    }
    expect((await regulator.ok(REG_DEAL, { id: deal.id })).deal).to.include({ status: 'COMPLETED', disputed: true });
    expect((await regulator.ok(DISPUTED)).disputedDeals.map((d: any) => d.id)).to.include(deal.id);
    expect(await kinds(regulator, deal.id)).to.deep.equal(['DEAL_DISPUTED']);
    const stranger = await buyer(anon);
    expect((await stranger.client.ok(REG_DEAL, { id: deal.id })).deal).to.equal(null);
    await stranger.client.fails(DISPUTED, {}, 'FORBIDDEN');
    expect((await getDeal(b.client, deal.id)).license.type).to.equal('NON_EXCLUSIVE'); // nothing moved back
  });
});
