// Every risk flag of the due diligence, raised by the case that should raise it and absent in the
// neighbouring case that should not (computed at read time from live data).
import { expect } from 'chai';
import { registerOrg, type Registered } from '../helpers/client';
import { addMonths, addYears, todayInShanghai } from '../../services/rules/calendar';
import {
  APPLICATION, apply, approve, bankWithProduct, financingParties, createAsset, enterprise, insertLicense, register, transferOwnership, world,
  type BankWithProduct, type World,
} from '../helpers/financing';

const FACTS = `mutation($input: AssetPledgeFactsInput!) {
  recordAssetPledgeFacts(input: $input) { id annualFeesPaidUntil annualFeeStatus coOwners coOwnersConsentToPledge }
}`;
const RESTRICT = `mutation($input: AssetRestrictionInput!) { setAssetRestriction(input: $input) { id restriction { kind since note } } }`;

const ALL_FLAGS = [
  'ASSET_NOT_VALID', 'EXPIRES_WITHIN_TERM', 'ALREADY_PLEDGED', 'OWNER_MISMATCH', 'NO_VALUATION', 'LOAN_TO_VALUE_ABOVE_PRODUCT_MAX',
  'AMOUNT_ABOVE_PRODUCT_MAX', 'EXCLUSIVE_LICENSE_GRANTED', 'KIND_NOT_ACCEPTED', 'ANNUAL_FEE_OVERDUE', 'OWNERSHIP_RESTRICTED', 'CO_OWNER_CONSENT_MISSING',
];

