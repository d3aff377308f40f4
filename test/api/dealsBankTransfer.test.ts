// Any amount (up to 2^53 - 1 fen): above Stripe's per-payment limit (99,999,999 fen = 999,999.99
// yuan) a deal is paid by bank transfer (对公转账). The buyer records each transfer, the seller
// confirms receipt or disputes it with a reason, and only confirmed money counts as paid.
import { expect } from 'chai';
import { Client } from '../helpers/client';
import {
  CANCEL, CONFIRM_RECORDAL, CONFIRM_TRANSFER, DISPUTE_TRANSFER, PAY, PROPOSE, RECORD_RECORDAL, RECORD_TRANSFER, acceptedDeal, buyer, deliver, getDeal,
  intentEvent, noticeNumber, paymentsStack, propose, sellerWithListing,
} from '../helpers/deals';
import { todayInShanghai } from '../../services/rules/calendar';

const NOTES = `{ notifications(first: 50) { edges { node { kind objectId summary } } } }`;

describe('deals of any amount, paid by bank transfer', () => {
  let anon: Client;
  let url: string;

  before(async function () {
    this.timeout(120_000);
    url = (await paymentsStack()).stack.server.url;
    anon = new Client(url);
  });

  const today = () => todayInShanghai();
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const record = (client: Client, dealId: string, input: Record<string, unknown>) => client.ok(RECORD_TRANSFER, { dealId, input }).then((d) => d.recordBankTransfer);
  const kinds = async (client: Client, dealId: string) =>
    (await client.ok(NOTES)).notifications.edges.map((e: any) => e.node).filter((n: any) => n.objectId === dealId).map((n: any) => n.kind);

  it('a 3,000,000 yuan transfer, from proposal to recordal, paid by two bank transfers (one disputed and recorded again)', async () => {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'], askingPrice: '3000000.00' });
    const b = await buyer(anon);
    const proposed = await propose(b.client, { listingId: l.listingId, type: 'TRANSFER', price: '3000000.00' });
    expect(proposed).to.include({ price: '3000000.00', stripeAllowed: false, settlement: null, amountConfirmed: '0.00' });
    const deal = (await l.seller.client.ok(`mutation($id: ID!) { acceptDeal(id: $id) { id status } }`, { id: proposed.id })).acceptDeal;
    expect(deal.status).to.equal('ACCEPTED');
    // Stripe cannot take it in one payment: payDeal says to pay by bank transfer.
    expect((await b.client.fails(PAY, { id: deal.id }, 'CONFLICT')).message).to.match(/bank transfer/);

    const first = await record(b.client, deal.id, { reference: 'ICBC-20250715-0001', amount: '2000000.00', paidOn: today() });
    expect(first).to.include({ status: 'PAYMENT_PENDING', settlement: 'BANK_TRANSFER', amountConfirmed: '0.00', amountAwaitingConfirmation: '2000000.00' });
    expect(first.bankTransfers).to.have.length(1);
    expect(first.bankTransfers[0]).to.include({ reference: 'ICBC-20250715-0001', amount: '2000000.00', paidOn: today(), status: 'RECORDED' });
    const wrong = await record(b.client, deal.id, { reference: 'ICBC-20250715-0002', amount: '1000000.00', paidOn: today() });
    expect(wrong.amountAwaitingConfirmation).to.equal('3000000.00');
    expect(await kinds(l.seller.client, deal.id)).to.include('DEAL_BANK_TRANSFER_RECORDED');

    // The seller confirms the first, disputes the second; the buyer records the right one.
    const [t1, t2] = wrong.bankTransfers.map((t: any) => t.id);
    const part = (await l.seller.client.ok(CONFIRM_TRANSFER, { dealId: deal.id, t: t1 })).confirmBankTransfer;
    expect(part).to.include({ status: 'PAYMENT_PENDING', amountConfirmed: '2000000.00', amountAwaitingConfirmation: '1000000.00' });
    const disputed = (await l.seller.client.ok(DISPUTE_TRANSFER, { dealId: deal.id, t: t2, reason: '账户未收到该笔款项' })).disputeBankTransfer;
    expect(disputed.status).to.equal('PAYMENT_PENDING'); // 2,000,000 already confirmed
    expect(disputed.bankTransfers[1]).to.include({ status: 'DISPUTED', disputeReason: '账户未收到该笔款项' });
    expect(await kinds(b.client, deal.id)).to.include('DEAL_BANK_TRANSFER_DISPUTED');
    // Only confirmed money counts: cancelling now would strand 2,000,000 yuan.
    expect((await b.client.fails(CANCEL, { id: deal.id }, 'CONFLICT')).message).to.match(/ICBC-20250715-0001/);

    const again = await record(b.client, deal.id, { reference: 'ICBC-20250716-0009', amount: '1000000.00', paidOn: today() });
    const t3 = again.bankTransfers[2].id;
    const paid = (await l.seller.client.ok(CONFIRM_TRANSFER, { dealId: deal.id, t: t3 })).confirmBankTransfer;
    expect(paid).to.include({ status: 'PAID', amountConfirmed: '3000000.00', amountAwaitingConfirmation: '0.00', paidOn: today() });
    expect(paid.asset.owner.id).to.equal(l.seller.orgId); // paid, not yet transferred
    expect(paid.history.at(-1).reason).to.match(/3000000\.00 yuan received in full/);

    await b.client.ok(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() });
    const done = (await l.seller.client.ok(CONFIRM_RECORDAL, { dealId: deal.id })).confirmRecordal;
    expect(done.status).to.equal('COMPLETED');
    expect(done.asset.owner.id).to.equal(b.orgId);
    expect(done.history.map((h: any) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED']);
    expect((await kinds(b.client, deal.id)).sort()).to.include.members(['DEAL_PAID', 'DEAL_COMPLETED']);
  });

  it('takes prices up to 2^53 - 1 fen (100,000,000.00 yuan and far beyond) and refuses larger ones by name', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    for (const price of ['100000000.00', '90071992547409.91']) {
      const d = await propose(b.client, { listingId: l.listingId, type: 'TRANSFER', price });
      expect(d).to.include({ price, stripeAllowed: false });
    }
    expect((await propose(b.client, { listingId: l.listingId, type: 'TRANSFER', price: '999999.99' })).stripeAllowed).to.equal(true);
    for (const price of ['90071992547409.92', '100000000000000000000.00']) {
      const err = await b.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price } }, 'BAD_USER_INPUT', 'input.price');
      expect(err.message).to.match(/at most 90071992547409\.91 yuan \(2\^53 - 1 fen/);
    }
    for (const price of ['1.001', '-3.00', '0.00']) await b.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price } }, 'BAD_USER_INPUT', 'input.price');
  });

  it('refuses bad transfers with errors naming the field, the wrong party or state, and writes nothing', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '1500000.00' });
    const ok = { reference: 'CCB-0001', amount: '500000.00', paidOn: today() };
    const bad: [Record<string, unknown>, string][] = [
      [{ reference: 'x' }, 'input.reference'],
      [{ reference: 'ICBC 0001' }, 'input.reference'],
      [{ amount: '0.00' }, 'input.amount'],
      [{ amount: '-1.00' }, 'input.amount'],
      [{ amount: '0.001' }, 'input.amount'],
      [{ amount: '1500000.01' }, 'input.amount'], // more than the price
      [{ paidOn: dayAfter(today()) }, 'input.paidOn'], // the future
      [{ paidOn: '2020-01-01' }, 'input.paidOn'], // before the deal was accepted
      [{ paidOn: '2025-13-01' }, 'input.paidOn'],
    ];
    for (const [change, field] of bad) await b.client.fails(RECORD_TRANSFER, { dealId: deal.id, input: { ...ok, ...change } }, 'BAD_USER_INPUT', field);
    await l.seller.client.fails(RECORD_TRANSFER, { dealId: deal.id, input: ok }, 'FORBIDDEN'); // the seller does not record the buyer's payments
    await (await buyer(anon)).client.fails(RECORD_TRANSFER, { dealId: deal.id, input: ok }, 'NOT_FOUND');
    expect(await getDeal(b.client, deal.id)).to.include({ status: 'ACCEPTED', settlement: null });
    expect((await getDeal(b.client, deal.id)).bankTransfers).to.deep.equal([]);

    const one = await record(b.client, deal.id, ok);
    const tid = one.bankTransfers[0].id;
    // the same reference twice, or more than what is left
    await b.client.fails(RECORD_TRANSFER, { dealId: deal.id, input: ok }, 'BAD_USER_INPUT', 'input.reference');
    await b.client.fails(RECORD_TRANSFER, { dealId: deal.id, input: { ...ok, reference: 'CCB-0002', amount: '1000000.01' } }, 'BAD_USER_INPUT', 'input.amount');
    await b.client.fails(CONFIRM_TRANSFER, { dealId: deal.id, t: tid }, 'FORBIDDEN'); // the buyer cannot confirm its own transfer
    await l.seller.client.fails(CONFIRM_TRANSFER, { dealId: deal.id, t: '0123456789abcdef01234567' }, 'NOT_FOUND');
    await l.seller.client.fails(CONFIRM_TRANSFER, { dealId: deal.id, t: 'nope' }, 'BAD_USER_INPUT', 'transferId');
    await l.seller.client.fails(DISPUTE_TRANSFER, { dealId: deal.id, t: tid, reason: '   ' }, 'BAD_USER_INPUT', 'reason');
    await b.client.fails(PAY, { id: deal.id }, 'CONFLICT'); // being settled by bank transfer: no Stripe payment on top
    const after = await getDeal(b.client, deal.id);
    expect(after.bankTransfers.map((t: any) => t.status)).to.deep.equal(['RECORDED']);

    // A dispute of the only transfer returns the deal to ACCEPTED; deciding it again is CONFLICT.
    const back = (await l.seller.client.ok(DISPUTE_TRANSFER, { dealId: deal.id, t: tid, reason: '金额不符' })).disputeBankTransfer;
    expect(back).to.include({ status: 'ACCEPTED', settlement: null, amountConfirmed: '0.00' });
    await l.seller.client.fails(CONFIRM_TRANSFER, { dealId: deal.id, t: tid }, 'CONFLICT');
    expect((await l.seller.client.ok(CANCEL, { id: deal.id, reason: '未收到款项' })).cancelDeal.status).to.equal('CANCELLED');
  });

  it('switching from a failed Stripe payment to bank transfer voids the intent: its late success is rejected', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '4000.00' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    const failed = intentEvent('payment_intent.payment_failed', { intentId: session.paymentIntentId, dealId: deal.id, amount: 400_000 });
    expect((await deliver(url, failed)).body.outcome).to.equal('applied');
    const bank = await record(b.client, deal.id, { reference: 'ABC-4000', amount: '4000.00', paidOn: today() });
    expect(bank).to.include({ status: 'PAYMENT_PENDING', settlement: 'BANK_TRANSFER' });
    const late = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 400_000 }));
    expect(late.body.outcome).to.equal('rejected');
    expect(await getDeal(b.client, deal.id)).to.include({ status: 'PAYMENT_PENDING', settlement: 'BANK_TRANSFER', amountConfirmed: '0.00' });
  });

  it('race: two confirmations of the same transfer at once count once; a licence paid in full completes', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'SOLE', termMonths: 36, price: '2400000.00' });
    const recorded = await record(b.client, deal.id, { reference: 'BOC-7788-01', amount: '2400000.00', paidOn: today() });
    const tid = recorded.bankTransfers[0].id;
    const answers = await Promise.all(Array.from({ length: 5 }, () => l.seller.client.raw(CONFIRM_TRANSFER, { dealId: deal.id, t: tid })));
    expect(answers.filter((r) => !r.errors)).to.have.length(1);
    expect(answers.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).to.have.length(4);
    const done = await getDeal(b.client, deal.id);
    expect(done).to.include({ status: 'COMPLETED', amountConfirmed: '2400000.00', settlement: 'BANK_TRANSFER' });
    expect(done.bankTransfers.map((t: any) => t.status)).to.deep.equal(['CONFIRMED']);
    expect(done.history.filter((h: any) => h.to === 'PAID')).to.have.length(1);
    expect(done.license).to.include({ type: 'SOLE' });
    expect(done.filingDueOn).to.be.a('string');
  });
});
