// Licence and transfer journeys paid through Stripe (stripe-mock), with signed webhook deliveries.
import { expect } from 'chai';
import type mongoose from 'mongoose';
import { Client } from '../helpers/client';
import {
  ASSET, CANCEL, LISTING, MY_DEALS, PAY, PROPOSE, RECORD_RECORDAL, acceptedDeal, buyer, completeTransfer, noticeNumber, deliver, getDeal, intentEvent, paymentsClients, pledgeAsset, propose,
  sellerWithListing,
} from '../helpers/deals';
import { addMonths, todayInShanghai } from '../../services/rules/calendar';

const MY_ASSETS = `{ myAssets { id } }`;

describe('deals paid through Stripe (stripe-mock)', () => {
  let anon: Client, url: string, db: mongoose.Connection;
  before(async function () {
    this.timeout(120_000);
    ({ anon, url, db } = await paymentsClients());
  });
  after(async () => db?.close());

  const pay = async (client: Client, id: string) => (await client.ok(PAY, { id })).payDeal;
  const succeeded = (session: any, dealId: string, extra: Record<string, unknown> = {}) =>
    intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId, amount: 0, ...extra });

  it('licence journey: propose, accept, pay, succeeded -> COMPLETED with the License (type, licensee, dates)', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'EXCLUSIVE', termMonths: 24, price: '86000.25' });
    const session = await pay(b.client, deal.id);
    expect(session).to.include({ dealId: deal.id, amount: '86000.25', currency: 'cny' });
    expect(session.paymentIntentId).to.match(/^pi_/);
    expect(session.clientSecret).to.match(/_secret_/);
    const pending = await getDeal(b.client, deal.id);
    expect(pending).to.include({ status: 'PAYMENT_PENDING', paymentIntentId: session.paymentIntentId });

    const res = await deliver(url, succeeded(session, deal.id, { amount: 8_600_025 }));
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('applied');

    const done = await getDeal(b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.history.map((h: any) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED']);
    const today = todayInShanghai();
    expect(done.license).to.deep.include({ type: 'EXCLUSIVE', startsOn: today, endsOn: addMonths(today, 24) });
    expect(done.license.licensee.id).to.equal(b.orgId);
    expect(done.license.deal.id).to.equal(deal.id);
    expect(done.listing.status).to.equal('PUBLISHED'); // licensing leaves the listing open
    const asset = (await b.client.ok(ASSET, { id: l.assetId })).ipAsset;
    expect(asset.owner.id).to.equal(l.seller.orgId);
    expect(asset.licenses).to.have.length(1);
    expect(asset.licenses[0].deal.id).to.equal(deal.id);

    // The exclusive licence now excludes any other licence for overlapping dates.
    const other = await buyer(anon);
    const err = await other.client.fails(
      PROPOSE,
      { input: { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 6, price: '100.00' } },
      'CONFLICT',
    );
    expect(err.message).to.contain(done.license.id);
  });

  it('transfer journey: paid, then on CNIPA recordal (recorded by one party, confirmed by the other) ownership moves and the listing is CLOSED', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '650000.00' });
    expect(deal.listing.status).to.equal('UNDER_NEGOTIATION');
    const session = await pay(b.client, deal.id);
    const res = await deliver(url, succeeded(session, deal.id, { amount: 65_000_000 }));
    expect(res.status).to.equal(200);
    expect(res.body.note).to.match(/completes on CNIPA recordal/);

    // Paid is not transferred (Patent Law art. 10): the deal reads PAID and the seller still owns the asset.
    const paid = await getDeal(b.client, deal.id);
    expect(paid).to.include({ status: 'PAID', settlement: 'STRIPE', amountConfirmed: '650000.00', paidOn: todayInShanghai(), recordal: null });
    expect(paid.asset.owner.id).to.equal(l.seller.orgId);
    expect(paid.listing.status).to.equal('UNDER_NEGOTIATION');

    const done = await completeTransfer(l.seller.client, b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.recordal).to.include({ recordedBy: 'BUYER', confirmedBy: 'SELLER', status: 'CONFIRMED', recordedOn: todayInShanghai() });
    expect(done.history.at(-1).reason).to.match(/CNIPA recordal \d{16}/);
    expect(done.asset.owner.id).to.equal(b.orgId);
    expect(done.listing.status).to.equal('CLOSED');
    expect((await b.client.ok(LISTING, { id: l.listingId })).listing.status).to.equal('CLOSED');
    expect((await b.client.ok(MY_ASSETS)).myAssets.map((a: any) => a.id)).to.include(l.assetId);
    expect((await l.seller.client.ok(MY_ASSETS)).myAssets.map((a: any) => a.id)).to.not.include(l.assetId);
    // The former owner still sees the asset through the deal, and the deal itself.
    expect((await l.seller.client.ok(ASSET, { id: l.assetId })).ipAsset.owner.id).to.equal(b.orgId);
    expect((await getDeal(l.seller.client, deal.id)).status).to.equal('COMPLETED');
    // Only ownership moved: nothing else was cancelled or withdrawn.
    const [history] = await db.collection('ipassets').find({ _id: new (await import('mongoose')).Types.ObjectId(l.assetId) }).map((a) => a.ownershipHistory).toArray();
    expect(history).to.have.length(1);
    expect(String(history[0].deal)).to.equal(deal.id);
  });

  it('returns the same PaymentIntent to concurrent and repeated payDeal calls', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '3000.00' });
    const sessions = await Promise.all(Array.from({ length: 6 }, () => pay(b.client, deal.id)));
    const ids = new Set(sessions.map((s) => s.paymentIntentId));
    expect(ids.size).to.equal(1);
    expect((await pay(b.client, deal.id)).paymentIntentId).to.equal(sessions[0].paymentIntentId);
    const stored = await getDeal(b.client, deal.id);
    expect(stored.paymentIntentId).to.equal(sessions[0].paymentIntentId);
    expect(stored.history.filter((h: any) => h.to === 'PAYMENT_PENDING')).to.have.length(1);
  });

  it('a failed payment returns the deal to ACCEPTED; paying again makes a fresh intent that completes it', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '1200.00' });
    const first = await pay(b.client, deal.id);
    const failed = await deliver(url, intentEvent('payment_intent.payment_failed', { intentId: first.paymentIntentId, dealId: deal.id, amount: 120_000 }));
    expect(failed.status).to.equal(200);
    const back = await getDeal(b.client, deal.id);
    expect(back.status).to.equal('ACCEPTED');
    expect(back.history.at(-1).reason).to.match(/payment failed: Your card was declined/);
    expect(back.listing.status).to.equal('UNDER_NEGOTIATION'); // still reserved for this buyer

    const second = await pay(b.client, deal.id);
    expect(second.paymentIntentId).to.not.equal(first.paymentIntentId);
    // a late failure of the first intent changes nothing now
    const late = await deliver(url, intentEvent('payment_intent.payment_failed', { intentId: first.paymentIntentId, dealId: deal.id, amount: 120_000 }));
    expect(late.body.outcome).to.equal('ignored');
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAYMENT_PENDING');
    await deliver(url, succeeded(second, deal.id, { amount: 120_000 }));
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAID'); // a transfer then awaits its recordal
    expect((await completeTransfer(l.seller.client, b.client, deal.id)).status).to.equal('COMPLETED');
  });

  it('cancelling a PAYMENT_PENDING deal cancels the intent; a payment that still arrives is rejected, not applied', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '700.00' });
    const session = await pay(b.client, deal.id);
    const cancelled = (await l.seller.client.ok(CANCEL, { id: deal.id, reason: 'buyer went silent' })).cancelDeal;
    expect(cancelled.status).to.equal('CANCELLED');
    expect(cancelled.listing.status).to.equal('PUBLISHED');
    const res = await deliver(url, succeeded(session, deal.id, { amount: 70_000 }));
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('rejected');
    const after = await getDeal(b.client, deal.id);
    expect(after.status).to.equal('CANCELLED');
    expect(after.asset.owner.id).to.equal(l.seller.orgId);
    await b.client.fails(PAY, { id: deal.id }, 'CONFLICT');
  });

  it('cancelling after a failed payment also voids the failed intent: its late success is rejected', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '880.00' });
    const session = await pay(b.client, deal.id);
    await deliver(url, intentEvent('payment_intent.payment_failed', { intentId: session.paymentIntentId, dealId: deal.id, amount: 88_000 }));
    expect((await b.client.ok(CANCEL, { id: deal.id })).cancelDeal.status).to.equal('CANCELLED');
    const late = await deliver(url, succeeded(session, deal.id, { amount: 88_000 }));
    expect(late.body.outcome).to.equal('rejected');
    const after = await getDeal(b.client, deal.id);
    expect(after.status).to.equal('CANCELLED');
    expect(after.asset.owner.id).to.equal(l.seller.orgId);
    expect(after.listing.status).to.equal('PUBLISHED');
  });

  describe('a pledged asset', () => {
    it('cannot be proposed for transfer or any licence without consent (CONFLICT naming the pledge registration)', async () => {
      const l = await sellerWithListing(anon);
      const number = await pledgeAsset(db, l.assetId, l.seller.orgId); // setup only: financing is another domain
      const b = await buyer(anon);
      const err = await b.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price: '5000.00' } }, 'CONFLICT');
      expect(err.message).to.contain(number);
      const ex = await b.client.fails(
        PROPOSE,
        { input: { listingId: l.listingId, type: 'LICENSE', licenseType: 'EXCLUSIVE', termMonths: 12, price: '5000.00' } },
        'CONFLICT',
      );
      expect(ex.message).to.contain(number);
      // Every licence type needs the pledgee's consent (Civil Code art. 444; test/api/pledgeConsent.test.ts).
      const ne = await b.client.fails(
        PROPOSE,
        { input: { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '5000.00' } },
        'CONFLICT',
      );
      expect(ne.message).to.contain(number);
      // Asking for the pledgee's consent records the proposal, awaiting that consent.
      const ok = await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '5000.00', pledgeConsentRequested: true });
      expect(ok.status).to.equal('PROPOSED');
      expect((await b.client.ok(MY_DEALS)).myDeals.map((d: any) => d.id)).to.deep.equal([ok.id]); // the refused ones left nothing
    });

    it('pledged after acceptance: payDeal is refused; pledged after payment: the recordal is refused, the deal stays PAID, ownership unchanged', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '5000.00' });
      const number = await pledgeAsset(db, l.assetId, l.seller.orgId);
      const err = await b.client.fails(PAY, { id: deal.id }, 'CONFLICT');
      expect(err.message).to.contain(number);
      expect((await getDeal(b.client, deal.id)).status).to.equal('ACCEPTED');

      const l2 = await sellerWithListing(anon);
      const deal2 = await acceptedDeal(l2, b, { type: 'TRANSFER', price: '5000.00' });
      const session = await pay(b.client, deal2.id);
      const number2 = await pledgeAsset(db, l2.assetId, l2.seller.orgId);
      const res = await deliver(url, succeeded(session, deal2.id, { amount: 500_000 }));
      expect(res.status).to.equal(200);
      const refused = await b.client.fails(RECORD_RECORDAL, { dealId: deal2.id, noticeNumber: noticeNumber(), recordedOn: todayInShanghai() }, 'CONFLICT');
      expect(refused.message).to.contain(number2);
      const stuck = await getDeal(b.client, deal2.id);
      expect(stuck.status).to.equal('PAID');
      expect(stuck.recordal).to.equal(null); // nothing written
      expect(stuck.asset.owner.id).to.equal(l2.seller.orgId);
      expect(stuck.listing.status).to.equal('UNDER_NEGOTIATION');
    });
  });
});
