// Issue 16, point 4: products that say what they accept. applyForPledgeLoan refuses an unmet rule
// with BAD_USER_INPUT naming it (extensions.rule) and writes nothing; due diligence shows every rule
// met or not from live data; products are edited (with history) and deactivated by their bank.
import { expect } from 'chai';
import { APPLY, APPLICATION, CREATE_PRODUCT, DEFAULT_PRODUCT, VALUATION, apply, bankWithProduct, countDocs, createAsset, enterprise, oid, world, type World } from '../helpers/financing';

const FACTS = `mutation($input: AssetPledgeFactsInput!) { recordAssetPledgeFacts(input: $input) { id annualFeeStatus } }`;
const PRODUCT_FIELDS = `id name active daysPastDueBeforeDefault maxAmount
  eligibility { minRemainingYears { kind years } annualFeesPaidUp verifiedOnly insuranceRequired maxLoanToValue }
  history { reason by { name } fields { field before after } }`;
const UPDATE = `mutation($id: ID!, $input: LoanProductUpdateInput!, $reason: String) { updateLoanProduct(id: $id, input: $input, reason: $reason) { ${PRODUCT_FIELDS} } }`;
const DEACTIVATE = `mutation($id: ID!, $reason: String!) { deactivateLoanProduct(id: $id, reason: $reason) { ${PRODUCT_FIELDS} } }`;
const PRODUCTS = `{ loanProducts { id } }`;
const DD = `query($id: ID!) { pledgeApplication(id: $id) { dueDiligence { eligibility { rule met detail asset { id } } } } }`;

const RULES = {
  minRemainingYears: [{ kind: 'INVENTION_PATENT', years: 8 }, { kind: 'UTILITY_MODEL', years: 4 }],
  annualFeesPaidUp: true,
  verifiedOnly: true,
  insuranceRequired: false,
  maxLoanToValue: 0.4,
};

