// Issue 16, point 2: enforcement of the pledge after a default (质权实现). The bank lists the pledged
// right for TRANSFER acting for the holder, a buyer pays by bank transfer, the
// deal completes on CNIPA's recordal, the price is recorded against the loan (capped at the loss,
// once), off-platform proceeds too, and the loss shares are computed on the loss less the recoveries.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { registerOrg } from '../helpers/client';
import { db, RELEASE, world, type World } from '../helpers/financing';
import { at, DEFAULT, disbursedLoan, REPAY } from '../helpers/loans';
import { ACCEPT, CONFIRM_RECORDAL, CONFIRM_TRANSFER, RECORD_TRANSFER, completeTransfer, propose } from '../helpers/deals';
import { touchMirrors } from '../helpers/mirrors';
import { todayInShanghai } from '../../services/rules/calendar';

const LISTING_FIELDS = `id status modes askingPrice holder { id } enforcement { bank { id } loan { id status } registration { id } } history { from to reason }`;
const CREATE = `mutation($input: EnforcementListingInput!) { createEnforcementListing(input: $input) { ${LISTING_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishListing(id: $id) { ${LISTING_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawListing(id: $id) { id status } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { ${LISTING_FIELDS} } }`;
const DEAL_ENF = `query($id: ID!) { deal(id: $id) { id status seller { id } enforcement { bank { id } loan { id } } asset { owner { id } } } }`;
const PROCEEDS = `mutation($loanId: ID!, $amount: Money!, $receivedOn: Date!, $reference: String!) {
  recordEnforcementProceeds(loanId: $loanId, amount: $amount, receivedOn: $receivedOn, reference: $reference) { id status lossAtDefault recoveredAmount }
}`;
const RECOVERY = `query($id: ID!) { loan(id: $id) { status lossAtDefault recoveredAmount recoveries { amount surplus reference receivedOn deal { id } } lossShares { bank insurer cityFund } } }`;
const SET_SCHEME = `mutation($input: RiskSharingSchemeInput!) { setRiskSharingScheme(input: $input) { year } }`;
const SUMMARY = `query($year: Int!, $county: County) { financingSummary(year: $year, county: $county) { loansDefaulted amountDefaulted recovered lossShares { bank insurer cityFund } } }`;

const fen = (m: string) => Math.round(Number(m) * 100);
const yuan = (f: number) => (f / 100).toFixed(2);

/** Loan D of riskSharing.test (example 1: 10,000.00 at 12%, 3 months from 2025-01-31), first instalment repaid, defaulted on 2026-02-02: loss 6,699.78. */
async function defaultedLoan(w: World, county: string) {
  const d = await disbursedLoan(w, {}, { county, product: { daysPastDueBeforeDefault: 30 } });
  const bank = d.bp.bank.client;
  await at(bank, '2025-02-28').ok(REPAY, { input: { loanId: d.loanId, paidOn: '2025-02-28', amount: '3400.22' } });
  await at(bank, '2026-02-02').ok(DEFAULT, { input: { loanId: d.loanId, reason: '经营困难，停止还款' } });
  return { ...d, bank, assetId: d.assetIds[0]! };
}

/** The bank lists the right and publishes it; a new buyer proposes `price` and the bank accepts. */
async function acceptedEnforcementDeal(w: World, d: Awaited<ReturnType<typeof defaultedLoan>>, price: string) {
  const listing = (await d.bank.ok(CREATE, { input: { loanId: d.loanId, assetId: d.assetId, askingPrice: price, description: '质权实现：银行代为转让' } })).createEnforcementListing;
  await d.bank.ok(PUBLISH, { id: listing.id });
  const buyer = await registerOrg(w.anon, 'ENTERPRISE', { county: 'LUOBEI' });
  const proposed = await propose(buyer.client, { listingId: listing.id, type: 'TRANSFER', price });
  const deal = (await d.bank.ok(ACCEPT, { id: proposed.id })).acceptDeal;
  return { listing, buyer, deal };
}

