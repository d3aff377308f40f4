// After a TRANSFER completes (paid through stripe-mock, confirmed by a signed webhook, then recorded
// at CNIPA: recordRecordal by the buyer, confirmRecordal by the seller), the seller's
// other listings of the asset are WITHDRAWN with a history entry and reason, the seller cannot
// publish or relist the asset, and the buyer, now the owner, can list it.
import { expect } from 'chai';
import { Client } from '../helpers/client';
import { CONFIRM_RECORDAL, PAY, acceptedDeal, buyer, completeTransfer, deliver, getDeal, intentEvent, paymentsStack, sellerWithListing } from '../helpers/deals';

const CREATE = `mutation($input: ListingInput!) { createListing(input: $input) { id status holder { id } } }`;
const PUBLISH = `mutation($id: ID!) { publishListing(id: $id) { id status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawListing(id: $id) { id status } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { id status holder { id } history { from to reason } } }`;
const SEARCH = `query($text: String) { listings(filter: { text: $text }, first: 20) { edges { node { id holder { id } } } } }`;

describe('a completed transfer withdraws the seller’s other listings of the asset', () => {
  let url: string;
  let anon: Client;

  before(async function () {
    this.timeout(120_000);
    url = (await paymentsStack()).stack.server.url;
    anon = new Client(url);
  });

  /**
   * A transfer deal accepted on the seller's listing; the seller then withdraws that listing and
   * lists the asset again (`second`: DRAFT, or PUBLISHED) while the payment is pending; then paid.
   */
  async function transferWithSecondListing(second: 'DRAFT' | 'PUBLISHED') {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'], askingPrice: '3000.00' });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '3000.00' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    await l.seller.client.ok(WITHDRAW, { id: l.listingId });
    const other = (await l.seller.client.ok(CREATE, { input: { assetId: l.assetId, modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '900.00' } })).createListing;
    if (second === 'PUBLISHED') await l.seller.client.ok(PUBLISH, { id: other.id });
    const res = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 300_000 }));
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('applied');
    await completeTransfer(l.seller.client, b.client, deal.id);
    const done = await getDeal(b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.asset.owner.id).to.equal(b.orgId);
    return { l, b, deal, otherId: other.id as string };
  }

  for (const second of ['DRAFT', 'PUBLISHED'] as const) {
    it(`withdraws the seller’s ${second} listing with a history entry naming the deal`, async () => {
      const { l, deal, otherId } = await transferWithSecondListing(second);
      const listing = (await l.seller.client.ok(LISTING, { id: otherId })).listing;
      expect(listing.status).to.equal('WITHDRAWN');
      const last = listing.history.at(-1);
      expect(last).to.deep.include({ from: second, to: 'WITHDRAWN' });
      expect(last.reason).to.include(`transferred to another organization by deal ${deal.id}`);
      expect(listing.history.filter((h: any) => h.to === 'WITHDRAWN')).to.have.length(1);
    });
  }

  it('the withdrawn listing leaves the public search; the seller can neither republish nor relist the asset', async () => {
    const { l, otherId } = await transferWithSecondListing('PUBLISHED');
    expect((await anon.ok(LISTING, { id: otherId })).listing).to.equal(null);
    const hits = (await anon.ok(SEARCH, { text: '一种高纯石墨提纯方法' })).listings.edges.map((e: any) => e.node.id);
    expect(hits).to.not.include(otherId);
    await l.seller.client.fails(PUBLISH, { id: otherId }, 'CONFLICT');
    const relist = await l.seller.client.raw(CREATE, { input: { assetId: l.assetId, modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '1.00' } });
    expect(relist.errors?.[0]?.extensions?.code).to.be.oneOf(['FORBIDDEN', 'CONFLICT']);
    expect((await l.seller.client.ok(LISTING, { id: otherId })).listing.status).to.equal('WITHDRAWN');
  });

  it('the buyer, now the owner, lists and publishes the asset', async () => {
    const { l, b } = await transferWithSecondListing('DRAFT');
    const mine = (await b.client.ok(CREATE, { input: { assetId: l.assetId, modes: ['TRANSFER'], askingPrice: '5000.00' } })).createListing;
    expect(mine.status).to.equal('DRAFT');
    expect(mine.holder.id).to.equal(b.orgId);
    expect((await b.client.ok(PUBLISH, { id: mine.id })).publishListing.status).to.equal('PUBLISHED');
    expect((await anon.ok(LISTING, { id: mine.id })).listing.holder.id).to.equal(b.orgId);
  });

  it('a redelivered payment event, and a repeated confirmation, withdraw nothing twice and keep the buyer’s new listing', async () => {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'], askingPrice: '4000.00' });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '4000.00' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    await l.seller.client.ok(WITHDRAW, { id: l.listingId });
    const draft = (await l.seller.client.ok(CREATE, { input: { assetId: l.assetId, modes: ['TRANSFER'], askingPrice: '4100.00' } })).createListing;
    const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 400_000 });
    expect((await deliver(url, event)).body.outcome).to.equal('applied');
    await completeTransfer(l.seller.client, b.client, deal.id);
    const mine = (await b.client.ok(CREATE, { input: { assetId: l.assetId, modes: ['TRANSFER'], askingPrice: '5000.00' } })).createListing;
    const again = await deliver(url, event);
    expect(again.status).to.equal(200);
    expect(again.body.outcome).to.equal('duplicate');
    await l.seller.client.fails(CONFIRM_RECORDAL, { dealId: deal.id }, 'CONFLICT');
    expect((await b.client.ok(LISTING, { id: mine.id })).listing.status).to.equal('DRAFT');
    const withdrawn = (await l.seller.client.ok(LISTING, { id: draft.id })).listing;
    expect(withdrawn.history.filter((h: any) => h.to === 'WITHDRAWN')).to.have.length(1);
  });
});
