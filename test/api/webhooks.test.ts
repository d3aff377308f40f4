// POST /webhooks/stripe: signatures, replays, out-of-order events, mismatched amounts, redelivery.
import { expect } from 'chai';
import type mongoose from 'mongoose';
import { Client } from '../helpers/client';
import { touchMirrors } from '../helpers/mirrors';
import {
  ASSET, PAY, WEBHOOK_SECRET, acceptedDeal, buyer, completeTransfer, deliver, getDeal, intentEvent, paymentsClients, sellerWithListing,
  type SellerWithListing,
} from '../helpers/deals';

describe('Stripe webhook', () => {
  let anon: Client, url: string, db: mongoose.Connection;
  before(async function () {
    this.timeout(120_000);
    ({ anon, url, db } = await paymentsClients());
  });
  after(async () => db?.close());

  /** A deal waiting for its payment: the listing, the buyer, the deal and its PaymentSession. */
  async function pendingDeal(input: Record<string, unknown> = { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '2500.00' }) {
    const l: SellerWithListing = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, input);
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    return { l, b, deal, session };
  }
  const storedEvent = (eventId: string) => db.collection('stripeevents').findOne({ eventId });

  it('applies a replayed event once: one completion, one License, one history', async () => {
    const { l, b, deal, session } = await pendingDeal();
    const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000 });
    const first = await deliver(url, event);
    expect(first.body.outcome).to.equal('applied');
    const replays = await Promise.all([deliver(url, event), deliver(url, event), deliver(url, event)]);
    for (const r of replays) expect(r.status).to.be.oneOf([200, 409]);
    const again = await deliver(url, event);
    expect(again.status).to.equal(200);
    expect(again.body.outcome).to.equal('duplicate');
    const done = await getDeal(b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.history.filter((h: any) => h.to === 'COMPLETED')).to.have.length(1);
    expect((await b.client.ok(ASSET, { id: l.assetId })).ipAsset.licenses).to.have.length(1);
    expect((await storedEvent(event.id as string))?.status).to.equal('applied');
  });

  it('a second event for the same successful payment (new event id) changes nothing', async () => {
    const { l, b, deal, session } = await pendingDeal();
    await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000 }));
    const second = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000 }));
    expect(second.body.outcome).to.equal('ignored');
    expect((await b.client.ok(ASSET, { id: l.assetId })).ipAsset.licenses).to.have.length(1);
  });

  it('never moves a deal backwards: payment_failed after succeeded leaves it PAID, and the recordal still completes it', async () => {
    const { l, b, deal, session } = await pendingDeal({ type: 'TRANSFER', price: '99.99' });
    const ok = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 9_999 });
    const failed = intentEvent('payment_intent.payment_failed', { intentId: session.paymentIntentId, dealId: deal.id, amount: 9_999 });
    expect((await deliver(url, ok)).body.outcome).to.equal('applied');
    const res = await deliver(url, failed);
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('ignored');
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAID');
    const done = await completeTransfer(l.seller.client, b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.asset.owner.id).to.equal(b.orgId);
  });

  it('accepts a success for an intent that failed earlier (the customer retried it at Stripe)', async () => {
    const { b, deal, session } = await pendingDeal({ type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '42.00' });
    const failed = intentEvent('payment_intent.payment_failed', { intentId: session.paymentIntentId, dealId: deal.id, amount: 4_200 });
    expect((await deliver(url, failed)).body.outcome).to.equal('applied');
    expect((await getDeal(b.client, deal.id)).status).to.equal('ACCEPTED');
    const ok = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 4_200 });
    expect((await deliver(url, ok)).body.outcome).to.equal('applied');
    const done = await getDeal(b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.history.map((h: any) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'ACCEPTED', 'PAID', 'COMPLETED']);
  });

  it('refuses a bad or missing signature with 400 and changes nothing', async () => {
    const { b, deal, session } = await pendingDeal();
    const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000 });
    const wrongSecret = await deliver(url, event, { secret: 'whsec_someone_else' });
    const missing = await deliver(url, event, { signature: null });
    const garbage = await deliver(url, event, { signature: 't=1,v1=deadbeef' });
    const stale = await deliver(url, event, { timestamp: Math.floor(Date.now() / 1000) - 600 }); // outside the 300 s tolerance
    const signedOther = JSON.stringify(event);
    const { default: Stripe } = await import('stripe');
    const header = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload: signedOther, secret: WEBHOOK_SECRET });
    const tampered = await deliver(url, signedOther.replace('"amount":250000', '"amount":1'), { signature: header });
    for (const r of [wrongSecret, missing, garbage, stale, tampered]) {
      expect(r.status).to.equal(400);
      expect(r.body.errors[0].extensions.code).to.equal('BAD_REQUEST');
    }
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAYMENT_PENDING');
    expect(await storedEvent(event.id as string)).to.equal(null);
  });

  it('does not apply a payment whose amount or currency differs from the deal, and records it as rejected', async () => {
    const { b, deal, session } = await pendingDeal();
    const short = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 249_999 });
    const dollars = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000, currency: 'usd' });
    for (const event of [short, dollars]) {
      const res = await deliver(url, event);
      expect(res.status).to.equal(200);
      expect(res.body.outcome).to.equal('rejected');
      expect((await storedEvent(event.id as string))?.status).to.equal('rejected');
    }
    const after = await getDeal(b.client, deal.id);
    expect(after.status).to.equal('PAYMENT_PENDING');
    expect(after.license).to.equal(null);
  });

  it('matches by the stored PaymentIntent when metadata is missing, and rejects intents no deal made', async () => {
    const { b, deal, session } = await pendingDeal({ type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '10.00' });
    const unknown = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: 'pi_not_ours', amount: 1_000 }));
    expect(unknown.body.outcome).to.equal('rejected');
    const foreign = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: 'pi_not_ours', dealId: deal.id, amount: 1_000 }));
    expect(foreign.body.outcome).to.equal('rejected');
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAYMENT_PENDING');
    const res = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, amount: 1_000 }));
    expect(res.body.outcome).to.equal('applied');
    expect((await getDeal(b.client, deal.id)).status).to.equal('COMPLETED');
  });

  it('answers 200 to event types it does not use, without recording them', async () => {
    const event = intentEvent('customer.created', { intentId: 'cus_x', amount: 1 });
    const res = await deliver(url, event);
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('ignored');
    expect(await storedEvent(event.id as string)).to.equal(null);
  });

  describe('crash safety', () => {
    // Setup only: these write the record a crashed delivery would have left behind.
    it('applies an event on redelivery when its first application failed', async () => {
      const { b, deal, session } = await pendingDeal();
      const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000 });
      await db.collection('stripeevents').insertOne({ eventId: event.id, type: event.type, status: 'failed', attempts: 1, leaseUntil: null, createdAt: new Date() });
      const res = await deliver(url, event);
      expect(res.body.outcome).to.equal('applied');
      expect((await getDeal(b.client, deal.id)).status).to.equal('COMPLETED');
      expect((await storedEvent(event.id as string))?.attempts).to.equal(2);
    });

    it('takes over an event whose delivery died mid-way (lease expired), but not one being applied now (409)', async () => {
      const { b, deal, session } = await pendingDeal();
      const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 250_000 });
      await db.collection('stripeevents').insertOne({
        eventId: event.id, type: event.type, status: 'processing', attempts: 1, leaseUntil: new Date(Date.now() + 60_000), createdAt: new Date(),
      });
      const busy = await deliver(url, event);
      expect(busy.status).to.equal(409);
      expect((await getDeal(b.client, deal.id)).status).to.equal('PAYMENT_PENDING');
      await db.collection('stripeevents').updateOne({ eventId: event.id }, { $set: { leaseUntil: new Date(Date.now() - 1000) } });
      const res = await deliver(url, event);
      expect(res.body.outcome).to.equal('applied');
      expect((await getDeal(b.client, deal.id)).status).to.equal('COMPLETED');
    });

    it('resumes a completion interrupted after the deal became PAID', async () => {
      const { l, b, deal, session } = await pendingDeal({ type: 'LICENSE', licenseType: 'SOLE', termMonths: 12, price: '10.00' });
      const { Types } = await import('mongoose');
      // The state a crash between "PAID" and "ownership moved" leaves: deal PAID by this intent, event failed.
      await db.collection('deals').updateOne(
        { _id: new Types.ObjectId(deal.id) },
        { $set: { status: 'PAID', paidAt: new Date(), licenseId: new Types.ObjectId() }, $push: { history: { from: 'PAYMENT_PENDING', to: 'PAID', at: new Date(), by: null, reason: 'test' } } as never },
      );
      await touchMirrors(db, 'deals');
      const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 1_000 });
      await db.collection('stripeevents').insertOne({ eventId: event.id, type: event.type, status: 'failed', attempts: 1, leaseUntil: null, createdAt: new Date() });
      const res = await deliver(url, event);
      expect(res.body.outcome).to.equal('applied');
      const done = await getDeal(b.client, deal.id);
      expect(done.status).to.equal('COMPLETED');
      expect(done.license).to.include({ type: 'SOLE' });
      expect(done.license.licensee.id).to.equal(b.orgId);
      expect(l.assetId).to.equal(done.asset.id);
    });
  });
});
