// Due diligence on a pledge application, computed at read time from live data: the assets' legal
// status, ownership, pledges, licences and CNIPA facts, against the product's limits.
import type { IpAssetDoc } from '../../models/ipAsset';
import type { LicenseDoc } from '../../models/license';
import type { LoanProductDoc } from '../../models/loanProduct';
import type { PledgeApplicationDoc } from '../../models/pledgeApplication';
import type { ServiceContext } from '../context';
import { assetRemainingYears, assetStatus } from '../assets/views';
import type { LegalStatus } from '../rules/assetTerms';
import { addMonths, todayInShanghai } from '../rules/calendar';
import { effectivePolicyStatus } from '../insurance/policies';
import { nowOf } from '../clock';
import { effectiveValuation, isValuationStale } from './appraisal';
import { checkEligibility, type EligibilityCheck, type EligibilityRules } from './eligibility';
import { annualFeeStatus, coOwnerConsentMissing, isPledgedElsewhere, type AnnualFeeStatus, type RestrictionKind } from './assetFacts';

export const RISK_FLAGS = [
  'ASSET_NOT_VALID', 'EXPIRES_WITHIN_TERM', 'ALREADY_PLEDGED', 'OWNER_MISMATCH', 'NO_VALUATION',
  'LOAN_TO_VALUE_ABOVE_PRODUCT_MAX', 'AMOUNT_ABOVE_PRODUCT_MAX', 'EXCLUSIVE_LICENSE_GRANTED', 'KIND_NOT_ACCEPTED',
  'ANNUAL_FEE_OVERDUE', 'OWNERSHIP_RESTRICTED', 'CO_OWNER_CONSENT_MISSING', 'ASSET_NOT_VERIFIED',
  'VALUATION_UNCONFIRMED', 'VALUATION_STALE',
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export interface AssetCheckView {
  asset: IpAssetDoc;
  legalStatus: LegalStatus;
  remainingYears: number;
  ownerMatches: boolean;
  alreadyPledged: boolean;
  exclusiveLicenses: number;
  expiresOn: string | null;
  expiresWithinTerm: boolean;
  annualFeeStatus: AnnualFeeStatus;
  restriction: RestrictionKind | null;
  coOwnerConsentMissing: boolean;
  kindAccepted: boolean;
}

export interface DueDiligenceView {
  loanToValue: number | null;
  risks: RiskFlag[];
  assets: AssetCheckView[];
  amount: number; // fen
  loanEndsOn: string;
  checkedAt: Date;
  eligibility: EligibilityCheck[]; // the product's rules, each met or not (issue 16, point 4)
  valuationUsed: number | null; // fen: the confirmed report's total, else the applicant's figure (issue 16, point 5)
  valuationConfirmed: boolean;
  valuedOn: string | null;
}

export interface AssessmentInput {
  application: Pick<PledgeApplicationDoc, 'applicant' | 'requestedAmount' | 'approvedAmount' | 'termMonths' | 'valuation' | 'valuationReport' | 'registration' | 'createdAt'> & { insurancePolicy?: unknown };
  product: Pick<LoanProductDoc, 'maxAmount' | 'maxLoanToValue' | 'acceptedKinds'> & { eligibility?: EligibilityRules | null };
  insured?: boolean; // a guarantee policy in force backs the application
  assets: IpAssetDoc[];
  licensesByAsset: Map<string, LicenseDoc[]>;
  now: Date;
}

/** Exclusive licences in force on `today` (the licensor may not pledge or license them away). */
export function activeExclusiveLicenses(licenses: LicenseDoc[], today: string): number {
  return licenses.filter((l) => l.type === 'EXCLUSIVE' && l.startsOn <= today && l.endsOn >= today).length;
}

/** amount / valuation > maxLoanToValue, decided in integers (maxLoanToValue has at most 4 decimals). */
export function aboveLoanToValue(amountFen: number, valuationFen: number, maxLoanToValue: number): boolean {
  return BigInt(amountFen) * 1_000_000n > BigInt(Math.round(maxLoanToValue * 1_000_000)) * BigInt(valuationFen);
}

/** The pure assessment: everything from the inputs, nothing read from the database. */
export function assess(input: AssessmentInput): DueDiligenceView {
  const { application: app, product, now } = input;
  const today = todayInShanghai(now);
  const appliedOn = todayInShanghai(app.createdAt ?? now);
  const loanEndsOn = addMonths(appliedOn, app.termMonths);
  const amount = app.approvedAmount ?? app.requestedAmount;
  const flags = new Set<RiskFlag>();
  const checks = input.assets.map((asset): AssetCheckView => {
    const legalStatus = assetStatus(asset, today);
    const check: AssetCheckView = {
      asset,
      legalStatus,
      remainingYears: assetRemainingYears(asset, today),
      ownerMatches: String(asset.owner) === String(app.applicant),
      alreadyPledged: isPledgedElsewhere(asset, app.registration),
      exclusiveLicenses: activeExclusiveLicenses(input.licensesByAsset.get(String(asset._id)) ?? [], today),
      expiresOn: asset.expiresOn ?? null,
      expiresWithinTerm: !!asset.expiresOn && asset.expiresOn <= loanEndsOn,
      annualFeeStatus: annualFeeStatus(asset, today),
      restriction: (asset.restriction?.kind as RestrictionKind | undefined) ?? null,
      coOwnerConsentMissing: coOwnerConsentMissing(asset),
      kindAccepted: product.acceptedKinds.includes(asset.kind),
    };
    if (legalStatus !== 'VALID') flags.add('ASSET_NOT_VALID');
    if (check.expiresWithinTerm) flags.add('EXPIRES_WITHIN_TERM');
    if (check.alreadyPledged) flags.add('ALREADY_PLEDGED');
    if (!check.ownerMatches) flags.add('OWNER_MISMATCH');
    if (check.exclusiveLicenses > 0) flags.add('EXCLUSIVE_LICENSE_GRANTED');
    if (!check.kindAccepted) flags.add('KIND_NOT_ACCEPTED');
    if (check.annualFeeStatus === 'OVERDUE') flags.add('ANNUAL_FEE_OVERDUE');
    if (check.restriction) flags.add('OWNERSHIP_RESTRICTED');
    if (check.coOwnerConsentMissing) flags.add('CO_OWNER_CONSENT_MISSING');
    if (asset.verification?.status !== 'VERIFIED') flags.add('ASSET_NOT_VERIFIED');
    return check;
  });
  let loanToValue: number | null = null;
  const valuation = effectiveValuation(app);
  if (!valuation) {
    flags.add('NO_VALUATION');
  } else {
    loanToValue = Math.round((amount / valuation.amount) * 10_000) / 10_000;
    if (aboveLoanToValue(amount, valuation.amount, product.maxLoanToValue)) flags.add('LOAN_TO_VALUE_ABOVE_PRODUCT_MAX');
    if (!valuation.confirmed) flags.add('VALUATION_UNCONFIRMED');
    if (isValuationStale(valuation.valuedOn, today)) flags.add('VALUATION_STALE');
  }
  if (amount > product.maxAmount) flags.add('AMOUNT_ABOVE_PRODUCT_MAX');
  const eligibility = checkEligibility(product.eligibility, { assets: input.assets, amount, valuation: valuation?.amount ?? null, insured: !!input.insured, today });
  return {
    loanToValue, risks: RISK_FLAGS.filter((f) => flags.has(f)), assets: checks, amount, loanEndsOn, checkedAt: now, eligibility,
    valuationUsed: valuation?.amount ?? null, valuationConfirmed: !!valuation?.confirmed, valuedOn: valuation?.valuedOn ?? null,
  };
}

/** Due diligence for an application the caller may see, from live data (loaders: no N+1). */
export async function dueDiligence(ctx: ServiceContext, app: PledgeApplicationDoc): Promise<DueDiligenceView> {
  const [product, assets, licenses, policy] = await Promise.all([
    ctx.loaders.loanProduct.load(app.product),
    Promise.all(app.assets.map((id) => ctx.loaders.ipAsset.load(id))),
    Promise.all(app.assets.map((id) => ctx.loaders.licensesByAsset.load(id))),
    app.insurancePolicy ? ctx.loaders.insurancePolicy.load(app.insurancePolicy) : null,
  ]);
  if (!product) throw new Error(`pledge application ${String(app._id)} names a missing product`);
  const present = assets.filter((a): a is IpAssetDoc => a !== null);
  const licensesByAsset = new Map(app.assets.map((id, i) => [String(id), licenses[i] ?? []]));
  const insured = !!policy && effectivePolicyStatus(policy) === 'ACTIVE';
  return assess({ application: app, product, assets: present, licensesByAsset, now: nowOf(ctx), insured });
}
