// Payment schedules under attack and under faults (review of issue 17 point 2): royalty arithmetic at
// its boundaries (a final licence year shorter than 12 months, sales exactly at the minimum, a year
// without sales, sales at 2^53 fen), the same period reported several times at once, instalments
// acted on by strangers and the wrong party, one webhook delivered several times at once, events
// out of order, a chargeback on an instalment, and a scheduled deal cancelled after its upfront part.
// (Several API processes on one database need MongoDB: FerretDB 1.24's conditional updates are not
// atomic across processes, and a second server on the embedded FerretDB is refused by its lease;
// README "Running in production". So the races here are within one process.)
import { expect } from 'chai';
import { Client, signInAdmin } from '../helpers/client';
import { ACCEPT, CANCEL, PAY, buyer, chargeEvent, deliver, intentEvent, paymentsStack, sellerWithListing } from '../helpers/deals';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type Stack } from '../helpers/stack';
import { addDays, addMonths, todayInShanghai } from '../../services/rules/calendar';

const FIELDS = `id status disputed license { startsOn }
  instalments { id kind amount status settlement paymentIntentId history { to }
    royaltyReport { period netSales royalty minimumTopUp } }`;
const PROPOSE = `mutation($input: ProposeDealInput!) { proposeDeal(input: $input) { ${FIELDS} } }`;
const DEAL = `query($id: ID!) { deal(id: $id) { ${FIELDS} } }`;
const REACHED = `mutation($d: ID!, $i: ID!) { markMilestoneReached(dealId: $d, instalmentId: $i) { id } }`;
const PAY_INST = `mutation($d: ID!, $i: ID!) { payInstalment(dealId: $d, instalmentId: $i) { instalmentId paymentIntentId amount } }`;
const RECORD = `mutation($d: ID!, $i: ID!, $input: BankTransferInput!) { recordInstalmentTransfer(dealId: $d, instalmentId: $i, input: $input) { id } }`;
const CONFIRM = `mutation($d: ID!, $i: ID!) { confirmInstalmentTransfer(dealId: $d, instalmentId: $i) { id } }`;
const REPORT = `mutation($d: ID!, $input: RoyaltyReportInput!) { fileRoyaltyReport(dealId: $d, input: $input) { ${FIELDS} } }`;

