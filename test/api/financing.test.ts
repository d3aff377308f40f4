// The bank journey end to end: product -> application -> review -> approve -> register ->
// totals and indicator move -> release -> the asset is free again.
import { expect } from 'chai';
import { registerOrg, type Client, type Registered } from '../helpers/client';
import { todayInShanghai } from '../../services/rules/calendar';
import {
  APPLICATION, ASSET_PLEDGE, CREATE_PRODUCT, DEFAULT_PRODUCT, REGISTRATIONS, RELEASE, apply, bankWithProduct, countDocs, createAsset,
  enterprise, oid, pledgeIndicatorFen, register, review, world, type BankWithProduct, type World,
} from '../helpers/financing';

const LOAN_PRODUCTS = `query($kind: IpKind) { loanProducts(kind: $kind) { id name maxAmount acceptedKinds bank { id name } } }`;
const PLAN = `query($year: Int!, $county: County) { planIndicators(year: $year, county: $county) { code value progress source } }`;

async function indicator(client: Client, code: string, year: number, county: string) {
  const rows = (await client.ok(PLAN, { year, county })).planIndicators as { code: string; value: number; progress: number | null; source: string }[];
  return rows.find((r) => r.code === code)!;
}

describe('pledge financing: the bank journey', () => {
  let w: World;
  let bp: BankWithProduct;
  let owner: Registered;
  let assetId: string;
  let applicationId: string;
  let registrationId: string;

  before(async () => {
    w = await world();
    bp = await bankWithProduct(w);
    owner = await enterprise(w, 'LUOBEI');
    assetId = await createAsset(owner.client);
  });

  it('a verified bank publishes a loan product that anyone can read, filtered by kind', async () => {
    const all = (await w.anon.ok(LOAN_PRODUCTS)).loanProducts;
    const mine = all.find((p: { id: string }) => p.id === bp.productId);
    expect(mine).to.deep.include({ name: DEFAULT_PRODUCT.name, maxAmount: '10000000.00' });
    expect(mine.bank.id).to.equal(bp.bank.orgId);
    const trademarks = (await w.anon.ok(LOAN_PRODUCTS, { kind: 'TRADEMARK' })).loanProducts;
    expect(trademarks.map((p: { id: string }) => p.id)).not.to.include(bp.productId);
    const inventions = (await w.anon.ok(LOAN_PRODUCTS, { kind: 'INVENTION_PATENT' })).loanProducts;
    expect(inventions.map((p: { id: string }) => p.id)).to.include(bp.productId);
  });

  it('the owner applies; both the applicant and the bank see it SUBMITTED, nobody else does', async () => {
    applicationId = await apply(owner, bp.productId, [assetId], { requestedAmount: '3000000.00', termMonths: 12 });
    for (const c of [owner.client, bp.bank.client]) {
      const { pledgeApplication } = await c.ok(APPLICATION, { id: applicationId });
      expect(pledgeApplication.status).to.equal('SUBMITTED');
      expect(pledgeApplication.requestedAmount).to.equal('3000000.00');
      expect(pledgeApplication.valuation).to.deep.equal({ amount: '8000000.00', method: 'INCOME', valuedOn: '2025-06-30', appraiser: null });
    }
    const stranger = await registerOrg(w.anon, 'ENTERPRISE');
    expect((await stranger.client.ok(APPLICATION, { id: applicationId })).pledgeApplication).to.equal(null);
    expect((await w.anon.ok(APPLICATION, { id: applicationId })).pledgeApplication).to.equal(null);
  });

  it('the bank sees the asset of an application sent to it, with its due diligence: no risks, LTV 0.375', async () => {
    const { ipAsset } = await bp.bank.client.ok(ASSET_PLEDGE, { id: assetId });
    expect(ipAsset.owner.id).to.equal(owner.orgId);
    const { pledgeApplication } = await bp.bank.client.ok(APPLICATION, { id: applicationId });
    const dd = pledgeApplication.dueDiligence;
    // The applicant's own valuation of 2025-06-30: not confirmed by an appraiser, and (from 2026-07) stale.
    expect(dd.risks.filter((r: string) => !r.startsWith('VALUATION_'))).to.deep.equal([]);
    expect(dd.risks).to.include('VALUATION_UNCONFIRMED');
    expect(dd.loanToValue).to.equal(0.375);
    expect(dd.amount).to.equal('3000000.00');
    expect(dd.assets).to.have.length(1);
    expect(dd.assets[0]).to.deep.include({ legalStatus: 'VALID', ownerMatches: true, alreadyPledged: false, exclusiveLicenses: 0, expiresOn: '2038-03-01', expiresWithinTerm: false, kindAccepted: true });
    expect(dd.assets[0].remainingYears).to.be.within(11, 12);
  });

  it('the bank reviews and approves a lower amount; the history says who, when and why', async () => {
    await review(bp.bank, applicationId, 'START_REVIEW', { reason: '资料齐全，进入尽职调查' });
    const approved = await review(bp.bank, applicationId, 'APPROVE', { approvedAmount: '2500000.00', reason: '授信批准' });
    expect(approved.status).to.equal('APPROVED');
    expect(approved.approvedAmount).to.equal('2500000.00');
    expect(approved.history.map((h: { to: string }) => h.to)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED']);
    expect(approved.history[1].by).to.deep.equal({ id: bp.bank.userId }); // four-eyes: the admin started the review
    expect(approved.history[2]).to.deep.include({ from: 'UNDER_REVIEW', reason: '授信批准', by: { id: bp.bank.approverUserId } });
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id: applicationId });
    expect(pledgeApplication.dueDiligence.amount).to.equal('2500000.00');
    expect(pledgeApplication.dueDiligence.loanToValue).to.equal(0.3125);
  });

  it('the bank records the CNIPA registration: asset pledged, application REGISTERED, totals and the indicator move once', async () => {
    const before = (await bp.bank.client.ok(REGISTRATIONS)).pledgeRegistrations;
    expect(before.totalCount).to.equal(0);
    expect(before.totalSecuredAmount).to.equal('0.00');
    const indicatorBefore = await pledgeIndicatorFen(2025, 'LUOBEI');

    const reg = await register(bp.bank, applicationId, { securedAmount: '2500000.00', registeredOn: '2025-07-15', expiresOn: '2026-07-14' });
    registrationId = reg.id;
    expect(reg).to.deep.include({ securedAmount: '2500000.00', registeredOn: '2025-07-15', expiresOn: '2026-07-14', county: 'LUOBEI', status: 'ACTIVE', releasedOn: null });
    expect(reg.pledgor.id).to.equal(owner.orgId);
    expect(reg.pledgee.id).to.equal(bp.bank.orgId);
    expect(reg.application).to.deep.equal({ id: applicationId, status: 'REGISTERED' });
    expect(reg.assets).to.deep.equal([{ id: assetId, activePledge: { id: reg.id } }]);
    expect(reg.history.map((h: { to: string }) => h.to)).to.deep.equal(['ACTIVE']);

    const { ipAsset } = await owner.client.ok(ASSET_PLEDGE, { id: assetId });
    expect(ipAsset.activePledge).to.deep.include({ id: reg.id, status: 'ACTIVE' });
    expect(ipAsset.activePledge.pledgee.id).to.equal(bp.bank.orgId);

    const after = (await bp.bank.client.ok(REGISTRATIONS)).pledgeRegistrations;
    expect(after.totalCount).to.equal(1);
    expect(after.totalSecuredAmount).to.equal('2500000.00');
    expect(after.edges[0].node.id).to.equal(reg.id);
    expect(await pledgeIndicatorFen(2025, 'LUOBEI')).to.equal(indicatorBefore + 250_000_000);
    expect(await countDocs('pledgeregistrations', { _id: oid(reg.id), indicatorCounted: true })).to.equal(1);

    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id: applicationId });
    expect(pledgeApplication.status).to.equal('REGISTERED');
    expect(pledgeApplication.registration.id).to.equal(reg.id);
    expect(pledgeApplication.dueDiligence.risks, 'its own pledge is not "already pledged"').not.to.include('ALREADY_PLEDGED');
  });

  it('the pledgor and the regulator see the registration; another bank and anonymous callers do not', async () => {
    const mine = (await owner.client.ok(REGISTRATIONS)).pledgeRegistrations;
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).to.deep.equal([registrationId]);
    const all = (await w.regulator.ok(REGISTRATIONS, { filter: { year: 2025, county: 'LUOBEI' }, first: 100 })).pledgeRegistrations;
    expect(all.totalCount).to.be.at.least(1);
    const other = await bankWithProduct(w);
    expect((await other.bank.client.ok(REGISTRATIONS)).pledgeRegistrations.totalCount).to.equal(0);
    await w.anon.fails(REGISTRATIONS, {}, 'UNAUTHENTICATED');
  });

  it('the pledgee releases it: the asset is free again and the application RELEASED; the indicator keeps the registered amount', async () => {
    const indicatorBefore = await pledgeIndicatorFen(2025, 'LUOBEI');
    const { releasePledgeRegistration: rel } = await bp.bank.client.ok(RELEASE, { id: registrationId, releasedOn: '2025-12-31' });
    expect(rel).to.deep.include({ status: 'RELEASED', releasedOn: '2025-12-31' });
    expect(rel.assets).to.deep.equal([{ id: assetId, activePledge: null }]);
    expect(rel.application).to.deep.equal({ id: applicationId, status: 'RELEASED' });
    expect(rel.history.map((h: { to: string }) => h.to)).to.deep.equal(['ACTIVE', 'RELEASED']);
    expect((await owner.client.ok(ASSET_PLEDGE, { id: assetId })).ipAsset.activePledge).to.equal(null);
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id: applicationId });
    expect(pledgeApplication.history.map((h: { to: string }) => h.to)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REGISTERED', 'RELEASED']);
    expect(await pledgeIndicatorFen(2025, 'LUOBEI')).to.equal(indicatorBefore);
    const released = (await bp.bank.client.ok(REGISTRATIONS, { filter: { status: 'RELEASED' } })).pledgeRegistrations;
    expect(released.totalSecuredAmount).to.equal('2500000.00');
    expect((await bp.bank.client.ok(REGISTRATIONS, { filter: { status: 'ACTIVE' } })).pledgeRegistrations.totalCount).to.equal(0);
  });

  it('the freed asset can be pledged again, to another bank', async () => {
    const other = await bankWithProduct(w);
    const second = await apply(owner, other.productId, [assetId]);
    await review(other.bank, second, 'START_REVIEW');
    await review(other.bank, second, 'APPROVE');
    const reg = await register(other.bank, second, { registeredOn: '2026-01-10', expiresOn: '2027-01-09' });
    expect(reg.assets[0].activePledge.id).to.equal(reg.id);
  });

  it('a registration at or above the high-pledge threshold (10,000,000 yuan) makes its invention patent high-value', async () => {
    const big = await bankWithProduct(w, { maxAmount: '50000000.00' });
    const inv = await createAsset(owner.client);
    const um = await createAsset(owner.client, { kind: 'UTILITY_MODEL', filingDate: '2020-03-01' });
    const app = await apply(owner, big.productId, [inv, um], { requestedAmount: '10000000.00', valuation: { amount: '30000000.00', method: 'MARKET', valuedOn: '2025-05-01' } });
    await review(big.bank, app, 'START_REVIEW');
    await review(big.bank, app, 'APPROVE');
    expect((await owner.client.ok(ASSET_PLEDGE, { id: inv })).ipAsset.highValueReasons).to.deep.equal([]);
    const year = Number(todayInShanghai().slice(0, 4));
    const highValueBefore = await indicator(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', year, 'LUOBEI');
    await register(big.bank, app, { securedAmount: '10000000.00', registeredOn: '2025-08-01', expiresOn: '2027-07-31' });
    expect((await owner.client.ok(ASSET_PLEDGE, { id: inv })).ipAsset.highValueReasons).to.deep.equal(['HIGH_PLEDGE_FINANCING']);
    const highValueAfter = await indicator(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', year, 'LUOBEI');
    expect(highValueAfter.value - highValueBefore.value, 'one more high-value invention patent in LUOBEI').to.equal(1);
    expect((await owner.client.ok(ASSET_PLEDGE, { id: um })).ipAsset.highValueReasons, 'utility models are never high-value').to.deep.equal([]);
  });

  it('planIndicators reads 30,000,000.00 yuan registered in 2021 in GONGNONG as 0.3 亿元 (a flow: the platform figure, source ESTIMATE)', async () => {
    const gongnong = await enterprise(w, 'GONGNONG');
    const b = await bankWithProduct(w, { maxAmount: '30000000.00' });
    const asset = await createAsset(gongnong.client);
    const before = await indicator(w.anon, 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 2021, 'GONGNONG');
    expect(before.value).to.equal(0);
    const app = await apply(gongnong, b.productId, [asset], { requestedAmount: '30000000.00', valuation: { amount: '60000000.00', method: 'INCOME', valuedOn: '2021-03-01' } });
    await review(b.bank, app, 'START_REVIEW');
    await review(b.bank, app, 'APPROVE');
    await register(b.bank, app, { securedAmount: '30000000.00', registeredOn: '2021-05-20', expiresOn: '2024-05-19' });
    const after = await indicator(w.anon, 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 2021, 'GONGNONG');
    // A flow's figure is the platform's own (banks record registrations here); a county row has no progress.
    expect(after).to.deep.include({ value: 0.3, progress: null, source: 'ESTIMATE' });
    expect((await indicator(w.anon, 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 2022, 'GONGNONG')).value, 'a flow: other years unchanged').to.equal(0);
    const audit = (await w.regulator.ok(`query { indicatorAudit(year: 2021) { rows { code county live recomputed consistent } } }`)).indicatorAudit.rows;
    const row = audit.find((r: { code: string; county: string | null }) => r.code === 'PLEDGE_FINANCING_REGISTERED_AMOUNT' && r.county === 'GONGNONG');
    expect(row, 'the ledger agrees with a recomputation from the registrations').to.deep.include({ live: 3_000_000_000, recomputed: 3_000_000_000, consistent: true });
  });

  it('a year and county adding up past 2^31 fen (21,474,836.48 yuan) still reads right: 15,000,000.00 twice is 0.3 亿元', async () => {
    const xingan = await enterprise(w, 'XINGAN');
    const b = await bankWithProduct(w, { maxAmount: '15000000.00' });
    const before = await indicator(w.anon, 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 2022, 'XINGAN');
    expect(before.value).to.equal(0);
    for (const registeredOn of ['2022-03-01', '2022-09-01']) {
      const app = await apply(xingan, b.productId, [await createAsset(xingan.client)], { requestedAmount: '15000000.00', valuation: { amount: '40000000.00', method: 'MARKET', valuedOn: '2022-01-10' } });
      await review(b.bank, app, 'START_REVIEW');
      await review(b.bank, app, 'APPROVE');
      await register(b.bank, app, { securedAmount: '15000000.00', registeredOn, expiresOn: '2025-02-28' });
    }
    expect((await indicator(w.anon, 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 2022, 'XINGAN')).value).to.equal(0.3);
    expect(await pledgeIndicatorFen(2022, 'XINGAN')).to.equal(3_000_000_000);
  });

  it('a registration just below the threshold does not', async () => {
    const b = await bankWithProduct(w);
    const inv = await createAsset(owner.client);
    const app = await apply(owner, b.productId, [inv], { requestedAmount: '9999999.99' });
    await review(b.bank, app, 'START_REVIEW');
    await review(b.bank, app, 'APPROVE');
    await register(b.bank, app, { securedAmount: '9999999.99' });
    expect((await owner.client.ok(ASSET_PLEDGE, { id: inv })).ipAsset.highValueReasons).to.deep.equal([]);
  });
});

