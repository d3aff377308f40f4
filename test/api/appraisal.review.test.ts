// Review of valuation by an appraiser (issue 16, point 5), as an attacker and as a fault would:
// self-appraisal, dates the assets or the request clock rule out, amounts past 2^53 fen or as
// floats, hostile report numbers, readers outside the application through nested fields, the
// stated valuation after a confirmation, many confirmations at once. Every refusal writes nothing.
import { expect } from 'chai';
import { addMember, registerOrg, registerVerified } from '../helpers/client';
import { APPLY, bankWithProduct, createAsset, enterprise, WITHDRAW, world, type World } from '../helpers/financing';
import { at } from '../helpers/loans';
import { addDays, todayInShanghai } from '../../services/rules/calendar';
import { APP_REPORT, APP_VALUATION, appraisalWorld, applyNaming, CONFIRM, monthsAgo, REQUESTS, reportInput } from '../helpers/appraisal';

describe('valuation by an appraiser: review (issue 16, point 5)', () => {
  let w: World;
  before(async () => {
    w = await world();
  });

  it('an APPRAISER applying for a loan cannot name itself to confirm its own valuation', async function () {
    this.timeout(120_000);
    const self = await registerVerified(w.anon, w.regulator, 'APPRAISER');
    const bp = await bankWithProduct(w);
    const assetId = await createAsset(self.client);
    const input = {
      productId: bp.productId, assetIds: [assetId], requestedAmount: '1000000.00', termMonths: 12,
      valuation: { amount: '9000000.00', method: 'INCOME', valuedOn: monthsAgo(1) }, appraiserId: self.orgId,
    };
    await self.client.fails(APPLY, { input }, 'BAD_USER_INPUT', 'input.appraiserId');
    expect((await self.client.ok(`{ pledgeApplications { id } }`)).pledgeApplications).to.deep.equal([]);
    // Naming another verified appraiser is fine.
    const other = await registerVerified(w.anon, w.regulator, 'APPRAISER');
    const id = (await self.client.ok(APPLY, { input: { ...input, appraiserId: other.orgId } })).applyForPledgeLoan.id;
    expect((await other.client.ok(APP_REPORT, { id })).pledgeApplication).to.deep.equal({ id, valuationReport: null });
  });

  it('valuedOn: not before an asset was granted (or filed, if not granted), not after today by the request clock', async function () {
    this.timeout(120_000);
    const appraiser = await registerVerified(w.anon, w.regulator, 'APPRAISER');
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w);
    const granted = monthsAgo(1);
    const fresh = await createAsset(owner.client, { filingDate: '2024-01-10', grantDate: granted });
    const pending = await createAsset(owner.client, { filingDate: monthsAgo(3), grantDate: null, legalStatus: 'PENDING' });
    const assetIds = [fresh, pending].sort();
    const applicationId = await applyNaming(owner, bp.productId, assetIds, appraiser.orgId);
    const input = (valuedOn: string) => reportInput(applicationId, assetIds, ['1000000.00', '1000000.00'], { valuedOn });
    // The day before the grant of one asset: that right did not exist yet.
    await appraiser.client.fails(CONFIRM, { input: input(addDays(granted, -1)) }, 'BAD_USER_INPUT', 'input.valuedOn');
    // By the request's clock (x-test-now ten days ago), today is in its future.
    const tenDaysAgo = addDays(todayInShanghai(), -10);
    await at(appraiser.client, tenDaysAgo).fails(CONFIRM, { input: input(addDays(tenDaysAgo, 1)) }, 'BAD_USER_INPUT', 'input.valuedOn');
    expect((await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport).to.equal(null);
    // The grant day itself is fine.
    const ok = (await appraiser.client.ok(CONFIRM, { input: input(granted) })).confirmValuationReport;
    expect(ok.valuationReport).to.deep.include({ valuedOn: granted, total: '2000000.00' });
  });

  it('amounts past 2^53 fen, floats, hostile or overlong report numbers are BAD_USER_INPUT; nothing is written', async function () {
    this.timeout(120_000);
    const { appraiser, assetIds, applicationId, owner } = await appraisalWorld(w);
    const good = reportInput(applicationId, assetIds, ['1000000.00', '2000000.00']);
    const withValues = (a: unknown, b: unknown) => ({ ...good, values: [{ assetId: assetIds[0], value: a }, { assetId: assetIds[1], value: b }] });
    const MAX = '90071992547409.91'; // 2^53 - 1 fen
    const cases: [Record<string, unknown>, string][] = [
      [withValues('90071992547409.92', '1.00'), 'input.values[0].value'], // 2^53 fen
      [withValues('1.00', '1e20'), 'input.values[1].value'],
      [withValues(1000000.5, '1.00'), 'input.values[0].value'], // a JSON number, not a decimal string
      [withValues('1.00', 2000000), 'input.values[1].value'],
      [withValues('NaN', '1.00'), 'input.values[0].value'],
      [withValues(MAX, MAX), 'input.values'], // each exact, the total is not
      [withValues(MAX, '0.01'), 'input.values'],
      [{ ...good, reportNumber: '鹤评报字\u0007第1号' }, 'input.reportNumber'],
      [{ ...good, reportNumber: '鹤评报字\n第1号' }, 'input.reportNumber'],
      [{ ...good, reportNumber: '鹤评\u202E号' }, 'input.reportNumber'],
      [{ ...good, reportNumber: 'R'.repeat(65) }, 'input.reportNumber'],
      [{ ...good, reportNumber: 'R'.repeat(100_000) }, 'input.reportNumber'],
    ];
    for (const [input, field] of cases) await appraiser.client.fails(CONFIRM, { input }, 'BAD_USER_INPUT', field);
    expect((await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport).to.equal(null);
    // The largest exact total is held and answered exactly.
    const max = (await appraiser.client.ok(CONFIRM, { input: withValues('90071992547408.91', '1.00') })).confirmValuationReport;
    expect(max.valuationReport.total).to.equal(MAX);
  });

  it('strangers, other banks and other appraisers read nothing of the report, by any path; the appraiser no due diligence', async function () {
    this.timeout(120_000);
    const { appraiser, bp, owner, assetIds, applicationId } = await appraisalWorld(w);
    await appraiser.client.ok(CONFIRM, { input: reportInput(applicationId, assetIds, ['1000000.00', '1000000.00']) });
    const otherBank = (await bankWithProduct(w)).bank;
    const otherAppraiser = await registerVerified(w.anon, w.regulator, 'APPRAISER');
    const stranger = await registerOrg(w.anon, 'ENTERPRISE');
    const REPORT = 'valuationReport { total reportNumber values { value } } appraiser { id }';
    for (const c of [otherBank.client, otherAppraiser.client, stranger.client, w.anon]) {
      expect((await c.ok(`query($id: ID!) { pledgeApplication(id: $id) { id ${REPORT} } }`, { id: applicationId })).pledgeApplication).to.equal(null);
    }
    for (const c of [otherBank.client, otherAppraiser.client, stranger.client]) {
      expect((await c.ok(`{ pledgeApplications { id } }`)).pledgeApplications.map((a: any) => a.id)).to.not.include(applicationId);
      const notes = (await c.ok(`{ notifications(first: 100) { edges { node { objectId } } } }`)).notifications.edges;
      expect(notes.map((e: any) => e.node.objectId)).to.not.include(applicationId);
    }
    expect((await otherAppraiser.client.ok(REQUESTS, {})).valuationRequests).to.deep.equal([]);
    await otherBank.client.fails(REQUESTS, {}, 'FORBIDDEN');
    await stranger.client.fails(REQUESTS, {}, 'FORBIDDEN');
    await w.anon.fails(REQUESTS, {}, 'UNAUTHENTICATED');
    // The assets: the appraiser may read them (to value them); other appraisers and strangers may not.
    for (const c of [otherAppraiser.client, stranger.client, w.anon]) {
      expect((await c.ok(`query($id: ID!) { ipAsset(id: $id) { id } }`, { id: assetIds[0] })).ipAsset).to.equal(null);
    }
    expect((await appraiser.client.ok(`query($id: ID!) { ipAsset(id: $id) { id } }`, { id: assetIds[0] })).ipAsset).to.deep.equal({ id: assetIds[0] });
    // The appraiser: the application and its report, not the due diligence, the loan or the policy.
    await appraiser.client.fails(APP_VALUATION, { id: applicationId }, 'FORBIDDEN');
    const seen = (await appraiser.client.ok(`query($id: ID!) { pledgeApplication(id: $id) { id ${REPORT} loan { id } insurancePolicy { id } registration { id } } }`, { id: applicationId })).pledgeApplication;
    expect(seen).to.deep.include({ appraiser: { id: appraiser.orgId }, loan: null, insurancePolicy: null, registration: null });
    expect(seen.valuationReport.total).to.equal('2000000.00');
    expect((await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport.total).to.equal('2000000.00');
    expect((await bp.bank.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport.total).to.equal('2000000.00');
  });

  it('after confirmation LTV and the product\'s MAX_LOAN_TO_VALUE rule use the confirmed total, not the stated one', async function () {
    this.timeout(120_000);
    const appraiser = await registerVerified(w.anon, w.regulator, 'APPRAISER');
    const { bank, productId: product } = await bankWithProduct(w, { eligibility: { maxLoanToValue: 0.5 } } as never);
    const owner = await enterprise(w);
    const assetIds = [await createAsset(owner.client)];
    // The applicant states 8,000,000.00 (LTV 0.375, within the hard 0.5 limit at application).
    const applicationId = await applyNaming(owner, product, assetIds, appraiser.orgId);
    await appraiser.client.ok(CONFIRM, { input: reportInput(applicationId, assetIds, ['4000000.00']) });
    const dd = (await bank.client.ok(`query($id: ID!) { pledgeApplication(id: $id) { valuation { amount } dueDiligence {
      loanToValue risks valuationUsed valuationConfirmed eligibility { rule met } } } }`, { id: applicationId })).pledgeApplication;
    expect(dd.valuation.amount).to.equal('8000000.00');
    expect(dd.dueDiligence).to.deep.include({ loanToValue: 0.75, valuationUsed: '4000000.00', valuationConfirmed: true });
    expect(dd.dueDiligence.risks).to.include('LOAN_TO_VALUE_ABOVE_PRODUCT_MAX');
    expect(dd.dueDiligence.eligibility).to.deep.include({ rule: 'MAX_LOAN_TO_VALUE', met: false });
    // There is no way to restate the valuation: a second confirmation is CONFLICT, the report stays.
    await appraiser.client.fails(CONFIRM, { input: reportInput(applicationId, assetIds, ['90000000.00']) }, 'CONFLICT');
    expect((await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport.total).to.equal('4000000.00');
  });

  it('another bank is NOT_FOUND; a withdrawn application can no longer be valued (CONFLICT), nothing is written', async function () {
    this.timeout(120_000);
    const { appraiser, owner, assetIds, applicationId } = await appraisalWorld(w);
    const input = reportInput(applicationId, assetIds, ['1000000.00', '1000000.00']);
    const otherBank = (await bankWithProduct(w)).bank;
    await otherBank.client.fails(CONFIRM, { input }, 'NOT_FOUND');
    await owner.client.ok(WITHDRAW, { id: applicationId });
    await appraiser.client.fails(CONFIRM, { input }, 'CONFLICT');
    expect((await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport).to.equal(null);
  });

  it('twenty confirmations at once from two members of the appraiser: exactly one report, the others CONFLICT', async function () {
    this.timeout(120_000);
    const { appraiser, assetIds, applicationId, owner } = await appraisalWorld(w);
    const inputs = Array.from({ length: 20 }, (_x, n) => reportInput(applicationId, assetIds, [`${n + 1}000000.00`, '1000000.00']));
    const second = await addMember(appraiser, 'MEMBER');
    const results = await Promise.all(inputs.map((input, i) => (i % 2 ? second.client : appraiser.client).raw(CONFIRM, { input })));
    const winners = results.flatMap((r, i) => (r.errors ? [] : [i]));
    expect(winners).to.have.length(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).to.deep.equal(Array(19).fill('CONFLICT'));
    const stored = (await owner.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport;
    expect(stored).to.deep.equal({ reportNumber: inputs[winners[0]!]!.reportNumber, total: `${winners[0]! + 2}000000.00` });
  });
});
