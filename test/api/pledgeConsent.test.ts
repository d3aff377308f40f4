// Civil Code art. 444(2): while an asset is pledged it is transferred or licensed - exclusive, sole,
// non-exclusive or open licence - only with the pledgee bank's consent to that one deal. Pledges are
// recorded through the financing API; deals are paid through Stripe (stripe-mock) and completed by
// signed webhook deliveries.
import { expect } from 'chai';
import { Client, signInAdmin } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import {
  ACCEPT, PAY, PROPOSE, RECORD_RECORDAL, acceptedDeal, buyer, completeTransfer, noticeNumber, deliver, getDeal, intentEvent, paymentsStack, propose, sellerWithListing, type SellerWithListing,
} from '../helpers/deals';
import { RELEASE, pledgedThroughApi, type World } from '../helpers/financing';
import { AUDIT } from '../helpers/indicators';
import { todayInShanghai } from '../../services/rules/calendar';

const REG_FIELDS = `id registrationNumber status consents { dealId decision note dealType licenseType price buyer { id } by { id } asset { id } } history { from to reason }`;
const GRANT = `mutation($r: ID!, $d: ID!, $note: String) { grantPledgeeConsent(registrationId: $r, dealId: $d, note: $note) { ${REG_FIELDS} } }`;
const REFUSE = `mutation($r: ID!, $d: ID!, $reason: String!) { refusePledgeeConsent(registrationId: $r, dealId: $d, reason: $reason) { ${REG_FIELDS} } }`;
const CONSENT_STATE = `query($id: ID!) { deal(id: $id) { id status pledgeeConsent problem license { id type } asset { id owner { id } activePledge { id } } } }`;
const LISTING_STATE = `query($id: ID!) { listing(id: $id) { id status suspended suspendedReason } }`;
const MY_DEALS = `{ myDeals { id } }`;

