// Payment schedules (issue 17 point 2): an upfront part (paid as the deal is, and completing it),
// milestones the seller marks reached and the buyer pays, and running royalties the licensee
// reports, with the minimum annual royalty topped up in the last period of each licence year.
// Every instalment is paid once, by Stripe (signed webhooks against stripe-mock) or bank transfer.
import { expect } from 'chai';
import { Client } from '../helpers/client';
import { ACCEPT, PAY, buyer, completeTransfer, deliver, intentEvent, paymentsStack, sellerWithListing } from '../helpers/deals';
import type { Stack } from '../helpers/stack';
import { addDays, addMonths, todayInShanghai } from '../../services/rules/calendar';

const FIELDS = `id status price stripeAllowed amountConfirmed
  schedule { upfront royalty { rateBps period minimumAnnual } }
  license { id startsOn }
  instalments { id kind description amount dueOn status overdue reachedOn settlement paymentIntentId paidOn
    bankTransfer { id reference amount status }
    royaltyReport { period periodStartsOn periodEndsOn netSales royalty minimumTopUp }
    history { from to reason } }
  overdueInstalments { id description }`;
const PROPOSE = `mutation($input: ProposeDealInput!) { proposeDeal(input: $input) { ${FIELDS} } }`;
const DEAL = `query($id: ID!) { deal(id: $id) { ${FIELDS} } }`;
const REACHED = `mutation($d: ID!, $i: ID!) { markMilestoneReached(dealId: $d, instalmentId: $i) { ${FIELDS} } }`;
const PAY_INST = `mutation($d: ID!, $i: ID!) { payInstalment(dealId: $d, instalmentId: $i) { dealId instalmentId paymentIntentId amount currency } }`;
const RECORD = `mutation($d: ID!, $i: ID!, $input: BankTransferInput!) { recordInstalmentTransfer(dealId: $d, instalmentId: $i, input: $input) { ${FIELDS} } }`;
const CONFIRM = `mutation($d: ID!, $i: ID!) { confirmInstalmentTransfer(dealId: $d, instalmentId: $i) { ${FIELDS} } }`;
const DISPUTE = `mutation($d: ID!, $i: ID!, $r: String!) { disputeInstalmentTransfer(dealId: $d, instalmentId: $i, reason: $r) { ${FIELDS} } }`;
const REPORT = `mutation($d: ID!, $input: RoyaltyReportInput!) { fileRoyaltyReport(dealId: $d, input: $input) { ${FIELDS} } }`;
const MY_DEALS = `{ myDeals { id } }`;

