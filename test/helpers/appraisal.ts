// Fixtures for valuation by an appraiser (issue 16, point 5): a verified APPRAISER, and an
// application of two assets naming it, to a bank's product (max LTV 0.5).
import { addMonths, todayInShanghai } from '../../services/rules/calendar';
import { registerVerified, type Registered } from './client';
import { APPLY, bankWithProduct, createAsset, enterprise, type BankWithProduct, type World } from './financing';

export const CONFIRM = `mutation($input: ValuationReportInput!) {
  confirmValuationReport(input: $input) {
    id appraiser { id }
    valuationReport { reportNumber method valuedOn total values { asset { id } value } appraiser { id } confirmedBy { id } }
  }
}`;
export const REQUESTS = `query($confirmed: Boolean, $first: Int, $after: String) {
  valuationRequests(confirmed: $confirmed, first: $first, after: $after) {
    id status requestedAmount applicant { id } assets { id number } valuation { amount } valuationReport { reportNumber total }
  }
}`;
export const APP_VALUATION = `query($id: ID!) {
  pledgeApplication(id: $id) {
    id appraiser { id kind }
    valuation { amount method valuedOn }
    valuationReport { reportNumber method valuedOn total values { asset { id } value } appraiser { id } }
    dueDiligence { loanToValue risks valuationUsed valuationConfirmed valuedOn }
  }
}`;
/** The report as the appraiser sees it (no due diligence: that is the applicant's and the bank's). */
export const APP_REPORT = `query($id: ID!) { pledgeApplication(id: $id) { id valuationReport { reportNumber total } } }`;

/** A date `n` months before today (Asia/Shanghai): the fixtures' valuations stay fresh whenever the tests run. */
export const monthsAgo = (n: number) => addMonths(todayInShanghai(), -n);

export interface AppraisalWorld {
  appraiser: Registered;
  bp: BankWithProduct;
  owner: Registered;
  assetIds: string[];
  applicationId: string;
}

/** Applies for 3,000,000.00 with a stated valuation of 8,000,000.00 (LTV 0.375), naming the appraiser. */
export async function applyNaming(owner: Registered, productId: string, assetIds: string[], appraiserId: string | null, extra: Record<string, unknown> = {}): Promise<string> {
  const input = {
    productId, assetIds, requestedAmount: '3000000.00', termMonths: 12,
    valuation: { amount: '8000000.00', method: 'INCOME', valuedOn: monthsAgo(5) },
    ...(appraiserId ? { appraiserId } : {}),
    ...extra,
  };
  return (await owner.client.ok(APPLY, { input })).applyForPledgeLoan.id;
}

/** A verified appraiser (or the one given), a bank with a product, an owner of two assets applying and naming the appraiser. */
export async function appraisalWorld(w: World, appraiser?: Registered): Promise<AppraisalWorld> {
  const a = appraiser ?? (await registerVerified(w.anon, w.regulator, 'APPRAISER'));
  const bp = await bankWithProduct(w);
  const owner = await enterprise(w);
  const assetIds = [await createAsset(owner.client), await createAsset(owner.client)];
  const applicationId = await applyNaming(owner, bp.productId, assetIds, a.orgId);
  return { appraiser: a, bp, owner, assetIds, applicationId };
}

let reportSerial = Math.floor(Math.random() * 1_000_000);
export const uniqueReportNumber = () => `鹤评报字[2026]第${String(reportSerial++).padStart(6, '0')}号`;

/** A report input valuing the assets at the given yuan amounts, in order. */
export function reportInput(applicationId: string, assetIds: string[], values: string[], overrides: Record<string, unknown> = {}) {
  return {
    applicationId,
    reportNumber: uniqueReportNumber(),
    method: 'MARKET',
    valuedOn: monthsAgo(2),
    values: assetIds.map((assetId, i) => ({ assetId, value: values[i] })),
    ...overrides,
  };
}