describe('Civil Code art. 444: deals over a pledged asset need the pledgee\'s consent to that deal', () => {
  let anon: Client;
  let url: string;
  let w: World;

  before(async function () {
    this.timeout(120_000);
    const { stack } = await paymentsStack();
    url = stack.server.url;
    anon = new Client(url);
    w = { anon, regulator: await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD) };
  });

  const pay = async (client: Client, id: string) => (await client.ok(PAY, { id })).payDeal;
  const paid = (session: { paymentIntentId: string }, dealId: string, amountFen: number) =>
    deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId, amount: amountFen }));
  const state = async (client: Client, id: string) => (await client.ok(CONSENT_STATE, { id })).deal;

  /** A published listing (every licence type and transfer), then its asset pledged through the financing API. */
  async function pledgedListing(opts: Parameters<typeof sellerWithListing>[1] = {}) {
    const l = await sellerWithListing(anon, opts);
    const pledge = await pledgedThroughApi(w, l.seller, [l.assetId]);
    return { l, pledge, reg: pledge.registration as { id: string; registrationNumber: string } };
  }

  const KINDS: { name: string; input: Record<string, unknown>; price: string; fen: number }[] = [
    { name: 'an EXCLUSIVE licence', input: { type: 'LICENSE', licenseType: 'EXCLUSIVE', termMonths: 12 }, price: '41000.00', fen: 4_100_000 },
    { name: 'a SOLE licence', input: { type: 'LICENSE', licenseType: 'SOLE', termMonths: 12 }, price: '42000.00', fen: 4_200_000 },
    { name: 'a NON_EXCLUSIVE licence', input: { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12 }, price: '43000.00', fen: 4_300_000 },
    { name: 'a TRANSFER', input: { type: 'TRANSFER' }, price: '44000.00', fen: 4_400_000 },
  ];

  for (const kind of KINDS) {
    it(`${kind.name}: CONFLICT without consent at proposal and acceptance; with the pledgee's consent it completes`, async () => {
      const { l, pledge, reg } = await pledgedListing();
      const b = await buyer(anon);
      const input = { listingId: l.listingId, ...kind.input, price: kind.price };

      // Without consent: the proposal is refused, naming the registration, and nothing is created.
      const refused = await b.client.fails(PROPOSE, { input }, 'CONFLICT');
      expect(refused.message).to.contain(reg.registrationNumber).and.to.contain('art. 444');
      expect((await b.client.ok(MY_DEALS)).myDeals).to.deep.equal([]);

      // Asking for consent records the proposal; the seller still cannot accept it.
      const deal = await propose(b.client, { ...input, pledgeConsentRequested: true });
      expect(deal.status).to.equal('PROPOSED');
      expect((await state(b.client, deal.id)).pledgeeConsent).to.equal('REQUIRED');
      const noConsent = await l.seller.client.fails(ACCEPT, { id: deal.id }, 'CONFLICT');
      expect(noConsent.message).to.contain(reg.registrationNumber);
      expect((await getDeal(b.client, deal.id)).status).to.equal('PROPOSED');

      // The pledgee consents to this deal: recorded on the registration with who, what and when.
      const granted = (await pledge.bank.client.ok(GRANT, { r: reg.id, d: deal.id, note: '所得价款优先清偿贷款' })).grantPledgeeConsent;
      expect(granted.consents).to.have.length(1);
      expect(granted.consents[0]).to.deep.include({
        dealId: deal.id, decision: 'GRANTED', note: '所得价款优先清偿贷款', dealType: kind.input.type,
        licenseType: (kind.input.licenseType as string | undefined) ?? null, price: kind.price,
        buyer: { id: b.orgId }, by: { id: pledge.bank.userId }, asset: { id: l.assetId },
      });
      expect(granted.history.map((h: { to: string }) => h.to)).to.deep.equal(['ACTIVE', 'ACTIVE']);
      expect(granted.history[1].reason).to.contain(deal.id);
      expect((await state(b.client, deal.id)).pledgeeConsent).to.equal('GRANTED');

      await l.seller.client.ok(ACCEPT, { id: deal.id });
      const session = await pay(b.client, deal.id);
      expect((await paid(session, deal.id, kind.fen)).status).to.equal(200);
      if (kind.input.type === 'TRANSFER') await completeTransfer(l.seller.client, b.client, deal.id); // it takes effect on CNIPA recordal
      const done = await state(b.client, deal.id);
      expect(done.status).to.equal('COMPLETED');
      if (kind.input.type === 'TRANSFER') {
        // The pledge goes with the right (the pledgee is paid from the proceeds and releases it itself).
        expect(done.asset.owner.id).to.equal(b.orgId);
        expect(done.asset.activePledge.id).to.equal(reg.id);
        const audit = (await w.regulator.ok(AUDIT, { year: Number(todayInShanghai().slice(0, 4)) })).indicatorAudit;
        expect(audit.rows.filter((r: { consistent: boolean }) => !r.consistent), 'indicators after a consented transfer').to.deep.equal([]);
      } else {
        expect(done.license.type).to.equal(kind.input.licenseType);
      }
    });
  }

  it('paid after the pledge without consent: the deal is held PAID (no licence) until the pledgee consents, then completes', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 6, price: '9000.00' });
    const session = await pay(b.client, deal.id);
    const pledge = await pledgedThroughApi(w, l.seller, [l.assetId]); // registered while the payment is under way
    const reg = pledge.registration as { id: string; registrationNumber: string };
    expect((await paid(session, deal.id, 900_000)).body.outcome).to.equal('applied');
    const held = await state(b.client, deal.id);
    expect(held).to.deep.include({ status: 'PAID', pledgeeConsent: 'REQUIRED', license: null });
    expect(held.problem).to.contain(reg.registrationNumber);

    // A refusal leaves it held; consent completes it at once.
    await pledge.bank.client.ok(REFUSE, { r: reg.id, d: deal.id, reason: '贷款未结清' });
    expect(await state(b.client, deal.id)).to.deep.include({ status: 'PAID', pledgeeConsent: 'REFUSED' });
    await pledge.bank.client.ok(GRANT, { r: reg.id, d: deal.id });
    const done = await state(b.client, deal.id);
    expect(done).to.deep.include({ status: 'COMPLETED', pledgeeConsent: 'GRANTED', problem: null });
    expect(done.license.type).to.equal('NON_EXCLUSIVE');
  });

  it('a transfer paid while pledged without consent cannot be recorded; after the release its recordal completes it', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '8000.00' });
    const session = await pay(b.client, deal.id);
    const pledge = await pledgedThroughApi(w, l.seller, [l.assetId]);
    await paid(session, deal.id, 800_000);
    expect((await state(b.client, deal.id)).status).to.equal('PAID');
    const refused = await b.client.fails(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: todayInShanghai() }, 'CONFLICT');
    expect(refused.message).to.contain((pledge.registration as { registrationNumber: string }).registrationNumber);
    await pledge.bank.client.ok(RELEASE, { id: (pledge.registration as { id: string }).id, releasedOn: todayInShanghai() });
    expect((await state(b.client, deal.id)).status).to.equal('PAID'); // still awaiting its recordal
    await completeTransfer(l.seller.client, b.client, deal.id);
    const done = await state(b.client, deal.id);
    expect(done).to.deep.include({ status: 'COMPLETED', pledgeeConsent: 'NOT_REQUIRED', problem: null });
    expect(done.asset.owner.id).to.equal(b.orgId);
  });

  it('accepted before the pledge: pay is CONFLICT until consent; a refusal is named in the CONFLICT', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'SOLE', termMonths: 6, price: '7000.00' });
    const pledge = await pledgedThroughApi(w, l.seller, [l.assetId]);
    const reg = pledge.registration as { id: string };
    await b.client.fails(PAY, { id: deal.id }, 'CONFLICT');
    await pledge.bank.client.ok(REFUSE, { r: reg.id, d: deal.id, reason: '影响质物价值' });
    const err = await b.client.fails(PAY, { id: deal.id }, 'CONFLICT');
    expect(err.message).to.contain('refused').and.to.contain('影响质物价值');
    expect((await getDeal(b.client, deal.id)).status).to.equal('ACCEPTED');
    await pledge.bank.client.ok(GRANT, { r: reg.id, d: deal.id });
    expect((await pay(b.client, deal.id)).dealId).to.equal(deal.id);
  });

  it('only the pledgee bank decides: another bank, the pledgor, the buyer and the regulator are FORBIDDEN and nothing is recorded', async () => {
    const { l, pledge, reg } = await pledgedListing();
    const b = await buyer(anon);
    const deal = await propose(b.client, { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '5000.00', pledgeConsentRequested: true });
    const stranger = await sellerWithListing(anon);
    const other = await pledgedThroughApi(w, stranger.seller, [stranger.assetId]);
    for (const caller of [other.bank.client, l.seller.client, b.client, w.regulator]) {
      await caller.fails(GRANT, { r: reg.id, d: deal.id }, 'FORBIDDEN');
      await caller.fails(REFUSE, { r: reg.id, d: deal.id, reason: 'x' }, 'FORBIDDEN');
    }
    await anon.fails(GRANT, { r: reg.id, d: deal.id }, 'UNAUTHENTICATED');
    const regs = await pledge.bank.client.ok(`query { pledgeRegistrations(filter: { status: ACTIVE }) { edges { node { id consents { dealId } } } } }`);
    const mine = regs.pledgeRegistrations.edges.find((e: { node: { id: string } }) => e.node.id === reg.id);
    expect(mine.node.consents).to.deep.equal([]);
    await pledge.bank.client.fails(REFUSE, { r: reg.id, d: deal.id, reason: '  ' }, 'BAD_USER_INPUT', 'reason');
    await pledge.bank.client.fails(GRANT, { r: reg.id, d: 'nope' }, 'BAD_USER_INPUT', 'dealId');
    // A deal over an asset this registration does not cover is none of its pledgee's business.
    const elsewhere = await propose(b.client, { listingId: stranger.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '5000.00', pledgeConsentRequested: true });
    await pledge.bank.client.fails(GRANT, { r: reg.id, d: elsewhere.id }, 'NOT_FOUND');
  });

  it('one consent covers one deal: another deal on the same asset is CONFLICT, and a used consent cannot be given again', async () => {
    const { l, pledge, reg } = await pledgedListing();
    const first = await buyer(anon);
    const second = await buyer(anon);
    const terms = { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, pledgeConsentRequested: true };
    const a = await propose(first.client, { ...terms, price: '5000.00' });
    const b = await propose(second.client, { ...terms, price: '5000.00' });
    await pledge.bank.client.ok(GRANT, { r: reg.id, d: a.id });
    await pledge.bank.client.fails(GRANT, { r: reg.id, d: a.id }, 'CONFLICT'); // already given
    const err = await l.seller.client.fails(ACCEPT, { id: b.id }, 'CONFLICT');
    expect(err.message).to.contain(reg.registrationNumber);
    expect((await state(second.client, b.id)).pledgeeConsent).to.equal('REQUIRED');
    await l.seller.client.ok(ACCEPT, { id: a.id });
    const session = await pay(first.client, a.id);
    await paid(session, a.id, 500_000);
    expect((await getDeal(first.client, a.id)).status).to.equal('COMPLETED');
    // The transaction happened: the consent is spent; a decision on a completed deal is CONFLICT.
    await pledge.bank.client.fails(GRANT, { r: reg.id, d: a.id }, 'CONFLICT');
    await pledge.bank.client.fails(REFUSE, { r: reg.id, d: a.id, reason: '撤回' }, 'CONFLICT');
    await l.seller.client.fails(ACCEPT, { id: b.id }, 'CONFLICT');
  });

  it('an open licence is suspended while its patent is pledged (not takeable) and resumes on release', async () => {
    const l: SellerWithListing = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '12000.00' });
    expect((await anon.ok(LISTING_STATE, { id: l.listingId })).listing).to.deep.include({ status: 'PUBLISHED', suspended: false, suspendedReason: null });
    const pledge = await pledgedThroughApi(w, l.seller, [l.assetId]);
    const reg = pledge.registration as { id: string };
    const listing = (await anon.ok(LISTING_STATE, { id: l.listingId })).listing;
    expect(listing).to.deep.include({ status: 'PUBLISHED', suspended: true });
    expect(listing.suspendedReason).to.contain('pledged');
    const b = await buyer(anon);
    const input = { listingId: l.listingId, type: 'OPEN_LICENSE', price: '12000.00' };
    const err = await b.client.fails(PROPOSE, { input }, 'CONFLICT');
    expect(err.message).to.contain('suspended');
    await b.client.fails(PROPOSE, { input: { ...input, pledgeConsentRequested: true } }, 'CONFLICT');
    expect((await b.client.ok(MY_DEALS)).myDeals).to.deep.equal([]);

    await pledge.bank.client.ok(RELEASE, { id: reg.id, releasedOn: todayInShanghai() });
    expect((await anon.ok(LISTING_STATE, { id: l.listingId })).listing).to.deep.include({ suspended: false, suspendedReason: null });
    const deal = await propose(b.client, input);
    expect(deal.status).to.equal('ACCEPTED');
    expect((await state(b.client, deal.id)).pledgeeConsent).to.equal('NOT_REQUIRED');
  });
});