describe('deals: payment schedules (upfront, milestones, royalties)', () => {
  let anon: Client;
  let url: string;
  let stack: Stack;

  before(async function () {
    this.timeout(120_000);
    stack = (await paymentsStack()).stack;
    url = stack.server.url;
    anon = new Client(url);
  });
  afterEach(() => stack.shiftClockDays(0));

  const today = () => todayInShanghai();
  const get = async (c: Client, id: string) => (await c.ok(DEAL, { id })).deal;
  const inst = (deal: any, i: number) => deal.instalments[i];
  const succeeded = (intentId: string, dealId: string, amount: number, instalmentId?: string, eventId?: string) =>
    intentEvent('payment_intent.succeeded', { intentId, dealId, instalmentId, amount, eventId });

  /** 1,000,000.00 yuan = 400,000.00 upfront + 250,000.00 + 350,000.00 milestones; 3.5% quarterly royalties, at least 100,000.00 a year. */
  const licenceWithSchedule = (listingId: string) => ({
    listingId,
    type: 'LICENSE',
    licenseType: 'NON_EXCLUSIVE',
    termMonths: 24,
    price: '1000000.00',
    schedule: {
      upfront: '400000.00',
      milestones: [
        { description: '完成中试', amount: '250000.00', dueOn: addDays(today(), 60) },
        { description: '量产验收', amount: '350000.00', dueOn: addDays(today(), 200) },
      ],
      royalty: { rateBps: 350, period: 'QUARTERLY', minimumAnnual: '100000.00' },
    },
  });

  it('a licence: upfront by Stripe completes it; milestones paid once each (Stripe race, webhook replay, bank race); quarterly royalties with the minimum annual royalty; overdue by the clock', async function () {
    this.timeout(120_000);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const seller = l.seller.client;
    const proposed = (await b.client.ok(PROPOSE, { input: licenceWithSchedule(l.listingId) })).proposeDeal;
    expect(proposed.schedule).to.deep.equal({ upfront: '400000.00', royalty: { rateBps: 350, period: 'QUARTERLY', minimumAnnual: '100000.00' } });
    expect(proposed.instalments.map((i: any) => [i.kind, i.description, i.amount, i.status, i.overdue])).to.deep.equal([
      ['MILESTONE', '完成中试', '250000.00', 'NOT_REACHED', false],
      ['MILESTONE', '量产验收', '350000.00', 'NOT_REACHED', false],
    ]);
    // The price (1,000,000.00) is above Stripe's limit; the deal itself takes only the upfront part.
    expect(proposed.stripeAllowed).to.equal(true);
    const dealId = proposed.id;
    await seller.ok(ACCEPT, { id: dealId });

    // Instalments follow completion: nothing can be paid or reached yet.
    await b.client.fails(PAY_INST, { d: dealId, i: inst(proposed, 0).id }, 'CONFLICT');
    await seller.fails(REACHED, { d: dealId, i: inst(proposed, 0).id }, 'CONFLICT');

    // Upfront: 400,000.00 yuan through Stripe; the licence is granted on it.
    const session = (await b.client.ok(PAY, { id: dealId })).payDeal;
    expect(session.amount).to.equal('400000.00');
    expect((await deliver(url, succeeded(session.paymentIntentId, dealId, 40_000_000))).body.outcome).to.equal('applied');
    const completed = await get(b.client, dealId);
    expect(completed).to.include({ status: 'COMPLETED', amountConfirmed: '400000.00' });
    expect(completed.license).to.not.equal(null);
    const startsOn = completed.license.startsOn;

    // Milestone 1 cannot be paid before it is reached (Stripe or bank).
    const m1 = inst(completed, 0).id;
    const m2 = inst(completed, 1).id;
    expect((await b.client.fails(PAY_INST, { d: dealId, i: m1 }, 'CONFLICT')).message).to.match(/not reached/);
    await b.client.fails(RECORD, { d: dealId, i: m1, input: { reference: 'ABC-0001', amount: '250000.00', paidOn: today() } }, 'CONFLICT');
    await b.client.fails(REACHED, { d: dealId, i: m1 }, 'FORBIDDEN');
    await (await buyer(anon)).client.fails(REACHED, { d: dealId, i: m1 }, 'NOT_FOUND');
    const reached = (await seller.ok(REACHED, { d: dealId, i: m1 })).markMilestoneReached;
    expect(inst(reached, 0)).to.include({ status: 'DUE', reachedOn: today(), overdue: false });
    await seller.fails(REACHED, { d: dealId, i: m1 }, 'CONFLICT'); // once

    // Paying milestone 1 five times at once: one PaymentIntent.
    const sessions = await Promise.all(Array.from({ length: 5 }, () => b.client.ok(PAY_INST, { d: dealId, i: m1 })));
    const intents = new Set(sessions.map((s) => s.payInstalment.paymentIntentId));
    expect(intents.size).to.equal(1);
    expect(sessions[0].payInstalment).to.include({ dealId, instalmentId: m1, amount: '250000.00', currency: 'cny' });
    const m1Intent = [...intents][0] as string;
    expect(inst(await get(b.client, dealId), 0)).to.include({ status: 'PAYMENT_PENDING', settlement: 'STRIPE', paymentIntentId: m1Intent });

    // Its signed webhook: applied once; a replay is a duplicate; another event for the same intent changes nothing.
    const event = succeeded(m1Intent, dealId, 25_000_000, m1);
    expect((await deliver(url, event)).body.outcome).to.equal('applied');
    expect((await deliver(url, event)).body.outcome).to.equal('duplicate');
    expect((await deliver(url, succeeded(m1Intent, dealId, 25_000_000, m1))).body.outcome).to.equal('ignored');
    const afterM1 = await get(seller, dealId);
    expect(inst(afterM1, 0)).to.include({ status: 'PAID', paidOn: today(), settlement: 'STRIPE' });
    expect(inst(afterM1, 0).history.map((h: any) => h.to)).to.deep.equal(['DUE', 'PAYMENT_PENDING', 'PAID']);
    expect(inst(afterM1, 1).status).to.equal('NOT_REACHED'); // the other instalment keeps its own state
    await b.client.fails(PAY_INST, { d: dealId, i: m1 }, 'CONFLICT'); // paid once

    // Milestone 2 by bank transfer: the exact amount; two (five) confirmations at once count once.
    await seller.ok(REACHED, { d: dealId, i: m2 });
    const wire = { reference: 'ICBC-M2-0001', amount: '350000.00', paidOn: today() };
    await b.client.fails(RECORD, { d: dealId, i: m2, input: { ...wire, amount: '349999.99' } }, 'BAD_USER_INPUT', 'input.amount');
    await b.client.fails(RECORD, { d: dealId, i: m2, input: { ...wire, paidOn: addDays(today(), 1) } }, 'BAD_USER_INPUT', 'input.paidOn');
    await seller.fails(RECORD, { d: dealId, i: m2, input: wire }, 'FORBIDDEN');
    const recorded = (await b.client.ok(RECORD, { d: dealId, i: m2, input: wire })).recordInstalmentTransfer;
    expect(inst(recorded, 1)).to.include({ status: 'PAYMENT_PENDING', settlement: 'BANK_TRANSFER' });
    expect(inst(recorded, 1).bankTransfer).to.include({ reference: 'ICBC-M2-0001', amount: '350000.00', status: 'RECORDED' });
    await b.client.fails(PAY_INST, { d: dealId, i: m2 }, 'CONFLICT'); // being paid by bank
    await b.client.fails(CONFIRM, { d: dealId, i: m2 }, 'FORBIDDEN');
    const confirmations = await Promise.all(Array.from({ length: 5 }, () => seller.raw(CONFIRM, { d: dealId, i: m2 })));
    expect(confirmations.filter((r) => !r.errors).length).to.equal(1);
    expect(confirmations.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).to.equal(4);
    const afterM2 = await get(b.client, dealId);
    expect(inst(afterM2, 1)).to.include({ status: 'PAID', paidOn: today() });
    expect(inst(afterM2, 1).bankTransfer.status).to.equal('CONFIRMED');
    expect(inst(afterM2, 1).history.filter((h: any) => h.to === 'PAID')).to.have.length(1);

    // Royalties: reported by the licensee, in order, once each period has ended.
    const report = (c: Client, period: number, netSales: string) => c.ok(REPORT, { d: dealId, input: { period, netSales } }).then((r) => r.fileRoyaltyReport);
    await b.client.fails(REPORT, { d: dealId, input: { period: 1, netSales: '1.00' } }, 'BAD_USER_INPUT', 'input.period'); // not ended
    await seller.fails(REPORT, { d: dealId, input: { period: 1, netSales: '1.00' } }, 'FORBIDDEN');
    stack.shiftClockDays(366); // the first licence year is over
    const now = addDays(today(), 366);
    await b.client.fails(REPORT, { d: dealId, input: { period: 2, netSales: '1.00' } }, 'BAD_USER_INPUT', 'input.period'); // in order
    await b.client.fails(REPORT, { d: dealId, input: { period: 1, netSales: '-1.00' } }, 'BAD_USER_INPUT', 'input.netSales');
    await b.client.fails(REPORT, { d: dealId, input: { period: 9, netSales: '1.00' } }, 'BAD_USER_INPUT', 'input.period'); // 24 months = 8 quarters

    // By hand, 350 bps = 3.5%, half up to the fen:
    //   Q1 1,000,001.00 x 3.5% = 35,000.035  -> 35,000.04 (the half fen rounds up)
    //   Q2   800,000.00 x 3.5% = 28,000.00
    //   Q3   123,456.78 x 3.5% =  4,320.9873 -> 4,320.99
    //   Q4   300,000.00 x 3.5% = 10,500.00
    //   year 1 = 77,821.03 < 100,000.00: Q4 carries the top-up 22,178.97 -> Q4 instalment 32,678.97
    const expected = [
      ['1000001.00', '35000.04', '0.00', '35000.04'],
      ['800000.00', '28000.00', '0.00', '28000.00'],
      ['123456.78', '4320.99', '0.00', '4320.99'],
      ['300000.00', '10500.00', '22178.97', '32678.97'],
    ];
    let deal: any;
    for (const [n, [netSales, royalty, topUp, amount]] of expected.entries()) {
      deal = await report(b.client, n + 1, netSales!);
      const r = inst(deal, 2 + n);
      expect(r).to.include({ kind: 'ROYALTY', status: 'DUE', amount, dueOn: addDays(addMonths(startsOn, 3 * (n + 1)), 30) });
      expect(r.royaltyReport).to.deep.equal({
        period: n + 1,
        periodStartsOn: addMonths(startsOn, 3 * n),
        periodEndsOn: addMonths(startsOn, 3 * (n + 1)),
        netSales,
        royalty,
        minimumTopUp: topUp,
      });
    }
    await b.client.fails(REPORT, { d: dealId, input: { period: 4, netSales: '1.00' } }, 'BAD_USER_INPUT', 'input.period'); // once
    await b.client.fails(REPORT, { d: dealId, input: { period: 5, netSales: '1.00' } }, 'BAD_USER_INPUT', 'input.period'); // Q5 has not ended

    // Overdue (the domain clock is a year on): Q1..Q3 are past their due dates (period end + 30 days), Q4 is not.
    const q = (i: number) => inst(deal, 2 + i);
    expect(now > q(2).dueOn && now <= q(3).dueOn).to.equal(true);
    for (const c of [b.client, seller]) {
      const seen = await get(c, dealId);
      expect(seen.overdueInstalments.map((i: any) => i.id)).to.deep.equal([q(0).id, q(1).id, q(2).id]);
      expect(seen.instalments.map((i: any) => i.overdue)).to.deep.equal([false, false, true, true, true, false]);
    }
    // Paying Q1 (by bank, disputed once, then confirmed) takes it off the overdue list.
    const q1 = q(0).id;
    const q1Wire = { reference: 'CCB-Q1-0001', amount: '35000.04', paidOn: now };
    await b.client.ok(RECORD, { d: dealId, i: q1, input: q1Wire });
    const disputed = (await seller.ok(DISPUTE, { d: dealId, i: q1, r: '未收到' })).disputeInstalmentTransfer;
    expect(inst(disputed, 2)).to.include({ status: 'DUE', overdue: true });
    await b.client.ok(RECORD, { d: dealId, i: q1, input: { ...q1Wire, reference: 'CCB-Q1-0002' } });
    const paidQ1 = (await seller.ok(CONFIRM, { d: dealId, i: q1 })).confirmInstalmentTransfer;
    expect(inst(paidQ1, 2)).to.include({ status: 'PAID', overdue: false });
    expect(paidQ1.overdueInstalments.map((i: any) => i.id)).to.deep.equal([q(1).id, q(2).id]);
    expect(paidQ1.status).to.equal('COMPLETED');
  });

  it('an instalment whose Stripe payment fails is paid again with a new intent; wrong amounts and second payments are rejected', async function () {
    this.timeout(120_000);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const input = { listingId: l.listingId, type: 'TRANSFER', price: '5000.00', schedule: { upfront: '3000.00', milestones: [{ description: '技术交底', amount: '2000.00', dueOn: today() }] } };
    const dealId = (await b.client.ok(PROPOSE, { input })).proposeDeal.id;
    await l.seller.client.ok(ACCEPT, { id: dealId });
    const session = (await b.client.ok(PAY, { id: dealId })).payDeal;
    expect(session.amount).to.equal('3000.00');
    // The deal's own payment is the upfront part: the full price is not it.
    expect((await deliver(url, succeeded(session.paymentIntentId, dealId, 500_000))).body.outcome).to.equal('rejected');
    expect((await deliver(url, succeeded(session.paymentIntentId, dealId, 300_000))).body.outcome).to.equal('applied');
    const paid = await get(b.client, dealId);
    expect(paid.status).to.equal('PAID'); // a TRANSFER completes on its CNIPA recordal
    const m = inst(paid, 0).id;
    await l.seller.client.fails(REACHED, { d: dealId, i: m }, 'CONFLICT'); // instalments follow completion
    expect((await completeTransfer(l.seller.client, b.client, dealId)).status).to.equal('COMPLETED');
    await l.seller.client.ok(REACHED, { d: dealId, i: m });

    const first = (await b.client.ok(PAY_INST, { d: dealId, i: m })).payInstalment.paymentIntentId;
    const failed = intentEvent('payment_intent.payment_failed', { intentId: first, dealId, instalmentId: m, amount: 200_000 });
    expect((await deliver(url, failed)).body.outcome).to.equal('applied');
    expect(inst(await get(b.client, dealId), 0)).to.include({ status: 'DUE', paymentIntentId: null });
    const second = (await b.client.ok(PAY_INST, { d: dealId, i: m })).payInstalment.paymentIntentId;
    expect(second).to.not.equal(first);
    expect((await deliver(url, succeeded(second, dealId, 199_999, m))).body.outcome).to.equal('rejected'); // wrong amount
    expect(inst(await get(b.client, dealId), 0).status).to.equal('PAYMENT_PENDING');
    expect((await deliver(url, succeeded(second, dealId, 200_000, m))).body.outcome).to.equal('applied');
    expect((await deliver(url, succeeded(first, dealId, 200_000, m))).body.outcome).to.equal('rejected'); // a second payment: to refund
    const done = inst(await get(l.seller.client, dealId), 0);
    expect(done).to.include({ status: 'PAID', paymentIntentId: second, overdue: false });
    expect(done.history.map((h: any) => h.to)).to.deep.equal(['DUE', 'PAYMENT_PENDING', 'DUE', 'PAYMENT_PENDING', 'PAID']);
  });

  it('the upfront part paid by bank transfer: transfers add up to it, not to the price, and complete the licence', async function () {
    this.timeout(120_000);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const proposed = (await b.client.ok(PROPOSE, { input: licenceWithSchedule(l.listingId) })).proposeDeal;
    await l.seller.client.ok(ACCEPT, { id: proposed.id });
    const wire = { reference: 'BOC-UP-0001', amount: '400000.01', paidOn: today() };
    const RECORD_UPFRONT = `mutation($d: ID!, $input: BankTransferInput!) { recordBankTransfer(dealId: $d, input: $input) { id bankTransfers { id } } }`;
    const err = await b.client.fails(RECORD_UPFRONT, { d: proposed.id, input: wire }, 'BAD_USER_INPUT', 'input.amount');
    expect(err.message).to.match(/the upfront part is 400000\.00/);
    const t = (await b.client.ok(RECORD_UPFRONT, { d: proposed.id, input: { ...wire, amount: '400000.00' } })).recordBankTransfer.bankTransfers[0].id;
    await l.seller.client.ok(`mutation($d: ID!, $t: ID!) { confirmBankTransfer(dealId: $d, transferId: $t) { id } }`, { d: proposed.id, t });
    const done = await get(b.client, proposed.id);
    expect(done).to.include({ status: 'COMPLETED', amountConfirmed: '400000.00' });
    expect(done.instalments.map((i: any) => i.status)).to.deep.equal(['NOT_REACHED', 'NOT_REACHED']);
  });

  it('refuses bad schedules naming the field, and writes nothing', async function () {
    this.timeout(120_000);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const base = licenceWithSchedule(l.listingId);
    const s = base.schedule;
    const [ma, mb] = s.milestones;
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{}, { upfront: '400000.01' }, 'input.schedule.upfront'], // does not add up to the price
      [{}, { upfront: '0.00', milestones: [{ ...ma, amount: '650000.00' }, mb] }, 'input.schedule.upfront'],
      [{}, { upfront: '-1.00' }, 'input.schedule.upfront'],
      [{}, { milestones: [ma, { ...mb, dueOn: addDays(today(), 59) }] }, 'input.schedule.milestones[1].dueOn'], // out of order
      [{}, { milestones: [{ ...ma, dueOn: addDays(today(), -1) }, mb] }, 'input.schedule.milestones[0].dueOn'], // in the past
      [{}, { milestones: [ma, { ...mb, amount: '-350000.00' }] }, 'input.schedule.milestones[1].amount'],
      [{}, { milestones: [ma, { ...mb, amount: '0.00' }] }, 'input.schedule.milestones[1].amount'],
      [{}, { milestones: [{ ...ma, description: ' ' }, mb] }, 'input.schedule.milestones[0].description'],
      [{}, { royalty: { ...s.royalty, rateBps: 0 } }, 'input.schedule.royalty.rateBps'],
      [{}, { royalty: { ...s.royalty, rateBps: 10_001 } }, 'input.schedule.royalty.rateBps'],
      [{}, { royalty: { ...s.royalty, minimumAnnual: '0.00' } }, 'input.schedule.royalty.minimumAnnual'],
      [{ type: 'TRANSFER', licenseType: null, termMonths: null }, {}, 'input.schedule.royalty'], // royalties are for licences
    ];
    for (const [deal, schedule, field] of cases) {
      await b.client.fails(PROPOSE, { input: { ...base, ...deal, schedule: { ...s, ...schedule } } }, 'BAD_USER_INPUT', field);
    }
    // fractional fen are refused by the Money scalar
    const frac = await b.client.raw(PROPOSE, { input: { ...base, schedule: { ...s, upfront: '400000.001' } } });
    expect(frac.errors?.[0]?.extensions?.code).to.equal('BAD_USER_INPUT');
    expect((await b.client.ok(MY_DEALS)).myDeals).to.deep.equal([]);
    // A TRANSFER may have milestones (no royalties); the deal and its schedule are written once valid.
    const transfer = (await b.client.ok(PROPOSE, { input: { ...base, type: 'TRANSFER', licenseType: null, termMonths: null, schedule: { ...s, royalty: null } } })).proposeDeal;
    expect(transfer.schedule).to.deep.equal({ upfront: '400000.00', royalty: null });
    expect((await b.client.ok(MY_DEALS)).myDeals.map((d: any) => d.id)).to.deep.equal([transfer.id]);
  });
});