describe('loan products: who may publish, and bounds', () => {
  let w: World;
  before(async () => {
    w = await world();
  });

  it('an unverified bank, an enterprise and an anonymous caller may not publish', async () => {
    const unverified = await registerOrg(w.anon, 'BANK');
    await unverified.client.fails(CREATE_PRODUCT, { input: DEFAULT_PRODUCT }, 'FORBIDDEN');
    const ent = await registerOrg(w.anon, 'ENTERPRISE');
    await ent.client.fails(CREATE_PRODUCT, { input: DEFAULT_PRODUCT }, 'FORBIDDEN');
    await w.anon.fails(CREATE_PRODUCT, { input: DEFAULT_PRODUCT }, 'UNAUTHENTICATED');
    expect(await countDocs('loanproducts', { bank: { $in: [oid(unverified.orgId), oid(ent.orgId)] } })).to.equal(0);
  });

  it('bad bounds are BAD_USER_INPUT naming the field, and nothing is created', async () => {
    const { bank } = await bankWithProduct(w);
    const cases: [Record<string, unknown>, string][] = [
      [{ maxLoanToValue: 0 }, 'input.maxLoanToValue'],
      [{ maxLoanToValue: 1.01 }, 'input.maxLoanToValue'],
      [{ maxLoanToValue: -0.5 }, 'input.maxLoanToValue'],
      [{ maxAmount: '0.00' }, 'input.maxAmount'],
      [{ maxAmount: '-5.00' }, 'input.maxAmount'],
      [{ maxTermMonths: 0 }, 'input.maxTermMonths'],
      [{ maxTermMonths: 121 }, 'input.maxTermMonths'],
      [{ annualRatePercent: 0 }, 'input.annualRatePercent'],
      [{ annualRatePercent: 36.5 }, 'input.annualRatePercent'],
      [{ annualRatePercent: 3.123456 }, 'input.annualRatePercent'],
      [{ acceptedKinds: [] }, 'input.acceptedKinds'],
      [{ name: '   ' }, 'input.name'],
    ];
    for (const [override, field] of cases) {
      await bank.client.fails(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, ...override } }, 'BAD_USER_INPUT', field);
    }
    await bank.client.fails(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, maxAmount: '1.234' } }, 'BAD_USER_INPUT', 'input.maxAmount');
    expect(await countDocs('loanproducts', { bank: oid(bank.orgId) })).to.equal(1);
  });

  it('edge values are accepted: LTV exactly 1, rate exactly 36', async () => {
    const { bank } = await bankWithProduct(w);
    const { createLoanProduct } = await bank.client.ok(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, maxLoanToValue: 1, annualRatePercent: 36, acceptedKinds: ['TRADEMARK', 'TRADEMARK'] } });
    expect(createLoanProduct).to.deep.include({ maxLoanToValue: 1, annualRatePercent: 36, acceptedKinds: ['TRADEMARK'], active: true });
  });
});