describe('deals: payment schedules under attack and faults', () => {
  let anon: Client;
  let stack: Stack;
  let url: string;
  let regulator: Client;

  before(async function () {
    this.timeout(120_000);
    stack = (await paymentsStack()).stack;
    url = stack.server.url;
    anon = new Client(url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterEach(() => stack.shiftClockDays(0));

  const today = () => todayInShanghai();
  /** Days from the real today to `date` (the clock shift that makes it today). */
  const daysUntil = (date: string) => Math.round((Date.parse(date) - Date.parse(today())) / 86_400_000);

  /** A licence with a payment schedule, accepted and completed by its upfront part paid through Stripe. */
  async function completedLicence(termMonths: number, schedule: Record<string, unknown>, price: string) {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const input = { listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths, price, schedule };
    const dealId = (await b.client.ok(PROPOSE, { input })).proposeDeal.id;
    await l.seller.client.ok(ACCEPT, { id: dealId });
    const session = (await b.client.ok(PAY, { id: dealId })).payDeal;
    const fen = Math.round(Number(session.amount) * 100);
    const paid = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId, amount: fen }));
    expect(paid.body.outcome).to.equal('applied');
    const deal = (await b.client.ok(DEAL, { id: dealId })).deal;
    expect(deal.status).to.equal('COMPLETED');
    return { dealId, buyer: b.client, seller: l.seller.client, startsOn: deal.license.startsOn as string, deal };
  }
  const royalties = (deal: any) => deal.instalments.filter((i: any) => i.kind === 'ROYALTY');

  it('minimum annual royalty: sales exactly at the minimum top up nothing; a final licence year shorter than 12 months has no minimum; money past 2^53 fen is refused', async function () {
    this.timeout(120_000);
    // 18 months, annual periods: period 1 is a complete licence year, period 2 (months 12..18) is not.
    const royalty = { rateBps: 100, period: 'ANNUAL', minimumAnnual: '100000.00' };
    const d = await completedLicence(18, { upfront: '10000.00', royalty }, '10000.00');
    const report = (c: Client, period: number, netSales: string) => c.raw(REPORT, { d: d.dealId, input: { period, netSales } });
    const year1Ends = addMonths(d.startsOn, 12);

    stack.shiftClockDays(daysUntil(year1Ends) - 1); // the last day of the period: not ended yet
    await d.buyer.fails(REPORT, { d: d.dealId, input: { period: 1, netSales: '1.00' } }, 'BAD_USER_INPUT', 'input.period');
    stack.shiftClockDays(daysUntil(year1Ends)); // its end (exclusive) is today: it may be reported
    await d.buyer.fails(REPORT, { d: d.dealId, input: { period: 1, netSales: '-0.01' } }, 'BAD_USER_INPUT', 'input.netSales');
    for (const netSales of ['0.001', '90071992547409.92' /* 2^53 fen */, '1e6']) {
      expect((await report(d.buyer, 1, netSales)).errors?.[0]?.extensions?.code, netSales).to.equal('BAD_USER_INPUT');
    }
    expect(royalties((await d.buyer.ok(DEAL, { id: d.dealId })).deal)).to.deep.equal([]); // nothing written

    // 10,000,000.00 x 1% = 100,000.00: exactly the minimum, no top-up.
    const year1 = royalties((await d.buyer.ok(REPORT, { d: d.dealId, input: { period: 1, netSales: '10000000.00' } })).fileRoyaltyReport);
    expect(year1.map((i: any) => [i.amount, i.status, i.royaltyReport])).to.deep.equal([
      ['100000.00', 'DUE', { period: 1, netSales: '10000000.00', royalty: '100000.00', minimumTopUp: '0.00' }],
    ]);

    // Period 2 ends with the licence (month 18); no sales in it. A 6-month year carries no minimum.
    await d.buyer.fails(REPORT, { d: d.dealId, input: { period: 2, netSales: '0.00' } }, 'BAD_USER_INPUT', 'input.period'); // not ended
    stack.shiftClockDays(daysUntil(addMonths(d.startsOn, 18)));
    const after = royalties((await d.buyer.ok(REPORT, { d: d.dealId, input: { period: 2, netSales: '0.00' } })).fileRoyaltyReport);
    expect(after[1].royaltyReport).to.deep.equal({ period: 2, netSales: '0.00', royalty: '0.00', minimumTopUp: '0.00' });
    expect(after[1]).to.include({ amount: '0.00', status: 'PAID' });
    await d.buyer.fails(REPORT, { d: d.dealId, input: { period: 3, netSales: '0.00' } }, 'BAD_USER_INPUT', 'input.period'); // 2 periods only
  });

  it('a year without sales: its quarters are 0 and paid at once, the last one carries the whole minimum; one period reported four times at once counts once; sales of 2^53 - 1 fen', async function () {
    this.timeout(120_000);
    const royalty = { rateBps: 350, period: 'QUARTERLY', minimumAnnual: '1000.00' };
    const d = await completedLicence(24, { upfront: '10000.00', royalty }, '10000.00');
    stack.shiftClockDays(daysUntil(addMonths(d.startsOn, 3)));

    // Period 1 filed four times at once: one report, one instalment.
    const clients = Array.from({ length: 4 }, () => d.buyer);
    const answers = await Promise.all(clients.map((c) => c.raw(REPORT, { d: d.dealId, input: { period: 1, netSales: '0.00' } })));
    expect(answers.filter((a) => !a.errors)).to.have.length(1);
    for (const a of answers.filter((x) => x.errors)) expect(['CONFLICT', 'BAD_USER_INPUT']).to.include(a.errors![0]!.extensions!.code);
    const q1 = royalties((await d.buyer.ok(DEAL, { id: d.dealId })).deal);
    expect(q1.map((i: any) => [i.royaltyReport.period, i.amount, i.status])).to.deep.equal([[1, '0.00', 'PAID']]);

    stack.shiftClockDays(daysUntil(addMonths(d.startsOn, 12)));
    await d.buyer.ok(REPORT, { d: d.dealId, input: { period: 2, netSales: '0.00' } });
    await d.buyer.ok(REPORT, { d: d.dealId, input: { period: 3, netSales: '0.00' } });
    const year = royalties((await d.buyer.ok(REPORT, { d: d.dealId, input: { period: 4, netSales: '0.00' } })).fileRoyaltyReport);
    expect(year.map((i: any) => [i.amount, i.status, i.royaltyReport.minimumTopUp])).to.deep.equal([
      ['0.00', 'PAID', '0.00'],
      ['0.00', 'PAID', '0.00'],
      ['0.00', 'PAID', '0.00'],
      ['1000.00', 'DUE', '1000.00'],
    ]);

    // The largest amount held exactly: 9,007,199,254,740,991 fen x 3.5% = 315,251,973,915,934.685 fen -> ...935 (half up).
    stack.shiftClockDays(daysUntil(addMonths(d.startsOn, 15)));
    const big = royalties((await d.buyer.ok(REPORT, { d: d.dealId, input: { period: 5, netSales: '90071992547409.91' } })).fileRoyaltyReport)[4];
    expect(big).to.include({ amount: '3152519739159.35', status: 'DUE' });
    expect(big.royaltyReport).to.deep.equal({ period: 5, netSales: '90071992547409.91', royalty: '3152519739159.35', minimumTopUp: '0.00' });
    // Above Stripe's limit: only a bank transfer of the exact amount pays it.
    await d.buyer.fails(PAY_INST, { d: d.dealId, i: big.id }, 'CONFLICT');
    const wire = { reference: 'BIG-Q5-0001', amount: '3152519739159.35', paidOn: addDays(today(), daysUntil(addMonths(d.startsOn, 15))) };
    // A value date before the deal was accepted (backdating a payment) is refused, as for the deal's own transfers.
    await d.buyer.fails(RECORD, { d: d.dealId, i: big.id, input: { ...wire, paidOn: addDays(today(), -1) } }, 'BAD_USER_INPUT', 'input.paidOn');
    await d.buyer.ok(RECORD, { d: d.dealId, i: big.id, input: wire });
    // One wire cannot pay two instalments: the Q4 royalty recorded with the same reference is refused.
    await d.buyer.fails(RECORD, { d: d.dealId, i: year[3].id, input: { ...wire, amount: '1000.00' } }, 'BAD_USER_INPUT', 'input.reference');
    await d.buyer.fails(CONFIRM, { d: d.dealId, i: big.id }, 'FORBIDDEN'); // the payer cannot confirm its own transfer
    await d.seller.ok(CONFIRM, { d: d.dealId, i: big.id });
    expect(royalties((await d.seller.ok(DEAL, { id: d.dealId })).deal)[4].status).to.equal('PAID');
  });

  it('an instalment paid by Stripe: strangers and the wrong party cannot see or act; paid and its webhook taken once under races; late failures change nothing; a chargeback flags the deal for the REGULATOR', async function () {
    this.timeout(120_000);
    const d = await completedLicence(12, { upfront: '3000.00', milestones: [{ description: '技术交底', amount: '2000.00', dueOn: today() }] }, '5000.00');
    const m = d.deal.instalments[0].id;
    const stranger = (await buyer(anon)).client;

    // Nobody but the parties reads the schedule, even nested; nobody else acts on it.
    expect((await stranger.ok(DEAL, { id: d.dealId })).deal).to.equal(null);
    expect((await anon.ok(DEAL, { id: d.dealId })).deal).to.equal(null);
    expect((await regulator.ok(DEAL, { id: d.dealId })).deal).to.equal(null); // not disputed yet
    await anon.fails(REACHED, { d: d.dealId, i: m }, 'UNAUTHENTICATED');
    await stranger.fails(REACHED, { d: d.dealId, i: m }, 'NOT_FOUND');
    await d.buyer.fails(REACHED, { d: d.dealId, i: m }, 'FORBIDDEN');
    await d.seller.ok(REACHED, { d: d.dealId, i: m });
    await stranger.fails(PAY_INST, { d: d.dealId, i: m }, 'NOT_FOUND');
    await d.seller.fails(PAY_INST, { d: d.dealId, i: m }, 'FORBIDDEN');
    await anon.fails(PAY_INST, { d: d.dealId, i: m }, 'UNAUTHENTICATED');
    await stranger.fails(REPORT, { d: d.dealId, input: { period: 1, netSales: '1.00' } }, 'NOT_FOUND');
    await stranger.fails(CONFIRM, { d: d.dealId, i: m }, 'NOT_FOUND');
    // Another deal's instalment id is not found in this deal.
    await d.buyer.fails(PAY_INST, { d: d.dealId, i: d.dealId }, 'NOT_FOUND');

    // Paying four times at once: one intent; the instalment holds it.
    const clients = Array.from({ length: 4 }, () => d.buyer);
    const sessions = await Promise.all(clients.map((c) => c.raw(PAY_INST, { d: d.dealId, i: m })));
    const ok = sessions.filter((s) => !s.errors).map((s) => s.data.payInstalment.paymentIntentId);
    for (const s of sessions.filter((x) => x.errors)) expect(s.errors![0]!.extensions!.code).to.equal('CONFLICT');
    const pending = (await d.buyer.ok(DEAL, { id: d.dealId })).deal.instalments[0];
    expect(pending).to.include({ status: 'PAYMENT_PENDING', settlement: 'STRIPE' });
    expect(ok.length).to.be.greaterThan(0);
    expect(new Set(ok)).to.deep.equal(new Set([pending.paymentIntentId]));
    const intentId = pending.paymentIntentId as string;

    // The succeeded event delivered three times at once, and a second event for the same payment: applied once.
    const event = intentEvent('payment_intent.succeeded', { intentId, dealId: d.dealId, instalmentId: m, amount: 200_000 });
    const again = intentEvent('payment_intent.succeeded', { intentId, dealId: d.dealId, instalmentId: m, amount: 200_000 });
    // (A delivery that finds the event being applied by another is answered 409: Stripe retries it later.)
    const outcomes = (await Promise.all([event, event, event, again].map((e) => deliver(url, e)))).map((r) => r.body.outcome ?? r.status);
    expect(outcomes.filter((o) => o === 'applied'), JSON.stringify(outcomes)).to.have.length(1);
    for (const o of outcomes.filter((x) => x !== 'applied')) expect(['duplicate', 409, 'ignored']).to.include(o);
    expect((await deliver(url, event)).body.outcome).to.equal('duplicate'); // Stripe's retry
    // A failure of the same intent arriving late changes nothing.
    const late = intentEvent('payment_intent.payment_failed', { intentId, dealId: d.dealId, instalmentId: m, amount: 200_000 });
    expect((await deliver(url, late)).body.outcome).to.equal('ignored');
    const paid = (await d.seller.ok(DEAL, { id: d.dealId })).deal.instalments[0];
    expect(paid).to.include({ status: 'PAID', paymentIntentId: intentId });
    expect(paid.history.map((h: any) => h.to)).to.deep.equal(['DUE', 'PAYMENT_PENDING', 'PAID']);

    // A chargeback on the instalment's payment flags the deal like one on the upfront part.
    const dispute = await deliver(url, chargeEvent('charge.dispute.created', { intentId, amount: 200_000, reason: 'product_not_received' }));
    expect(dispute.body.outcome).to.equal('applied');
    expect((await d.buyer.ok(DEAL, { id: d.dealId })).deal.disputed).to.equal(true);
    const seen = (await regulator.ok(DEAL, { id: d.dealId })).deal;
    expect(seen).to.include({ disputed: true, status: 'COMPLETED' });
    expect(seen.instalments[0]).to.include({ status: 'PAID' });
    // A refund nobody asked for (the Dashboard) does not move the instalment back: rejected, for an operator.
    expect((await deliver(url, chargeEvent('charge.refunded', { intentId, amount: 200_000 }))).body.outcome).to.equal('rejected');
    expect((await d.buyer.ok(DEAL, { id: d.dealId })).deal.instalments[0].status).to.equal('PAID');
    expect((await stranger.ok(DEAL, { id: d.dealId })).deal).to.equal(null); // still not a stranger's
  });

  it('a scheduled TRANSFER cancelled after its upfront part is paid: only the upfront part is refunded and its milestones can never be paid', async function () {
    this.timeout(120_000);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const schedule = { upfront: '3000.00', milestones: [{ description: '技术交底', amount: '2000.00', dueOn: today() }] };
    const dealId = (await b.client.ok(PROPOSE, { input: { listingId: l.listingId, type: 'TRANSFER', price: '5000.00', schedule } })).proposeDeal.id;
    await l.seller.client.ok(ACCEPT, { id: dealId });
    const session = (await b.client.ok(PAY, { id: dealId })).payDeal;
    expect((await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId, amount: 300_000 }))).body.outcome).to.equal('applied');
    const m = (await b.client.ok(DEAL, { id: dealId })).deal.instalments[0].id;
    await l.seller.client.fails(REACHED, { d: dealId, i: m }, 'CONFLICT'); // PAID, not COMPLETED (no recordal yet)
    const cancelled = (await b.client.ok(CANCEL, { id: dealId, reason: '放弃' })).cancelDeal;
    expect(cancelled.status).to.equal('REFUND_PENDING');
    const refund = (await b.client.ok(`query($id: ID!) { deal(id: $id) { refund { amount method } } }`, { id: dealId })).deal.refund;
    expect(refund).to.deep.equal({ amount: '3000.00', method: 'STRIPE' });
    expect((await deliver(url, chargeEvent('charge.refunded', { intentId: session.paymentIntentId, amount: 300_000 }))).body.outcome).to.equal('applied');
    const after = (await b.client.ok(DEAL, { id: dealId })).deal;
    expect(after.status).to.equal('CANCELLED');
    expect(after.instalments.map((i: any) => i.status)).to.deep.equal(['NOT_REACHED']);
    await l.seller.client.fails(REACHED, { d: dealId, i: m }, 'CONFLICT');
    await b.client.fails(PAY_INST, { d: dealId, i: m }, 'CONFLICT');
    await b.client.fails(RECORD, { d: dealId, i: m, input: { reference: 'GONE-0001', amount: '2000.00', paidOn: today() } }, 'CONFLICT');
  });
});