describe('due diligence: every risk flag', () => {
  let w: World, bp: BankWithProduct, owner: Registered; // max 10,000,000.00, LTV 0.5, 36 months, inventions and utility models
  const today = todayInShanghai();
  before(async () => ({ w, bp, owner } = await financingParties()));

  async function dd(id: string, client = bp.bank.client) {
    return (await client.ok(APPLICATION, { id })).pledgeApplication.dueDiligence;
  }
  /** The flags about the assets and the amounts (the valuation's own flags, unconfirmed and stale: test/api/appraisal.test.ts). */
  async function risks(id: string): Promise<string[]> {
    return (await dd(id)).risks.filter((r: string) => r !== 'VALUATION_UNCONFIRMED' && r !== 'VALUATION_STALE');
  }
  /** Applies with a fresh valid invention patent unless assets are given. */
  async function applyWith(opts: Parameters<typeof apply>[3] = {}, assetIds?: string[]) {
    return apply(owner, bp.productId, assetIds ?? [await createAsset(owner.client)], opts);
  }

  it('a clean application raises none of them', async () => {
    const id = await applyWith();
    expect(await risks(id)).to.deep.equal([]);
    expect(ALL_FLAGS).to.have.length(12);
  });

  it('ASSET_NOT_VALID: a lapsed patent, a pending application; not a valid one', async () => {
    const lapsed = await createAsset(owner.client, { legalStatus: 'LAPSED' });
    const pending = await createAsset(owner.client, { legalStatus: 'PENDING', grantDate: null });
    expect(await risks(await applyWith({}, [lapsed]))).to.deep.equal(['ASSET_NOT_VALID']);
    const id = await applyWith({}, [pending]);
    expect(await risks(id)).to.deep.equal(['ASSET_NOT_VALID']);
    expect((await dd(id)).assets[0].legalStatus).to.equal('PENDING');
  });

  it('ASSET_NOT_VALID: a patent past its 20-year term reads EXPIRED whatever was typed in', async () => {
    const old = await createAsset(owner.client, { filingDate: '2004-01-05', grantDate: '2006-01-05', legalStatus: 'VALID' });
    const check = (await dd(await applyWith({}, [old]))).assets[0];
    expect(check).to.deep.include({ legalStatus: 'EXPIRED', remainingYears: 0, expiresOn: '2024-01-05', expiresWithinTerm: true });
  });

  it('EXPIRES_WITHIN_TERM: protection ends before the loan does; a shorter term clears it', async () => {
    // A utility model (10 years) that expires six months from today.
    const filingDate = addYears(addMonths(today, 6), -10);
    const um = await createAsset(owner.client, { kind: 'UTILITY_MODEL', filingDate, grantDate: addMonths(filingDate, 8) });
    const long = await applyWith({ termMonths: 12 }, [um]);
    expect(await risks(long)).to.deep.equal(['EXPIRES_WITHIN_TERM']);
    const check = (await dd(long)).assets[0];
    expect(check).to.deep.include({ expiresOn: addMonths(today, 6), expiresWithinTerm: true, legalStatus: 'VALID' });
    expect((await dd(long)).loanEndsOn).to.equal(addMonths(today, 12));
    expect(await risks(await applyWith({ termMonths: 5 }, [um]))).to.deep.equal([]);
  });

  it('ALREADY_PLEDGED: another registration holds the asset; its own registration does not count', async () => {
    const asset = await createAsset(owner.client);
    const first = await applyWith({}, [asset]);
    const second = await applyWith({}, [asset]);
    expect(await risks(second)).to.deep.equal([]);
    await approve(bp.bank, first);
    await register(bp.bank, first);
    expect(await risks(second)).to.deep.equal(['ALREADY_PLEDGED']);
    expect((await dd(second)).assets[0].alreadyPledged).to.equal(true);
    expect(await risks(first)).to.deep.equal([]);
    expect((await dd(first)).assets[0].alreadyPledged).to.equal(false);
  });

  it('OWNER_MISMATCH: the asset was transferred after the application', async () => {
    const asset = await createAsset(owner.client);
    const id = await applyWith({}, [asset]);
    const buyer = await enterprise(w); // LUOBEI like the owner: the indicator figures do not move
    await transferOwnership(asset, owner.orgId, buyer.orgId);
    expect(await risks(id)).to.deep.equal(['OWNER_MISMATCH']);
    expect((await dd(id)).assets[0].ownerMatches).to.equal(false);
  });

  it('NO_VALUATION: no valuation given, and loanToValue is null', async () => {
    const id = await applyWith({ valuation: null });
    const d = await dd(id);
    expect(d.risks).to.deep.equal(['NO_VALUATION']);
    expect(d.loanToValue).to.equal(null);
  });

  it('LOAN_TO_VALUE_ABOVE_PRODUCT_MAX: one fen above 50% of the valuation; exactly 50% is fine', async () => {
    const valuation = { amount: '8000000.00', method: 'MARKET', valuedOn: '2025-03-01' };
    const at = await applyWith({ requestedAmount: '4000000.00', valuation });
    expect(await risks(at)).to.deep.equal([]);
    expect((await dd(at)).loanToValue).to.equal(0.5);
    const above = await applyWith({ requestedAmount: '4000000.01', valuation });
    expect(await risks(above)).to.deep.equal(['LOAN_TO_VALUE_ABOVE_PRODUCT_MAX']);
  });

  it('LOAN_TO_VALUE follows the approved amount once approved', async () => {
    const valuation = { amount: '8000000.00', method: 'MARKET', valuedOn: '2025-03-01' };
    const id = await applyWith({ requestedAmount: '5000000.00', valuation });
    expect(await risks(id)).to.deep.equal(['LOAN_TO_VALUE_ABOVE_PRODUCT_MAX']);
    await approve(bp.bank, id, '4000000.00');
    expect(await risks(id)).to.deep.equal([]);
  });

  it('AMOUNT_ABOVE_PRODUCT_MAX: one fen above the product maximum; the maximum itself is fine', async () => {
    const valuation = { amount: '100000000.00', method: 'INCOME', valuedOn: '2025-03-01' };
    expect(await risks(await applyWith({ requestedAmount: '10000000.00', valuation }))).to.deep.equal([]);
    expect(await risks(await applyWith({ requestedAmount: '10000000.01', valuation }))).to.deep.equal(['AMOUNT_ABOVE_PRODUCT_MAX']);
  });

  it('EXCLUSIVE_LICENSE_GRANTED: an exclusive licence in force; not a non-exclusive or an ended one', async () => {
    const licensee = await registerOrg(w.anon, 'ENTERPRISE');
    const a = await createAsset(owner.client);
    const b = await createAsset(owner.client);
    const c = await createAsset(owner.client);
    await insertLicense(a, owner.orgId, licensee.orgId, 'EXCLUSIVE', addYears(today, -1), addYears(today, 2));
    await insertLicense(b, owner.orgId, licensee.orgId, 'NON_EXCLUSIVE', addYears(today, -1), addYears(today, 2));
    await insertLicense(c, owner.orgId, licensee.orgId, 'EXCLUSIVE', '2019-01-01', '2021-12-31');
    const id = await applyWith({}, [a]);
    expect(await risks(id)).to.deep.equal(['EXCLUSIVE_LICENSE_GRANTED']);
    expect((await dd(id)).assets[0].exclusiveLicenses).to.equal(1);
    expect(await risks(await applyWith({}, [b]))).to.deep.equal([]);
    expect(await risks(await applyWith({}, [c]))).to.deep.equal([]);
  });

  it('KIND_NOT_ACCEPTED: a trademark offered to a patents-only product', async () => {
    const tm = await createAsset(owner.client, { kind: 'TRADEMARK', filingDate: '2019-01-01', grantDate: '2020-01-01' });
    const inv = await createAsset(owner.client);
    const id = await applyWith({}, [inv, tm]);
    expect(await risks(id)).to.deep.equal(['KIND_NOT_ACCEPTED']);
    const checks = (await dd(id)).assets;
    expect(checks.map((c: { kindAccepted: boolean }) => c.kindAccepted).sort()).to.deep.equal([false, true]);
  });

  it('ANNUAL_FEE_OVERDUE: fees paid only up to a month ago; not when paid up to today, nor when undeclared', async () => {
    const asset = await createAsset(owner.client);
    const id = await applyWith({}, [asset]);
    expect((await dd(id)).assets[0].annualFeeStatus).to.equal('UNKNOWN');
    const facts = await owner.client.ok(FACTS, { input: { assetId: asset, annualFeesPaidUntil: addMonths(today, -1) } });
    expect(facts.recordAssetPledgeFacts.annualFeeStatus).to.equal('OVERDUE');
    expect(await risks(id)).to.deep.equal(['ANNUAL_FEE_OVERDUE']);
    await owner.client.ok(FACTS, { input: { assetId: asset, annualFeesPaidUntil: today } });
    expect(await risks(id)).to.deep.equal([]);
    expect((await dd(id)).assets[0].annualFeeStatus).to.equal('PAID');
  });

  it('OWNERSHIP_RESTRICTED: a dispute recorded by the city IP office; gone when lifted', async () => {
    const asset = await createAsset(owner.client);
    const id = await applyWith({}, [asset]);
    const set = await w.regulator.ok(RESTRICT, { input: { assetId: asset, kind: 'COURT_PRESERVATION', since: '2025-10-01', note: '（2025）黑04民初123号' } });
    expect(set.setAssetRestriction.restriction).to.deep.equal({ kind: 'COURT_PRESERVATION', since: '2025-10-01', note: '（2025）黑04民初123号' });
    expect(await risks(id)).to.deep.equal(['OWNERSHIP_RESTRICTED']);
    expect((await dd(id)).assets[0].restriction).to.equal('COURT_PRESERVATION');
    await w.regulator.ok(RESTRICT, { input: { assetId: asset, kind: null } });
    expect(await risks(id)).to.deep.equal([]);
  });

  it('CO_OWNER_CONSENT_MISSING: co-owners without consent; none once they consent', async () => {
    const asset = await createAsset(owner.client);
    const id = await applyWith({}, [asset]);
    await owner.client.ok(FACTS, { input: { assetId: asset, coOwners: ['鹤岗师范高等专科学校'] } });
    expect(await risks(id)).to.deep.equal(['CO_OWNER_CONSENT_MISSING']);
    await owner.client.ok(FACTS, { input: { assetId: asset, coOwnersConsentToPledge: true } });
    expect(await risks(id)).to.deep.equal([]);
  });

  it('several flags at once come in the contract order', async () => {
    const tm = await createAsset(owner.client, { kind: 'TRADEMARK', filingDate: '2019-01-01', grantDate: '2020-01-01', legalStatus: 'INVALIDATED' });
    const id = await applyWith({ requestedAmount: '20000000.00', valuation: null }, [tm]);
    expect(await risks(id)).to.deep.equal(['ASSET_NOT_VALID', 'NO_VALUATION', 'AMOUNT_ABOVE_PRODUCT_MAX', 'KIND_NOT_ACCEPTED']);
  });

  it('the applicant sees the same due diligence as the bank', async () => {
    const id = await applyWith({ valuation: null });
    expect(await dd(id, owner.client)).to.deep.equal({ ...(await dd(id)) });
  });
});

