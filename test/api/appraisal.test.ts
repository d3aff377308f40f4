// Issue 16, point 5: valuation by an appraiser (资产评估机构), over HTTP. A verified APPRAISER named on
// the application confirms one report (a value per asset); due diligence judges loan-to-value on its
// total; unconfirmed and stale (> 12 months, by the x-test-now clock) valuations are flags; refusals
// write nothing; a second confirmation and the losers of a race get CONFLICT.
import { expect } from 'chai';
import { registerOrg, registerVerified } from '../helpers/client';
import { APPLY, bankWithProduct, createAsset, enterprise, world, type World } from '../helpers/financing';
import { at } from '../helpers/loans';
import { addDays, addMonths, addYears, todayInShanghai } from '../../services/rules/calendar';
import { APP_REPORT, APP_VALUATION, appraisalWorld, applyNaming, CONFIRM, monthsAgo, REQUESTS, reportInput } from '../helpers/appraisal';

const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { id kind verified } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeOrganizationVerification(id: $id, reason: $reason) { id verified } }`;

describe('valuation by an appraiser (issue 16, point 5)', () => {
  let w: World;
  before(async () => {
    w = await world();
  });

  it('an APPRAISER is named only once the REGULATOR has verified it; other kinds are refused', async function () {
    this.timeout(120_000);
    const appraiser = await registerOrg(w.anon, 'APPRAISER');
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w);
    const assetId = await createAsset(owner.client);
    const input = { productId: bp.productId, assetIds: [assetId], requestedAmount: '1000000.00', termMonths: 12, appraiserId: appraiser.orgId };
    await owner.client.fails(APPLY, { input }, 'BAD_USER_INPUT', 'input.appraiserId');
    await owner.client.fails(APPLY, { input: { ...input, appraiserId: bp.bank.orgId } }, 'BAD_USER_INPUT', 'input.appraiserId');
    await owner.client.fails(APPLY, { input: { ...input, appraiserId: '0123456789abcdef01234567' } }, 'BAD_USER_INPUT', 'input.appraiserId');
    expect((await owner.client.ok(`{ pledgeApplications { id } }`)).pledgeApplications).to.deep.equal([]);
    // Only the REGULATOR verifies, through the same flow as banks and insurers.
    await appraiser.client.fails(VERIFY, { id: appraiser.orgId }, 'FORBIDDEN');
    expect((await w.regulator.ok(VERIFY, { id: appraiser.orgId })).verifyOrganization).to.deep.equal({ id: appraiser.orgId, kind: 'APPRAISER', verified: true });
    const queue = (await w.regulator.ok(`query($f: OrganizationFilter) { organizations(filter: $f, first: 100) { edges { node { id kind } } } }`, { f: { kind: 'APPRAISER', verified: true } })).organizations;
    expect(queue.edges.map((e: any) => e.node.id)).to.include(appraiser.orgId);
    const id = (await owner.client.ok(APPLY, { input })).applyForPledgeLoan.id;
    const app = (await owner.client.ok(APP_VALUATION, { id })).pledgeApplication;
    expect(app.appraiser).to.deep.equal({ id: appraiser.orgId, kind: 'APPRAISER' });
    expect(app.valuationReport).to.equal(null);
    // No valuation at all is NO_VALUATION (not "unconfirmed").
    expect(app.dueDiligence.risks).to.include('NO_VALUATION').and.not.include('VALUATION_UNCONFIRMED');
  });

  it('the journey: the appraiser sees the request, confirms a value per asset; due diligence judges LTV on the confirmed total', async function () {
    this.timeout(120_000);
    const aw = await appraisalWorld(w);
    const { appraiser, bp, owner, assetIds, applicationId } = aw;
    // Before: the applicant's own 8,000,000.00 is unconfirmed (LTV 0.375, within the product's 0.5).
    const before = (await bp.bank.client.ok(APP_VALUATION, { id: applicationId })).pledgeApplication;
    expect(before.dueDiligence).to.deep.include({ loanToValue: 0.375, valuationUsed: '8000000.00', valuationConfirmed: false, valuedOn: monthsAgo(5) });
    expect(before.dueDiligence.risks).to.deep.equal(['VALUATION_UNCONFIRMED']);

    // The appraiser's queue: the application, its assets; not its due diligence.
    const requests = (await appraiser.client.ok(REQUESTS, { confirmed: false })).valuationRequests;
    expect(requests.map((r: any) => r.id)).to.deep.equal([applicationId]);
    expect(requests[0].assets.map((a: any) => a.id)).to.have.members(assetIds);
    expect(requests[0]).to.deep.include({ status: 'SUBMITTED', requestedAmount: '3000000.00', applicant: { id: owner.orgId }, valuation: { amount: '8000000.00' }, valuationReport: null });
    await appraiser.client.fails(APP_VALUATION, { id: applicationId }, 'FORBIDDEN');

    const input = reportInput(applicationId, assetIds, ['2000000.00', '3000000.50']);
    const confirmed = (await appraiser.client.ok(CONFIRM, { input })).confirmValuationReport;
    expect(confirmed.appraiser).to.deep.equal({ id: appraiser.orgId });
    expect(confirmed.valuationReport).to.deep.include({ reportNumber: input.reportNumber, method: 'MARKET', valuedOn: monthsAgo(2), total: '5000000.50', appraiser: { id: appraiser.orgId }, confirmedBy: { id: appraiser.userId } });
    expect(confirmed.valuationReport.values).to.have.deep.members([
      { asset: { id: assetIds[0] }, value: '2000000.00' },
      { asset: { id: assetIds[1] }, value: '3000000.50' },
    ]);

    // The bank: LTV on the confirmed total, 3,000,000.00 / 5,000,000.50 = 0.59999..., above the product's 0.5.
    const after = (await bp.bank.client.ok(APP_VALUATION, { id: applicationId })).pledgeApplication;
    expect(after.dueDiligence).to.deep.include({ loanToValue: 0.6, valuationUsed: '5000000.50', valuationConfirmed: true, valuedOn: monthsAgo(2) });
    expect(after.dueDiligence.risks).to.deep.equal(['LOAN_TO_VALUE_ABOVE_PRODUCT_MAX']);
    expect(after.valuation.amount, 'the applicant\'s own figure is kept').to.equal('8000000.00');
    // The applicant sees the report too; a stranger and an anonymous caller see nothing.
    expect((await owner.client.ok(APP_VALUATION, { id: applicationId })).pledgeApplication.valuationReport.total).to.equal('5000000.50');
    const stranger = await registerOrg(w.anon, 'ENTERPRISE');
    expect((await stranger.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication).to.equal(null);
    expect((await w.anon.ok(APP_REPORT, { id: applicationId })).pledgeApplication).to.equal(null);
    // The queue moves: confirmed now.
    expect((await appraiser.client.ok(REQUESTS, { confirmed: false })).valuationRequests).to.deep.equal([]);
    expect((await appraiser.client.ok(REQUESTS, { confirmed: true })).valuationRequests.map((r: any) => r.valuationReport.total)).to.deep.equal(['5000000.50']);
  });

  it('a confirmed report older than 12 months (moved clock) is VALUATION_STALE; an application without an appraiser stays unconfirmed', async function () {
    this.timeout(120_000);
    const { appraiser, bp, assetIds, applicationId, owner } = await appraisalWorld(w);
    const valuedOn = monthsAgo(6);
    await appraiser.client.ok(CONFIRM, { input: reportInput(applicationId, assetIds, ['5000000.00', '5000000.00'], { valuedOn, method: 'INCOME' }) });
    const dd = async (now: string) => (await at(bp.bank.client, now).ok(APP_VALUATION, { id: applicationId })).pledgeApplication.dueDiligence;
    const today = todayInShanghai();
    expect((await dd(today)).risks).to.deep.equal([]);
    // 12 months after the valuation date it is still fresh; the day after, stale.
    expect((await dd(addMonths(valuedOn, 12))).risks).to.deep.equal([]);
    const stale = await dd(addDays(addMonths(valuedOn, 12), 1));
    expect(stale.risks).to.deep.equal(['VALUATION_STALE']);
    expect(stale).to.deep.include({ valuationConfirmed: true, loanToValue: 0.3 });

    // No appraiser named: the applicant's figure is used for LTV but flagged unconfirmed (and stale once old).
    const plain = await applyNaming(owner, bp.productId, [await createAsset(owner.client)], null);
    const own = (await bp.bank.client.ok(APP_VALUATION, { id: plain })).pledgeApplication.dueDiligence;
    expect(own).to.deep.include({ loanToValue: 0.375, valuationConfirmed: false });
    expect(own.risks).to.deep.equal(['VALUATION_UNCONFIRMED']);
    expect((await at(bp.bank.client, addYears(today, 1)).ok(APP_VALUATION, { id: plain })).pledgeApplication.dueDiligence.risks).to.deep.equal(['VALUATION_UNCONFIRMED', 'VALUATION_STALE']);
  });

  it('bad reports are BAD_USER_INPUT naming the field, and nothing is written', async function () {
    this.timeout(120_000);
    const { appraiser, assetIds, applicationId } = await appraisalWorld(w);
    const other = await enterprise(w);
    const foreignAsset = await createAsset(other.client);
    const good = reportInput(applicationId, assetIds, ['1000000.00', '2000000.00']);
    const withValues = (values: unknown[]) => ({ ...good, values });
    const cases: [Record<string, unknown>, string][] = [
      [withValues([{ assetId: assetIds[0], value: '-1.00' }, good.values[1]]), 'input.values[0].value'],
      [withValues([good.values[0], { assetId: assetIds[1], value: '0.00' }]), 'input.values[1].value'],
      [withValues([{ assetId: assetIds[0], value: '100.005' }, good.values[1]]), 'input.values[0].value'],
      [withValues([good.values[0]]), 'input.values'],
      [withValues([good.values[0], good.values[0]]), 'input.values[1].assetId'],
      [withValues([good.values[0], { assetId: foreignAsset, value: '1.00' }]), 'input.values[1].assetId'],
      [withValues([good.values[0], { assetId: 'nope', value: '1.00' }]), 'input.values[1].assetId'],
      [{ ...good, valuedOn: addDays(todayInShanghai(), 2) }, 'input.valuedOn'],
      [{ ...good, valuedOn: '2026-02-30' }, 'input.valuedOn'],
      [{ ...good, method: 'GUESS' }, 'input.method'],
      [{ ...good, reportNumber: '  ' }, 'input.reportNumber'],
      [{ ...good, applicationId: 'nope' }, 'input.applicationId'],
    ];
    for (const [input, field] of cases) await appraiser.client.fails(CONFIRM, { input }, 'BAD_USER_INPUT', field);
    expect((await appraiser.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport).to.equal(null);
    // The good one still goes through afterwards.
    expect((await appraiser.client.ok(CONFIRM, { input: good })).confirmValuationReport.valuationReport.total).to.equal('3000000.00');
  });

  it('only the named, verified appraiser confirms: others are refused (hidden when they cannot see it) and nothing is written', async function () {
    this.timeout(120_000);
    const { appraiser, bp, owner, assetIds, applicationId } = await appraisalWorld(w);
    const input = reportInput(applicationId, assetIds, ['1000000.00', '1000000.00']);
    const otherAppraiser = await registerVerified(w.anon, w.regulator, 'APPRAISER');
    await otherAppraiser.client.fails(CONFIRM, { input }, 'NOT_FOUND');
    await bp.bank.client.fails(CONFIRM, { input }, 'FORBIDDEN');
    await owner.client.fails(CONFIRM, { input }, 'FORBIDDEN');
    await w.regulator.fails(CONFIRM, { input }, 'NOT_FOUND');
    await w.anon.fails(CONFIRM, { input }, 'UNAUTHENTICATED');
    // Scoped queues: another appraiser sees none of it; a bank has no valuation requests.
    expect((await otherAppraiser.client.ok(REQUESTS, {})).valuationRequests).to.deep.equal([]);
    await bp.bank.client.fails(REQUESTS, {}, 'FORBIDDEN');
    // The named appraiser, once its verification is revoked, may not confirm.
    await w.regulator.ok(REVOKE, { id: appraiser.orgId, reason: '资质到期' });
    await appraiser.client.fails(CONFIRM, { input }, 'FORBIDDEN');
    expect((await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport).to.equal(null);
    await w.regulator.ok(VERIFY, { id: appraiser.orgId });
    expect((await appraiser.client.ok(CONFIRM, { input })).confirmValuationReport.valuationReport.reportNumber).to.equal(input.reportNumber);
  });

  it('a second confirmation is a CONFLICT; of five at once exactly one wins', async function () {
    this.timeout(120_000);
    const { appraiser, assetIds, applicationId } = await appraisalWorld(w);
    const first = reportInput(applicationId, assetIds, ['1000000.00', '1000000.00']);
    await appraiser.client.ok(CONFIRM, { input: first });
    await appraiser.client.fails(CONFIRM, { input: reportInput(applicationId, assetIds, ['9000000.00', '9000000.00']) }, 'CONFLICT');
    expect((await appraiser.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport).to.deep.equal({ reportNumber: first.reportNumber, total: '2000000.00' });

    const race = await appraisalWorld(w, appraiser);
    const inputs = [1, 2, 3, 4, 5].map((n) => reportInput(race.applicationId, race.assetIds, [`${n}000000.00`, '1000000.00']));
    const results = await Promise.all(inputs.map((input) => appraiser.client.raw(CONFIRM, { input })));
    const winners = results.flatMap((r, i) => (r.errors ? [] : [i]));
    expect(winners).to.have.length(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.extensions?.code).to.equal('CONFLICT');
    const stored = (await appraiser.client.ok(APP_REPORT, { id: race.applicationId })).pledgeApplication.valuationReport;
    expect(stored.reportNumber).to.equal(inputs[winners[0]!]!.reportNumber);
    // Paging the queue: two applications name this appraiser, newest first.
    const page1 = (await appraiser.client.ok(REQUESTS, { first: 1 })).valuationRequests;
    expect(page1.map((r: any) => r.id)).to.deep.equal([race.applicationId]);
    const page2 = (await appraiser.client.ok(REQUESTS, { first: 1, after: page1[0].id })).valuationRequests;
    expect(page2.map((r: any) => r.id)).to.deep.equal([applicationId]);
  });
});
