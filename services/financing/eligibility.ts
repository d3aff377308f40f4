// A loan product's eligibility rules (issue 16, point 4), evaluated on an application's facts. Pure.
// applyForPledgeLoan refuses the first rule not met (BAD_USER_INPUT naming the rule); due diligence
// lists every configured rule, met or not, from live data.
import type { IpAssetDoc } from '../../models/ipAsset';
import { assetRemainingYears } from '../assets/views';
import { annualFeeStatus } from './assetFacts';
import { aboveLoanToValue } from './dueDiligence';

export const ELIGIBILITY_RULES = ['MIN_REMAINING_PROTECTION', 'ANNUAL_FEES_PAID_UP', 'VERIFIED_ONLY', 'INSURANCE_REQUIRED', 'MAX_LOAN_TO_VALUE'] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface EligibilityRules {
  minRemainingYears?: { kind: string; years: number }[] | null;
  annualFeesPaidUp?: boolean | null;
  verifiedOnly?: boolean | null;
  insuranceRequired?: boolean | null;
  maxLoanToValue?: number | null;
}

export interface EligibilityFacts {
  assets: IpAssetDoc[];
  amount: number; // fen
  valuation: number | null; // fen
  insured: boolean; // a PLEDGE_FINANCING_GUARANTEE policy in force backs the application
  today: string;
}

export interface EligibilityCheck {
  rule: EligibilityRule;
  met: boolean;
  detail: string;
  asset: IpAssetDoc | null;
}

/** Every configured rule, per asset where it is about an asset, in the order of ELIGIBILITY_RULES. */
export function checkEligibility(rules: EligibilityRules | null | undefined, f: EligibilityFacts): EligibilityCheck[] {
  if (!rules) return [];
  const out: EligibilityCheck[] = [];
  const minYears = new Map((rules.minRemainingYears ?? []).map((m) => [m.kind, m.years]));
  for (const asset of f.assets) {
    const min = minYears.get(asset.kind);
    if (min === undefined) continue;
    const left = assetRemainingYears(asset, f.today);
    out.push({ rule: 'MIN_REMAINING_PROTECTION', met: left >= min, detail: `${asset.number}: ${left} years of protection left; the product requires ${min} for ${asset.kind}`, asset });
  }
  if (rules.annualFeesPaidUp) {
    for (const asset of f.assets) {
      const status = annualFeeStatus(asset, f.today);
      out.push({ rule: 'ANNUAL_FEES_PAID_UP', met: status === 'PAID' || status === 'NOT_APPLICABLE', detail: `${asset.number}: annual fees ${status}`, asset });
    }
  }
  if (rules.verifiedOnly) {
    for (const asset of f.assets) {
      const status = asset.verification?.status ?? 'UNVERIFIED';
      out.push({ rule: 'VERIFIED_ONLY', met: status === 'VERIFIED', detail: `${asset.number}: ${status}`, asset });
    }
  }
  if (rules.insuranceRequired) {
    out.push({ rule: 'INSURANCE_REQUIRED', met: f.insured, detail: f.insured ? 'a pledge-financing guarantee policy in force backs the loan' : 'no pledge-financing guarantee policy in force backs the loan', asset: null });
  }
  if (rules.maxLoanToValue !== null && rules.maxLoanToValue !== undefined) {
    const max = rules.maxLoanToValue;
    out.push(f.valuation === null
      ? { rule: 'MAX_LOAN_TO_VALUE', met: false, detail: `no valuation: the product lends at most ${max} of the value`, asset: null }
      : { rule: 'MAX_LOAN_TO_VALUE', met: !aboveLoanToValue(f.amount, f.valuation, max), detail: `loan to value ${Math.round((f.amount / f.valuation) * 10_000) / 10_000}; the product allows at most ${max}`, asset: null });
  }
  return out;
}