describe('recording the CNIPA facts of an asset', () => {
  let w: World;
  let owner: Registered;
  before(async () => {
    w = await world();
    owner = await enterprise(w);
  });

  it('only the owner records annual fees and co-owners; only the regulator records a restriction', async () => {
    const asset = await createAsset(owner.client);
    const other = await enterprise(w);
    await other.client.fails(FACTS, { input: { assetId: asset, annualFeesPaidUntil: '2026-01-01' } }, 'NOT_FOUND'); // not visible to it
    await owner.client.fails(RESTRICT, { input: { assetId: asset, kind: 'OWNERSHIP_DISPUTE' } }, 'FORBIDDEN');
    await w.anon.fails(FACTS, { input: { assetId: asset, annualFeesPaidUntil: '2026-01-01' } }, 'UNAUTHENTICATED');
  });

  it('bad facts are BAD_USER_INPUT naming the field', async () => {
    const asset = await createAsset(owner.client); // filed 2018-03-01, expires 2038-03-01
    const tm = await createAsset(owner.client, { kind: 'TRADEMARK', filingDate: '2019-01-01', grantDate: '2020-01-01' });
    await owner.client.fails(FACTS, { input: { assetId: asset, annualFeesPaidUntil: '2038-03-02' } }, 'BAD_USER_INPUT', 'input.annualFeesPaidUntil');
    await owner.client.fails(FACTS, { input: { assetId: asset, annualFeesPaidUntil: '2017-01-01' } }, 'BAD_USER_INPUT', 'input.annualFeesPaidUntil');
    await owner.client.fails(FACTS, { input: { assetId: tm, annualFeesPaidUntil: '2026-01-01' } }, 'BAD_USER_INPUT', 'input.annualFeesPaidUntil');
    await owner.client.fails(FACTS, { input: { assetId: asset, coOwners: [' '] } }, 'BAD_USER_INPUT', 'input.coOwners[0]');
    await w.regulator.fails(RESTRICT, { input: { assetId: asset, kind: 'OWNERSHIP_DISPUTE', since: '2999-01-01' } }, 'BAD_USER_INPUT', 'input.since');
    const tmFacts = await owner.client.ok(FACTS, { input: { assetId: tm, coOwners: ['甲', '甲', '乙'] } });
    expect(tmFacts.recordAssetPledgeFacts).to.deep.include({ annualFeeStatus: 'NOT_APPLICABLE', coOwners: ['甲', '乙'] });
  });
});
