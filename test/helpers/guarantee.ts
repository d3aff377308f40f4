// Fixtures for pledge-financing guarantee cover (issue 16, point 6): an insurer with a guarantee
// product, and a policy quoted for a bank, underwritten, bound and (optionally) paid by a confirmed
// bank transfer, so that it is in force.
import { registerVerified, type Registered } from './client';
import { todayInShanghai } from '../../services/rules/calendar';
import type { World } from './financing';

export const CREATE_INSURANCE_PRODUCT = `mutation($input: InsuranceProductInput!) { createInsuranceProduct(input: $input) { id } }`;
export const GUARANTEE_QUOTE = `mutation($productId: ID!, $assetIds: [ID!]!, $coverage: Money!, $bank: ID, $share: Int) {
  requestInsuranceQuote(productId: $productId, assetIds: $assetIds, coverage: $coverage, beneficiaryBankId: $bank, coverageShareBps: $share) {
    id coverage premium bound underwriting underwritingReason coverageShareBps beneficiaryBank { id }
  }
}`;
export const UNDERWRITE = `mutation($input: UnderwriteQuoteInput!) { underwriteInsuranceQuote(input: $input) { id underwriting underwritingReason bound } }`;
export const POLICY_FIELDS = `id policyNumber coverage premium coverageShareBps premiumStatus premiumPaidVia inForce backsApplication status
  beneficiaryBank { id } premiumTransfer { reference amount paidOn confirmedAt } claim { id status amount }`;
export const BIND_POLICY = `mutation($quoteId: ID!) { bindInsurancePolicy(quoteId: $quoteId) { ${POLICY_FIELDS} } }`;
export const RECORD_PREMIUM_TRANSFER = `mutation($policyId: ID!, $input: BankTransferInput!) { recordPremiumBankTransfer(policyId: $policyId, input: $input) { ${POLICY_FIELDS} } }`;
export const CONFIRM_PREMIUM_TRANSFER = `mutation($policyId: ID!) { confirmPremiumBankTransfer(policyId: $policyId) { ${POLICY_FIELDS} } }`;
export const MY_POLICIES = `{ myInsurancePolicies { ${POLICY_FIELDS} } }`;

export interface GuaranteeInsurer {
  insurer: Registered;
  productId: string;
}

/** A verified insurer with a 质押融资保证保险 product (2%, up to 10,000,000.00 yuan). */
export async function guaranteeInsurer(w: World): Promise<GuaranteeInsurer> {
  const insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
  const input = { type: 'PLEDGE_FINANCING_GUARANTEE', name: '知识产权质押融资保证保险', premiumRatePercent: 2, maxCoverage: '10000000.00' };
  return { insurer, productId: (await insurer.client.ok(CREATE_INSURANCE_PRODUCT, { input })).createInsuranceProduct.id };
}

export interface PolicyOpts {
  coverage?: string;
  shareBps?: number;
  paid?: boolean; // default true: the premium is paid by a confirmed bank transfer
}

let referenceSerial = Math.floor(Math.random() * 1_000_000);
export const uniqueReference = () => `PREM-${Date.now().toString(36)}-${referenceSerial++}`;

/** A guarantee policy held by `holder` on `assetIds` for `bankOrgId`: quoted, accepted, bound, and paid unless opts.paid === false. */
export async function guaranteePolicy(gi: GuaranteeInsurer, holder: Registered, assetIds: string[], bankOrgId: string, opts: PolicyOpts = {}): Promise<any> {
  const quote = (await holder.client.ok(GUARANTEE_QUOTE, {
    productId: gi.productId, assetIds, coverage: opts.coverage ?? '3000000.00', bank: bankOrgId, share: opts.shareBps ?? null,
  })).requestInsuranceQuote;
  await gi.insurer.client.ok(UNDERWRITE, { input: { quoteId: quote.id, decision: 'ACCEPT' } });
  const policy = (await holder.client.ok(BIND_POLICY, { quoteId: quote.id })).bindInsurancePolicy;
  if (opts.paid === false) return policy;
  await holder.client.ok(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: { reference: uniqueReference(), amount: policy.premium, paidOn: todayInShanghai() } });
  return (await gi.insurer.client.ok(CONFIRM_PREMIUM_TRANSFER, { policyId: policy.id })).confirmPremiumBankTransfer;
}