describe('enforcement of the pledge after a default (issue 16, point 2: 质权实现)', function () {
  this.timeout(120_000);
  let w: World;
  before(async () => {
    w = await world();
    // 2026: the default year of these loans; no other test sets it.
    await w.regulator.ok(SET_SCHEME, { input: { year: 2026, bankSharePercent: 60, insurerSharePercent: 20, cityFundSharePercent: 20, interestSubsidyPercent: 50, subsidyIndustries: ['GRAPHITE'] } });
  });

  it('a pledged right of a loan not DEFAULTED cannot be listed for enforcement, nor proceeds recorded; only the lending bank may', async () => {
    const d = await disbursedLoan(w, {}, { county: 'SUIBIN' });
    const bank = d.bp.bank.client;
    const refused = await bank.fails(CREATE, { input: { loanId: d.loanId, assetId: d.assetIds[0], askingPrice: '5000.00' } }, 'CONFLICT');
    expect(refused.message).to.include('质权实现').and.to.include('DEFAULTED');
    expect(refused.extensions?.rule).to.equal('LOAN_DEFAULTED');
    expect((await bank.fails(PROCEEDS, { loanId: d.loanId, amount: '100.00', receivedOn: todayInShanghai(), reference: 'AUCTION-1' }, 'CONFLICT')).message).to.include('DEFAULTED');
    await d.owner.client.fails(CREATE, { input: { loanId: d.loanId, assetId: d.assetIds[0] } }, 'FORBIDDEN');
    const other = await disbursedLoan(w, {}, { county: 'SUIBIN' });
    await other.bp.bank.client.fails(CREATE, { input: { loanId: d.loanId, assetId: d.assetIds[0] } }, 'NOT_FOUND');
    expect((await bank.ok(RECOVERY, { id: d.loanId })).loan).to.include({ recoveredAmount: '0.00', lossAtDefault: null });
  });

  it('default -> the bank lists for the holder -> a buyer pays by bank transfer -> recordal -> the price recovered; loss shares on loss minus recovered, to the fen', async () => {
    const before = (await w.regulator.ok(SUMMARY, { year: 2026, county: 'SUIBIN' })).financingSummary;
    const d = await defaultedLoan(w, 'SUIBIN');
    // Loss 6,699.78, nothing recovered: bank 60% + (no policy) the insurer's 20%: 4,019.87 + 1,339.96; city 1,339.95.
    expect((await d.bank.ok(RECOVERY, { id: d.loanId })).loan).to.deep.include({ lossAtDefault: '6699.78', recoveredAmount: '0.00', lossShares: { bank: '5359.83', insurer: '0.00', cityFund: '1339.95' } });
    // Another bank's right is not this loan's: the asset must be pledged under the loan's registration.
    await d.bank.fails(CREATE, { input: { loanId: d.loanId, assetId: new mongoose.Types.ObjectId().toHexString() } }, 'BAD_USER_INPUT', 'input.assetId');

    const { listing, buyer, deal } = await acceptedEnforcementDeal(w, d, '5000.00');
    expect(listing).to.deep.include({ status: 'DRAFT', modes: ['TRANSFER'], askingPrice: '5000.00', holder: { id: d.owner.orgId } });
    expect(listing.enforcement).to.deep.equal({ bank: { id: d.bp.bank.orgId }, loan: { id: d.loanId, status: 'DEFAULTED' }, registration: { id: d.registrationId } });
    // The holder sees the listing and the deal, but cannot withdraw, publish or act on them.
    const holder = d.owner.client;
    expect((await holder.fails(WITHDRAW, { id: listing.id }, 'FORBIDDEN')).message).to.include('质权实现');
    expect((await holder.ok(LISTING, { id: listing.id })).listing.status).to.equal('UNDER_NEGOTIATION');
    const seen = (await holder.ok(DEAL_ENF, { id: deal.id })).deal;
    expect(seen).to.deep.include({ status: 'ACCEPTED', seller: { id: d.owner.orgId }, enforcement: { bank: { id: d.bp.bank.orgId }, loan: { id: d.loanId } } });
    await holder.fails(`mutation($id: ID!) { cancelDeal(id: $id) { id } }`, { id: deal.id }, 'FORBIDDEN');

    // The buyer pays by bank transfer; the bank (acting as the seller) confirms it; CNIPA records the transfer.
    const paid = (await buyer.client.ok(RECORD_TRANSFER, { dealId: deal.id, input: { reference: `ICBC-${Date.now()}`, amount: '5000.00', paidOn: todayInShanghai() } })).recordBankTransfer;
    await holder.fails(CONFIRM_TRANSFER, { dealId: deal.id, t: paid.bankTransfers[0].id }, 'FORBIDDEN');
    expect((await d.bank.ok(CONFIRM_TRANSFER, { dealId: deal.id, t: paid.bankTransfers[0].id })).confirmBankTransfer.status).to.equal('PAID');
    const done = await completeTransfer(d.bank, buyer.client, deal.id);
    expect(done.status).to.equal('COMPLETED');
    expect(done.asset.owner.id).to.equal(buyer.orgId);
    expect((await d.bank.ok(LISTING, { id: listing.id })).listing.status).to.equal('CLOSED');

    // Recovered 5,000.00: shared loss 1,699.78 (169,978 fen): bank 60% = 101,986.8 -> 101,987 plus the
    // insurer's 20% = 33,995.6 -> 33,996 (no policy): 135,983; city 169,978 - 101,987 - 33,996 = 33,995.
    const after = (await d.bank.ok(RECOVERY, { id: d.loanId })).loan;
    expect(after).to.deep.include({ recoveredAmount: '5000.00', lossShares: { bank: '1359.83', insurer: '0.00', cityFund: '339.95' } });
    expect(after.recoveries).to.deep.equal([{ amount: '5000.00', surplus: '0.00', reference: `deal:${deal.id}`, receivedOn: todayInShanghai(), deal: { id: deal.id } }]);

    // Off-platform proceeds (an auction of the other collateral): above what remains refused, a duplicate reference refused.
    await d.bank.fails(PROCEEDS, { loanId: d.loanId, amount: '1699.79', receivedOn: '2026-03-15', reference: 'AUCTION-2026-001' }, 'BAD_USER_INPUT', 'amount');
    await d.bank.fails(PROCEEDS, { loanId: d.loanId, amount: '1000.00', receivedOn: '2026-02-01', reference: 'AUCTION-2026-001' }, 'BAD_USER_INPUT', 'receivedOn');
    await holder.fails(PROCEEDS, { loanId: d.loanId, amount: '1000.00', receivedOn: '2026-03-15', reference: 'AUCTION-2026-001' }, 'FORBIDDEN');
    expect((await d.bank.ok(PROCEEDS, { loanId: d.loanId, amount: '1000.00', receivedOn: '2026-03-15', reference: 'AUCTION-2026-001' })).recordEnforcementProceeds.recoveredAmount).to.equal('6000.00');
    await d.bank.fails(PROCEEDS, { loanId: d.loanId, amount: '1.00', receivedOn: '2026-03-15', reference: 'AUCTION-2026-001' }, 'CONFLICT');
    // Shared loss 699.78 (69,978 fen): bank 41,986.8 -> 41,987 + 13,995.6 -> 13,996 = 55,983; city 69,978 - 41,987 - 13,996 = 13,995.
    expect((await d.bank.ok(RECOVERY, { id: d.loanId })).loan).to.deep.include({ recoveredAmount: '6000.00', lossShares: { bank: '559.83', insurer: '0.00', cityFund: '139.95' } });

    // The regulator's summary of 2026 moved by exactly this loan.
    const now = (await w.regulator.ok(SUMMARY, { year: 2026, county: 'SUIBIN' })).financingSummary;
    expect(now.loansDefaulted - before.loansDefaulted).to.equal(1);
    expect(yuan(fen(now.amountDefaulted) - fen(before.amountDefaulted))).to.equal('6699.78');
    expect(yuan(fen(now.recovered) - fen(before.recovered))).to.equal('6000.00');
    expect({
      bank: yuan(fen(now.lossShares.bank) - fen(before.lossShares.bank)),
      insurer: yuan(fen(now.lossShares.insurer) - fen(before.lossShares.insurer)),
      cityFund: yuan(fen(now.lossShares.cityFund) - fen(before.lossShares.cityFund)),
    }).to.deep.equal({ bank: '559.83', insurer: '0.00', cityFund: '139.95' });
  });

  it('a price above the loss is capped (the rest is the holder’s surplus); a replayed completion applies the proceeds once', async () => {
    const d = await defaultedLoan(w, 'XINGAN');
    const { buyer, deal } = await acceptedEnforcementDeal(w, d, '8000.00');
    const paid = (await buyer.client.ok(RECORD_TRANSFER, { dealId: deal.id, input: { reference: `ABC-${Date.now()}`, amount: '8000.00', paidOn: todayInShanghai() } })).recordBankTransfer;
    await d.bank.ok(CONFIRM_TRANSFER, { dealId: deal.id, t: paid.bankTransfers[0].id });
    expect((await completeTransfer(d.bank, buyer.client, deal.id)).status).to.equal('COMPLETED');
    const once = (await d.bank.ok(RECOVERY, { id: d.loanId })).loan;
    // 8,000.00 against a loss of 6,699.78: 6,699.78 applied, 1,300.22 surplus; nothing left to share.
    expect(once).to.deep.include({ recoveredAmount: '6699.78', lossShares: { bank: '0.00', insurer: '0.00', cityFund: '0.00' } });
    expect(once.recoveries).to.have.length(1);
    expect(once.recoveries[0]).to.include({ amount: '6699.78', surplus: '1300.22', reference: `deal:${deal.id}` });

    // A crash after the proceeds were recorded but before COMPLETED leaves the deal PAID with its
    // recordal confirmed; confirming again resumes the completion (twice here), which finds the proceeds recorded.
    const conn = await db();
    await conn.collection('deals').updateOne({ _id: new mongoose.Types.ObjectId(deal.id) }, { $set: { status: 'PAID' } });
    await touchMirrors(conn, 'deals');
    expect((await d.bank.ok(CONFIRM_RECORDAL, { dealId: deal.id })).confirmRecordal.status).to.equal('COMPLETED');
    await conn.collection('deals').updateOne({ _id: new mongoose.Types.ObjectId(deal.id) }, { $set: { status: 'PAID' } });
    await touchMirrors(conn, 'deals');
    expect((await d.bank.ok(CONFIRM_RECORDAL, { dealId: deal.id })).confirmRecordal.status).to.equal('COMPLETED');
    const twice = (await d.bank.ok(RECOVERY, { id: d.loanId })).loan;
    expect(twice.recoveredAmount).to.equal('6699.78');
    expect(twice.recoveries).to.have.length(1);
    // Fully recovered: off-platform proceeds have nothing left to apply to.
    await d.bank.fails(PROCEEDS, { loanId: d.loanId, amount: '0.01', receivedOn: todayInShanghai(), reference: 'COURT-2026-9' }, 'BAD_USER_INPUT', 'amount');
  });

  it('proceeds recorded at once: each reference kept and counted once, never above the loss', async () => {
    const d = await defaultedLoan(w, 'XINGSHAN');
    const send = (reference: string, amount: string) => d.bank.raw(PROCEEDS, { loanId: d.loanId, amount, receivedOn: '2026-03-01', reference });
    const answers = await Promise.all([send('AUCTION-A', '1000.00'), send('AUCTION-B', '2000.00'), send('AUCTION-A', '1000.00'), send('COURT-C', '3699.78'), send('COURT-D', '0.01')]);
    const loan = (await d.bank.ok(RECOVERY, { id: d.loanId })).loan;
    const refs = loan.recoveries.map((r: any) => r.reference).sort();
    // Together they pass the loss (6,699.78) by 1,000.01: whichever come first are kept while they fit,
    // each reference once; the amounts kept add up to recoveredAmount, never above the loss.
    expect(new Set(refs).size).to.equal(refs.length);
    expect(refs.length).to.be.within(3, 4);
    const total = loan.recoveries.reduce((n: number, r: any) => n + fen(r.amount), 0);
    expect(yuan(total)).to.equal(loan.recoveredAmount);
    expect(total).to.be.at.most(669_978);
    const wanted: Record<string, number> = { 'AUCTION-A': 100_000, 'AUCTION-B': 200_000, 'COURT-C': 369_978, 'COURT-D': 1 };
    for (const r of loan.recoveries) expect(fen(r.amount), r.reference).to.equal(wanted[r.reference]);
    for (const a of answers) if (a.errors) expect(a.errors[0]?.extensions?.code).to.be.oneOf(['CONFLICT', 'BAD_USER_INPUT']);

    // Once the bank releases the pledge, its enforcement listing cannot be published, nor a new one made.
    const draft = (await d.bank.ok(CREATE, { input: { loanId: d.loanId, assetId: d.assetId, askingPrice: '1.00' } })).createEnforcementListing;
    await d.bank.ok(RELEASE, { id: d.registrationId, releasedOn: todayInShanghai() });
    expect((await d.bank.fails(PUBLISH, { id: draft.id }, 'CONFLICT')).message).to.include('no longer stands');
    expect((await d.bank.fails(CREATE, { input: { loanId: d.loanId, assetId: d.assetId } }, 'CONFLICT')).message).to.include('RELEASED');
  });
});
