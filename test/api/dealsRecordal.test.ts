// Patent Law art. 10: a transfer takes effect on CNIPA's recordal (著录项目变更), not on payment. A
// TRANSFER reads PAID after payment and completes when one party records the recordal notice and
// the other confirms it. Licences keep the 3-month filing (备案) duty, flagged to both parties once
// late (the server's clock moved forward through TEST_CLOCK_FILE).
import { expect } from 'chai';
import type mongoose from 'mongoose';
import { Client } from '../helpers/client';
import type { Stack } from '../helpers/stack';
import { verifyAsset } from '../helpers/verify';
import {
  ASSET, CONFIRM_RECORDAL, PAY, RECORD_FILING, RECORD_RECORDAL, acceptedDeal, buyer, dbConnection, deliver, getDeal, intentEvent, noticeNumber,
  paymentsStack, sellerWithListing, uniquePatentNumber, type SellerWithListing,
} from '../helpers/deals';
import { addMonths, todayInShanghai } from '../../services/rules/calendar';

const NOTES = `{ notifications(first: 50) { edges { node { kind objectId title } } } }`;

describe('CNIPA recordal of transfers and filing of licences', () => {
  let anon: Client;
  let url: string;
  let stack: Stack;
  let db: mongoose.Connection;

  before(async function () {
    this.timeout(120_000);
    stack = (await paymentsStack()).stack;
    url = stack.server.url;
    anon = new Client(url);
    db = await dbConnection(stack);
  });
  after(async () => {
    stack?.shiftClockDays(0);
    await db?.close();
  });

  const today = () => todayInShanghai();
  const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  /** A deal accepted and paid through Stripe (stripe-mock, signed webhook). */
  async function paidDeal(input: Record<string, unknown>, l?: SellerWithListing) {
    const listing = l ?? (await sellerWithListing(anon));
    const b = await buyer(anon);
    const deal = await acceptedDeal(listing, b, input);
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    const fen = Math.round(Number(input.price) * 100);
    const res = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: fen }));
    expect(res.body.outcome).to.equal('applied');
    return { l: listing, b, deal: await getDeal(b.client, deal.id) };
  }

  it('a paid TRANSFER reads PAID and the seller keeps the asset until the recordal is recorded and confirmed', async () => {
    const { l, b, deal } = await paidDeal({ type: 'TRANSFER', price: '480000.00' });
    expect(deal).to.include({ status: 'PAID', recordal: null, paidOn: today() });
    expect(deal.asset.owner.id).to.equal(l.seller.orgId);

    const notice = noticeNumber();
    const recorded = (await l.seller.client.ok(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: notice, recordedOn: today() })).recordRecordal;
    expect(recorded.status).to.equal('PAID');
    expect(recorded.recordal).to.include({ noticeNumber: notice, recordedOn: today(), recordedBy: 'SELLER', status: 'RECORDED', confirmedBy: null });
    expect(recorded.asset.owner.id).to.equal(l.seller.orgId);
    // The buyer is told to confirm it.
    const buyerNotes = (await b.client.ok(NOTES)).notifications.edges.map((e: any) => e.node);
    expect(buyerNotes.filter((n: any) => n.kind === 'DEAL_RECORDAL_RECORDED' && n.objectId === deal.id)).to.have.length(1);

    // The recording party cannot confirm its own recordal, nor record a second one.
    await l.seller.client.fails(CONFIRM_RECORDAL, { dealId: deal.id }, 'FORBIDDEN');
    await b.client.fails(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() }, 'CONFLICT');

    const done = (await b.client.ok(CONFIRM_RECORDAL, { dealId: deal.id })).confirmRecordal;
    expect(done.status).to.equal('COMPLETED');
    expect(done.recordal).to.include({ noticeNumber: notice, status: 'CONFIRMED', confirmedBy: 'BUYER' });
    expect(done.asset.owner.id).to.equal(b.orgId);
    expect(done.listing.status).to.equal('CLOSED');
    expect(done.history.map((h: any) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED']);
    await b.client.fails(CONFIRM_RECORDAL, { dealId: deal.id }, 'CONFLICT'); // COMPLETED: nothing left to confirm
  });

  it('refuses bad recordals with errors naming the field, the wrong party or state, and writes nothing', async () => {
    const { l, b, deal } = await paidDeal({ type: 'TRANSFER', price: '1500.00' });
    const paidOn = deal.paidOn as string;
    const rec = (client: Client, notice: string, on: string, dealId = deal.id) => ({ client, vars: { dealId, noticeNumber: notice, recordedOn: on } });
    const bad: [ReturnType<typeof rec>, string, string?][] = [
      [rec(b.client, 'ABC-123', today()), 'BAD_USER_INPUT', 'noticeNumber'],
      [rec(b.client, '1234567', today()), 'BAD_USER_INPUT', 'noticeNumber'], // 7 digits
      [rec(b.client, '2025071500123456', dayAfter(today())), 'BAD_USER_INPUT', 'recordedOn'], // the future
      [rec(b.client, '2025071500123456', dayBefore(paidOn)), 'BAD_USER_INPUT', 'recordedOn'], // before the payment
      [rec(b.client, '2025071500123456', '2025-02-30'), 'BAD_USER_INPUT', 'recordedOn'],
      [rec(b.client, '2025071500123456', today(), 'not-an-id'), 'BAD_USER_INPUT', 'dealId'],
    ];
    for (const [{ client, vars }, code, field] of bad) await client.fails(RECORD_RECORDAL, vars, code, field);
    const stranger = await buyer(anon);
    await stranger.client.fails(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() }, 'NOT_FOUND');
    await anon.fails(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() }, 'UNAUTHENTICATED');
    await b.client.fails(CONFIRM_RECORDAL, { dealId: deal.id }, 'CONFLICT'); // nothing recorded yet
    expect((await getDeal(b.client, deal.id)).recordal).to.equal(null);

    // Wrong state: an accepted (unpaid) transfer, and a licence (filed, not recorded).
    const unpaid = await acceptedDeal(await sellerWithListing(anon), b, { type: 'TRANSFER', price: '10.00' });
    const err = await b.client.fails(RECORD_RECORDAL, { dealId: unpaid.id, noticeNumber: noticeNumber(), recordedOn: today() }, 'CONFLICT');
    expect(err.message).to.match(/ACCEPTED/);
    const licence = await paidDeal({ type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '20.00' });
    await licence.b.client.fails(RECORD_RECORDAL, { dealId: licence.deal.id, noticeNumber: noticeNumber(), recordedOn: today() }, 'CONFLICT');
    expect((await getDeal(b.client, unpaid.id)).recordal).to.equal(null);
    expect((await getDeal(l.seller.client, deal.id)).status).to.equal('PAID');
  });

  it('races: two recordals at once -> one is recorded; two confirmations at once -> ownership moves once', async () => {
    const { l, b, deal } = await paidDeal({ type: 'TRANSFER', price: '2600.00' });
    const [n1, n2] = [noticeNumber(), noticeNumber()];
    const records = await Promise.all([
      b.client.raw(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: n1, recordedOn: today() }),
      l.seller.client.raw(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: n2, recordedOn: today() }),
      b.client.raw(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: n1, recordedOn: today() }),
    ]);
    const won = records.filter((r) => !r.errors);
    expect(won).to.have.length(1);
    expect(records.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).to.have.length(2);
    const recordal = (await getDeal(b.client, deal.id)).recordal;
    expect(recordal.noticeNumber).to.equal(won[0]!.data.recordRecordal.recordal.noticeNumber);
    const confirmer = recordal.recordedBy === 'BUYER' ? l.seller.client : b.client;

    const confirms = await Promise.all(Array.from({ length: 4 }, () => confirmer.raw(CONFIRM_RECORDAL, { dealId: deal.id })));
    expect(confirms.filter((r) => !r.errors)).to.have.length(1);
    expect(confirms.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).to.have.length(3);
    const done = await getDeal(b.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.history.filter((h: any) => h.to === 'COMPLETED')).to.have.length(1);
    const { Types } = await import('mongoose');
    const [asset] = await db.collection('ipassets').find({ _id: new Types.ObjectId(l.assetId) }).toArray();
    expect(asset!.ownershipHistory).to.have.length(1);
    expect(String(asset!.owner)).to.equal(b.orgId);
  });

  it('transfers a pending application right (专利申请权转让): the buyer becomes the applicant', async () => {
    const seller = (await sellerWithListing(anon)).seller;
    const created = await seller.client.ok(`mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id legalStatus } }`, {
      input: { kind: 'INVENTION_PATENT', number: uniquePatentNumber(), title: '一种石墨负极材料的制备方法', filingDate: '2020-05-01', legalStatus: 'PENDING', classes: ['C01B 32/205'], industries: ['GRAPHITE'] },
    });
    const assetId = created.createIpAsset.id;
    expect(created.createIpAsset.legalStatus).to.equal('PENDING');
    await verifyAsset(seller.client, assetId);
    const listing = (await seller.client.ok(`mutation($input: ListingInput!) { createListing(input: $input) { id } }`, { input: { assetId, modes: ['TRANSFER'], askingPrice: '60000.00' } })).createListing;
    await seller.client.ok(`mutation($id: ID!) { publishListing(id: $id) { id status } }`, { id: listing.id });
    const { b, deal } = await paidDeal({ type: 'TRANSFER', price: '60000.00' }, { seller, assetId, listingId: listing.id });
    expect(deal.status).to.equal('PAID');
    await b.client.ok(RECORD_RECORDAL, { dealId: deal.id, noticeNumber: noticeNumber(), recordedOn: today() });
    const done = (await seller.client.ok(CONFIRM_RECORDAL, { dealId: deal.id })).confirmRecordal;
    expect(done.status).to.equal('COMPLETED');
    const asset = (await b.client.ok(`query($id: ID!) { ipAsset(id: $id) { id legalStatus owner { id } } }`, { id: assetId })).ipAsset;
    expect(asset).to.deep.include({ legalStatus: 'PENDING' });
    expect(asset.owner.id).to.equal(b.orgId);
  });

  it('a licence must be filed within 3 months: the licensor records the filing; late, both parties see it flagged', async () => {
    const { l, b, deal } = await paidDeal({ type: 'LICENSE', licenseType: 'SOLE', termMonths: 24, price: '36000.00' });
    expect(deal.status).to.equal('COMPLETED');
    const due = addMonths(deal.license.startsOn, 3);
    expect(deal).to.include({ filingDueOn: due, filingOverdue: false, filing: null });

    const filing = (client: Client, n: string, on: string) => client.fails(RECORD_FILING, { dealId: deal.id, filingNumber: n, filedOn: on }, 'BAD_USER_INPUT');
    expect((await filing(l.seller.client, '2025-99-0000123', today())).extensions?.field).to.equal('filingNumber');
    expect((await filing(l.seller.client, 'X1900990000123', today())).extensions?.field).to.equal('filingNumber'); // no filing year
    expect((await filing(l.seller.client, 'X2025990000123', dayAfter(today()))).extensions?.field).to.equal('filedOn');
    expect((await filing(l.seller.client, 'X2025990000123', dayBefore(deal.license.startsOn))).extensions?.field).to.equal('filedOn');
    await b.client.fails(RECORD_FILING, { dealId: deal.id, filingNumber: 'X2025990000123', filedOn: today() }, 'FORBIDDEN'); // the licensee does not file
    expect((await getDeal(b.client, deal.id)).filing).to.equal(null);

    try {
      stack.shiftClockDays(93); // past the 3 months
      for (const c of [b.client, l.seller.client]) expect(await getDeal(c, deal.id)).to.include({ filingOverdue: true, filingDueOn: due });
      const asset = (await l.seller.client.ok(ASSET, { id: l.assetId })).ipAsset;
      expect(asset.licenses.map((x: any) => x.id)).to.include(deal.license.id);
      const filedOn = addMonths(today(), 3); // filed late, by the shifted clock
      const filed = (await l.seller.client.ok(RECORD_FILING, { dealId: deal.id, filingNumber: 'x2025990000123', filedOn: filedOn })).recordLicenceFiling;
      expect(filed).to.include({ filingOverdue: false });
      expect(filed.filing).to.deep.equal({ filingNumber: 'X2025990000123', filedOn });
      await l.seller.client.fails(RECORD_FILING, { dealId: deal.id, filingNumber: 'X2025990000124', filedOn: filedOn }, 'CONFLICT');
    } finally {
      stack.shiftClockDays(0);
    }
    // Wrong state: a licence not yet paid has nothing to file.
    const l2 = await sellerWithListing(anon);
    const unpaid = await acceptedDeal(l2, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '10.00' });
    expect(await getDeal(b.client, unpaid.id)).to.include({ filingOverdue: false, filingDueOn: null });
    await l2.seller.client.fails(RECORD_FILING, { dealId: unpaid.id, filingNumber: 'X2025990000125', filedOn: today() }, 'CONFLICT');
  });
});