describe('loan products: eligibility rules, edits and deactivation (issue 16, point 4)', () => {
  let w: World;
  before(async () => {
    w = await world();
  });

  async function productWithRules(rules: Record<string, unknown>) {
    return bankWithProduct(w, { eligibility: rules } as never);
  }

  async function paid(owner: { client: any }, assetId: string, until = '2030-01-01') {
    await owner.client.ok(FACTS, { input: { assetId, annualFeesPaidUntil: until } });
  }

  it('each unmet rule is refused with BAD_USER_INPUT naming it and the input; nothing is written', async () => {
    const bp = await productWithRules(RULES);
    const owner = await enterprise(w);
    const input = (assetIds: string[], extra: Record<string, unknown> = {}) => ({ input: { productId: bp.productId, assetIds, requestedAmount: '3000000.00', termMonths: 12, valuation: VALUATION, ...extra } });
    const shortLived = await createAsset(owner.client, { filingDate: '2008-03-01', grantDate: '2010-06-01' }); // expires 2028-03-01
    await paid(owner, shortLived, '2028-01-01');
    const longLived = await createAsset(owner.client); // invention filed 2018: expires 2038
    const utility = await createAsset(owner.client, { kind: 'UTILITY_MODEL', filingDate: '2018-03-01' }); // expires 2028
    await paid(owner, utility, '2027-01-01');

    let err = await owner.client.fails(APPLY, input([longLived, shortLived]), 'BAD_USER_INPUT', 'input.assetIds[1]');
    expect(err.extensions?.rule).to.equal('MIN_REMAINING_PROTECTION');
    expect(err.message).to.contain('the product requires 8 for INVENTION_PATENT');
    err = await owner.client.fails(APPLY, input([utility]), 'BAD_USER_INPUT', 'input.assetIds[0]');
    expect(err.extensions?.rule).to.equal('MIN_REMAINING_PROTECTION');
    // Annual fees not declared (UNKNOWN) fail ANNUAL_FEES_PAID_UP; so do fees paid to a past date.
    err = await owner.client.fails(APPLY, input([longLived]), 'BAD_USER_INPUT', 'input.assetIds[0]');
    expect(err.extensions?.rule).to.equal('ANNUAL_FEES_PAID_UP');
    await paid(owner, longLived, '2020-01-01');
    err = await owner.client.fails(APPLY, input([longLived]), 'BAD_USER_INPUT', 'input.assetIds[0]');
    expect(err.extensions?.rule).to.equal('ANNUAL_FEES_PAID_UP');
    await paid(owner, longLived);
    // Loan to value 3,000,000 / 8,000,000 = 0.375 <= 0.4 passes; 3,300,000 / 8,000,000 = 0.4125 does not; no valuation fails.
    err = await owner.client.fails(APPLY, input([longLived], { requestedAmount: '3300000.00' }), 'BAD_USER_INPUT', 'input.requestedAmount');
    expect(err.extensions?.rule).to.equal('MAX_LOAN_TO_VALUE');
    err = await owner.client.fails(APPLY, input([longLived], { valuation: null }), 'BAD_USER_INPUT', 'input.valuation');
    expect(err.extensions?.rule).to.equal('MAX_LOAN_TO_VALUE');
    expect(await countDocs('pledgeapplications', { applicant: oid(owner.orgId) })).to.equal(0);
    // At the boundary: 3,200,000 / 8,000,000 = 0.4 exactly is allowed.
    const ok = (await owner.client.ok(APPLY, input([longLived], { requestedAmount: '3200000.00' }))).applyForPledgeLoan;
    expect(ok.status).to.equal('SUBMITTED');

    const insured = await productWithRules({ insuranceRequired: true });
    err = await owner.client.fails(APPLY, { input: { productId: insured.productId, assetIds: [longLived], requestedAmount: '1000000.00', termMonths: 12, valuation: VALUATION } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
    expect(err.extensions?.rule).to.equal('INSURANCE_REQUIRED');
  });

  it('due diligence shows each configured rule met or not, from live data', async () => {
    const bp = await productWithRules(RULES);
    const owner = await enterprise(w);
    const assetId = await createAsset(owner.client);
    await paid(owner, assetId, '2030-01-01');
    const applicationId = await apply(owner, bp.productId, [assetId]);
    const rows = (await bp.bank.client.ok(DD, { id: applicationId })).pledgeApplication.dueDiligence.eligibility;
    expect(rows.map((r: any) => [r.rule, r.met, r.asset?.id ?? null])).to.deep.equal([
      ['MIN_REMAINING_PROTECTION', true, assetId],
      ['ANNUAL_FEES_PAID_UP', true, assetId],
      ['VERIFIED_ONLY', true, assetId],
      ['MAX_LOAN_TO_VALUE', true, null],
    ]);
    // The owner now declares the fees paid only to a past date: the rule reads not met.
    await paid(owner, assetId, '2021-01-01');
    const after = (await owner.client.ok(DD, { id: applicationId })).pledgeApplication.dueDiligence.eligibility;
    expect(after.find((r: any) => r.rule === 'ANNUAL_FEES_PAID_UP')).to.include({ met: false, detail: `${after[0].detail.split(':')[0]}: annual fees OVERDUE` });
    // A product without rules lists none.
    const plain = await bankWithProduct(w);
    const other = await apply(owner, plain.productId, [await createAsset(owner.client)]);
    expect((await owner.client.ok(DD, { id: other })).pledgeApplication.dueDiligence.eligibility).to.deep.equal([]);
  });

  it('the bank edits its product with history, and deactivates it; others cannot; a stale edit is CONFLICT', async () => {
    const bp = await bankWithProduct(w);
    const bank = bp.bank.client;
    const edited = (await bank.ok(UPDATE, { id: bp.productId, input: { maxAmount: '5000000.00', eligibility: { minRemainingYears: [{ kind: 'INVENTION_PATENT', years: 8 }] }, daysPastDueBeforeDefault: 60 }, reason: '风险政策调整' })).updateLoanProduct;
    expect(edited).to.include({ maxAmount: '5000000.00', daysPastDueBeforeDefault: 60, active: true });
    expect(edited.eligibility).to.deep.equal({ minRemainingYears: [{ kind: 'INVENTION_PATENT', years: 8 }], annualFeesPaidUp: false, verifiedOnly: false, insuranceRequired: false, maxLoanToValue: null });
    expect(edited.history).to.have.length(1);
    expect(edited.history[0].reason).to.equal('风险政策调整');
    expect(edited.history[0].fields.map((f: any) => f.field)).to.deep.equal(['maxAmount', 'daysPastDueBeforeDefault', 'eligibility']);
    expect(edited.history[0].fields[0]).to.deep.equal({ field: 'maxAmount', before: '1000000000', after: '500000000' });
    // Bad input, nothing to change, another bank, the applicant side.
    await bank.fails(UPDATE, { id: bp.productId, input: { eligibility: { maxLoanToValue: 1.5 } } }, 'BAD_USER_INPUT', 'input.eligibility.maxLoanToValue');
    await bank.fails(UPDATE, { id: bp.productId, input: { eligibility: { minRemainingYears: [{ kind: 'UTILITY_MODEL', years: 4 }, { kind: 'UTILITY_MODEL', years: 5 }] } } }, 'BAD_USER_INPUT', 'input.eligibility.minRemainingYears[1].kind');
    await bank.fails(UPDATE, { id: bp.productId, input: { maxAmount: '5000000.00' } }, 'BAD_USER_INPUT', 'input');
    const other = await bankWithProduct(w);
    await other.bank.client.fails(UPDATE, { id: bp.productId, input: { name: 'x' } }, 'FORBIDDEN');
    await other.bank.client.fails(DEACTIVATE, { id: bp.productId, reason: 'x' }, 'FORBIDDEN');
    // Two edits at once from the same version: exactly one lands.
    const both = await Promise.all([
      bank.raw(UPDATE, { id: bp.productId, input: { name: '甲' } }),
      bank.raw(UPDATE, { id: bp.productId, input: { name: '乙' } }),
    ]);
    const winners = both.filter((r) => !r.errors);
    expect(winners.length).to.be.within(1, 2); // the second may read after the first landed and win too
    for (const r of both.filter((x) => x.errors)) expect(r.errors![0]!.extensions?.code).to.equal('CONFLICT');
    // Deactivate: gone from the catalogue, no new applications, no more edits.
    const gone = (await bank.ok(DEACTIVATE, { id: bp.productId, reason: '产品下架' })).deactivateLoanProduct;
    expect(gone.active).to.equal(false);
    expect(gone.history.at(-1)).to.deep.include({ reason: '产品下架', fields: [{ field: 'active', before: 'true', after: 'false' }] });
    expect((await w.anon.ok(PRODUCTS)).loanProducts.map((p: any) => p.id)).not.to.include(bp.productId);
    const owner = await enterprise(w);
    await owner.client.fails(APPLY, { input: { productId: bp.productId, assetIds: [await createAsset(owner.client)], requestedAmount: '1.00', termMonths: 12 } }, 'NOT_FOUND');
    await bank.fails(DEACTIVATE, { id: bp.productId, reason: 'again' }, 'CONFLICT');
    await bank.fails(UPDATE, { id: bp.productId, input: { name: '丙' } }, 'CONFLICT');
  });

  it('createLoanProduct takes the rules and validates them', async () => {
    const { bank } = await bankWithProduct(w);
    const created = (await bank.client.ok(CREATE_PRODUCT.replace('active bank { id }', 'active bank { id } eligibility { maxLoanToValue insuranceRequired }'), { input: { ...DEFAULT_PRODUCT, eligibility: { maxLoanToValue: 0.3, insuranceRequired: true } } })).createLoanProduct;
    expect(created.eligibility).to.deep.equal({ maxLoanToValue: 0.3, insuranceRequired: true });
    await bank.client.fails(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, eligibility: { minRemainingYears: [{ kind: 'INVENTION_PATENT', years: 0 }] } } }, 'BAD_USER_INPUT', 'input.eligibility.minRemainingYears[0].years');
    await bank.client.fails(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, daysPastDueBeforeDefault: 0 } }, 'BAD_USER_INPUT', 'input.daysPastDueBeforeDefault');
  });
});
