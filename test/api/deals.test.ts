// Deal workflow over HTTP on the shared stack (no Stripe keys there: payDeal is PAYMENTS_DISABLED).
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg } from '../helpers/client';
import {
  ACCEPT, CANCEL, DEAL, LISTING, MY_DEALS, PAY, PROPOSE, acceptedDeal, buyer, getDeal, propose, sellerWithListing, deliver, intentEvent,
} from '../helpers/deals';

describe('deals: proposing, accepting, cancelling', () => {
  let anon: Client;
  before(async function () {
    this.timeout(90_000);
    anon = new Client((await sharedStack()).server.url);
  });

  describe('proposeDeal', () => {
    it('records a LICENSE proposal by the buyer with its terms, PROPOSED, with history', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const deal = await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 36, price: '120000.50' });
      expect(deal).to.include({ type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 36, price: '120000.50', status: 'PROPOSED', paymentIntentId: null });
      expect(deal.buyer.id).to.equal(b.orgId);
      expect(deal.seller.id).to.equal(l.seller.orgId);
      expect(deal.listing).to.deep.equal({ id: l.listingId, status: 'PUBLISHED' });
      expect(deal.asset.id).to.equal(l.assetId);
      expect(deal.history).to.deep.equal([{ from: null, to: 'PROPOSED', reason: null }]);
    });

    it('refuses bad terms with BAD_USER_INPUT naming the field, and records nothing', async () => {
      const l = await sellerWithListing(anon, { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'] });
      const b = await buyer(anon);
      const base = { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '1000.00' };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ price: '0.00' }, 'input.price'],
        [{ price: '-5.00' }, 'input.price'],
        [{ licenseType: null }, 'input.licenseType'],
        [{ licenseType: 'EXCLUSIVE' }, 'input.licenseType'], // not offered by this listing
        [{ termMonths: null }, 'input.termMonths'],
        [{ termMonths: 0 }, 'input.termMonths'],
        [{ termMonths: 601 }, 'input.termMonths'],
        [{ type: 'TRANSFER', licenseType: null, termMonths: null }, 'input.type'], // listing offers LICENSE only
        [{ type: 'PLEDGE' }, 'input.type'],
        [{ listingId: 'nope' }, 'input.listingId'],
      ];
      for (const [change, field] of cases) await b.client.fails(PROPOSE, { input: { ...base, ...change } }, 'BAD_USER_INPUT', field);
      const t = await sellerWithListing(anon, { modes: ['TRANSFER'] });
      await b.client.fails(PROPOSE, { input: { listingId: t.listingId, type: 'TRANSFER', termMonths: 12, price: '1.00' } }, 'BAD_USER_INPUT', 'input.termMonths');
      await b.client.fails(PROPOSE, { input: { listingId: t.listingId, type: 'TRANSFER', licenseType: 'SOLE', price: '1.00' } }, 'BAD_USER_INPUT', 'input.licenseType');
      expect((await b.client.ok(MY_DEALS)).myDeals).to.deep.equal([]);
    });

    it('does not let the holder buy its own listing (FORBIDDEN)', async () => {
      const l = await sellerWithListing(anon);
      await l.seller.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price: '10.00' } }, 'FORBIDDEN');
      expect((await l.seller.client.ok(MY_DEALS)).myDeals).to.deep.equal([]);
    });

    it('needs a signed-in caller and a PUBLISHED listing', async () => {
      const l = await sellerWithListing(anon);
      await anon.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price: '10.00' } }, 'UNAUTHENTICATED');
      await l.seller.client.ok(`mutation($id: ID!) { withdrawListing(id: $id) { status } }`, { id: l.listingId });
      const b = await buyer(anon);
      await b.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price: '10.00' } }, 'NOT_FOUND');
    });
  });

  describe('who sees a deal', () => {
    it('shows deal(id) and myDeals to the buyer and the seller only', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const stranger = await registerOrg(anon, 'ENTERPRISE');
      const deal = await propose(b.client, { listingId: l.listingId, type: 'TRANSFER', price: '300000.00' });
      expect((await getDeal(b.client, deal.id)).id).to.equal(deal.id);
      expect((await getDeal(l.seller.client, deal.id)).id).to.equal(deal.id);
      expect(await getDeal(stranger.client, deal.id)).to.equal(null);
      expect(await getDeal(anon, deal.id)).to.equal(null);
      expect((await b.client.ok(MY_DEALS)).myDeals.map((d: any) => d.id)).to.deep.equal([deal.id]);
      expect((await l.seller.client.ok(MY_DEALS)).myDeals.map((d: any) => d.id)).to.deep.equal([deal.id]);
      expect((await l.seller.client.ok(MY_DEALS, { status: 'CANCELLED' })).myDeals).to.deep.equal([]);
      expect((await stranger.client.ok(MY_DEALS)).myDeals).to.deep.equal([]);
      await stranger.client.fails(ACCEPT, { id: deal.id }, 'NOT_FOUND');
      await stranger.client.fails(CANCEL, { id: deal.id }, 'NOT_FOUND');
      await stranger.client.fails(PAY, { id: deal.id }, 'NOT_FOUND');
    });
  });

  describe('acceptDeal and cancelDeal', () => {
    it('lets only the seller accept (the buyer gets FORBIDDEN); a TRANSFER puts the listing UNDER_NEGOTIATION', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const deal = await propose(b.client, { listingId: l.listingId, type: 'TRANSFER', price: '300000.00' });
      await b.client.fails(ACCEPT, { id: deal.id }, 'FORBIDDEN');
      expect((await getDeal(b.client, deal.id)).status).to.equal('PROPOSED');
      const accepted = (await l.seller.client.ok(ACCEPT, { id: deal.id })).acceptDeal;
      expect(accepted.status).to.equal('ACCEPTED');
      expect(accepted.history.map((h: any) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED']);
      expect(accepted.listing.status).to.equal('UNDER_NEGOTIATION');
      // the buyer still sees the listing (no longer public) through its deal; others do not
      expect((await b.client.ok(LISTING, { id: l.listingId })).listing.status).to.equal('UNDER_NEGOTIATION');
      const other = await buyer(anon);
      expect((await other.client.ok(LISTING, { id: l.listingId })).listing).to.equal(null);
      await other.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price: '1.00' } }, 'NOT_FOUND');
    });

    it('answers CONFLICT to illegal steps and changes nothing', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'SOLE', termMonths: 12, price: '5000.00' });
      const err = await l.seller.client.fails(ACCEPT, { id: deal.id }, 'CONFLICT');
      expect(err.message).to.match(/ACCEPTED/);
      const cancelled = (await b.client.ok(CANCEL, { id: deal.id, reason: 'budget cut' })).cancelDeal;
      expect(cancelled).to.include({ status: 'CANCELLED', cancelledBy: 'BUYER' });
      expect(cancelled.history.at(-1)).to.deep.equal({ from: 'ACCEPTED', to: 'CANCELLED', reason: 'cancelled by the buyer: budget cut' });
      await l.seller.client.fails(CANCEL, { id: deal.id }, 'CONFLICT');
      await l.seller.client.fails(ACCEPT, { id: deal.id }, 'CONFLICT');
      await b.client.fails(PAY, { id: deal.id }, 'PAYMENTS_DISABLED'); // disabled is said before the state
      const after = await getDeal(b.client, deal.id);
      expect(after.status).to.equal('CANCELLED');
      expect(after.history).to.have.length(3);
    });

    it('reopens the listing when an accepted TRANSFER is cancelled by the seller', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '800000.00' });
      const cancelled = (await l.seller.client.ok(CANCEL, { id: deal.id })).cancelDeal;
      expect(cancelled).to.include({ status: 'CANCELLED', cancelledBy: 'SELLER' });
      expect(cancelled.listing.status).to.equal('PUBLISHED');
      const anotherBuyer = await buyer(anon);
      const next = await propose(anotherBuyer.client, { listingId: l.listingId, type: 'TRANSFER', price: '900000.00' });
      expect(next.status).to.equal('PROPOSED');
    });

    it('keeps the listing PUBLISHED for licences, so several NON_EXCLUSIVE licensees can be accepted', async () => {
      const l = await sellerWithListing(anon);
      const [b1, b2] = [await buyer(anon), await buyer(anon)];
      const d1 = await acceptedDeal(l, b1, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 24, price: '1000.00' });
      const d2 = await acceptedDeal(l, b2, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 24, price: '1000.00' });
      expect([d1.status, d2.status]).to.deep.equal(['ACCEPTED', 'ACCEPTED']);
      expect(d2.listing.status).to.equal('PUBLISHED');
    });

    it('refuses to accept an EXCLUSIVE licence overlapping one already accepted (CONFLICT), and a transfer while a licence is pending', async () => {
      const l = await sellerWithListing(anon);
      const [b1, b2, b3] = [await buyer(anon), await buyer(anon), await buyer(anon)];
      const first = await acceptedDeal(l, b1, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '1000.00' });
      const exclusive = await propose(b2.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'EXCLUSIVE', termMonths: 12, price: '9000.00' });
      const err = await l.seller.client.fails(ACCEPT, { id: exclusive.id }, 'CONFLICT');
      expect(err.message).to.contain(first.id);
      const transfer = await propose(b3.client, { listingId: l.listingId, type: 'TRANSFER', price: '90000.00' });
      await l.seller.client.fails(ACCEPT, { id: transfer.id }, 'CONFLICT');
      expect((await getDeal(b2.client, exclusive.id)).status).to.equal('PROPOSED');
      expect((await getDeal(b3.client, transfer.id)).listing.status).to.equal('PUBLISHED');
    });
  });

  describe('without Stripe keys', () => {
    it('answers PAYMENTS_DISABLED to payDeal and leaves the deal ACCEPTED; the seller gets FORBIDDEN', async () => {
      const l = await sellerWithListing(anon);
      const b = await buyer(anon);
      const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '100.00' });
      await l.seller.client.fails(PAY, { id: deal.id }, 'FORBIDDEN');
      await b.client.fails(PAY, { id: deal.id }, 'PAYMENTS_DISABLED');
      expect((await getDeal(b.client, deal.id)).status).to.equal('ACCEPTED');
    });

    it('answers 503 at the webhook', async () => {
      const res = await deliver((await sharedStack()).server.url, intentEvent('payment_intent.succeeded', { intentId: 'pi_x', amount: 100 }));
      expect(res.status).to.equal(503);
      expect(res.body.errors[0].extensions.code).to.equal('PAYMENTS_DISABLED');
    });
  });
});
