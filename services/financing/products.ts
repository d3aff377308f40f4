// Loan products: verified banks publish them; anyone may read the active ones.
import { LoanProduct, type LoanProductDoc } from '../../models/loanProduct';
import type { IpKind } from '../rules/assetTerms';
import type { ServiceContext } from '../context';
import { requireVerifiedKind } from '../authz';
import { badInput } from '../errors';
import * as v from '../validate';
import { DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT } from './loanMachine';
import type { EligibilityRules } from './eligibility';

export interface LoanProductInput {
  name: string;
  maxAmount: number; // fen
  maxLoanToValue: number;
  maxTermMonths: number;
  annualRatePercent: number;
  acceptedKinds: IpKind[];
  daysPastDueBeforeDefault?: number | null; // default 90
  eligibility?: EligibilityRules | null;
}

/** Longest loan term a product may offer (IP-pledge loans are short: usually 1-3 years). */
export const MAX_TERM_MONTHS = 120;
/** Annual rate ceiling: a sanity bound well above any bank loan (the old upper limit of China's private-lending rules). */
export const MAX_ANNUAL_RATE_PERCENT = 36;

/** Checks a ratio or percentage: finite, in (min, max], and at most `decimals` decimals. */
export function boundedNumber(field: string, value: number, min: number, max: number, decimals: number): number {
  if (!Number.isFinite(value) || value <= min || value > max) throw badInput(field, `must be greater than ${min} and at most ${max}`);
  const scaled = value * 10 ** decimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) throw badInput(field, `must have at most ${decimals} decimals`);
  return value;
}

export function validateLoanProductInput(input: LoanProductInput) {
  const acceptedKinds = [...new Set(input.acceptedKinds)];
  if (acceptedKinds.length === 0) throw badInput('input.acceptedKinds', 'name at least one kind of IP the product accepts');
  return {
    name: v.text('input.name', input.name, { max: 200 }),
    maxAmount: v.positiveFen('input.maxAmount', input.maxAmount),
    maxLoanToValue: boundedNumber('input.maxLoanToValue', input.maxLoanToValue, 0, 1, 4),
    maxTermMonths: v.intInRange('input.maxTermMonths', input.maxTermMonths, 1, MAX_TERM_MONTHS),
    annualRatePercent: boundedNumber('input.annualRatePercent', input.annualRatePercent, 0, MAX_ANNUAL_RATE_PERCENT, 4),
    acceptedKinds,
    daysPastDueBeforeDefault: v.intInRange('input.daysPastDueBeforeDefault', input.daysPastDueBeforeDefault ?? DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT, 1, 720),
    eligibility: validateEligibility(input.eligibility),
  };
}

/** Eligibility rules: minimum remaining years per kind in (0, 30] (2 decimals, one entry per kind), LTV in (0, 1]. */
export function validateEligibility(rules: EligibilityRules | null | undefined) {
  const field = 'input.eligibility';
  const minRemainingYears = (rules?.minRemainingYears ?? []).map((m, i) => ({
    kind: m.kind,
    years: boundedNumber(`${field}.minRemainingYears[${i}].years`, m.years, 0, 30, 2),
  }));
  const kinds = minRemainingYears.map((m) => m.kind);
  kinds.forEach((k, i) => {
    if (kinds.indexOf(k) !== i) throw badInput(`${field}.minRemainingYears[${i}].kind`, `${k} is named twice`);
  });
  const max = rules?.maxLoanToValue;
  return {
    minRemainingYears,
    annualFeesPaidUp: !!rules?.annualFeesPaidUp,
    verifiedOnly: !!rules?.verifiedOnly,
    insuranceRequired: !!rules?.insuranceRequired,
    maxLoanToValue: max === null || max === undefined ? null : boundedNumber(`${field}.maxLoanToValue`, max, 0, 1, 4),
  };
}

export async function createLoanProduct(ctx: ServiceContext, input: LoanProductInput): Promise<LoanProductDoc> {
  const { org } = await requireVerifiedKind(ctx, 'BANK');
  const fields = validateLoanProductInput(input);
  return LoanProduct.create({ ...fields, bank: org._id, active: true });
}

/** Active products, oldest first; with `kind`, only those accepting that kind of IP. Public. */
export async function loanProducts(_ctx: ServiceContext, kind?: IpKind | null): Promise<LoanProductDoc[]> {
  return LoanProduct.find({ active: true, ...(kind ? { acceptedKinds: kind } : {}) }).sort({ _id: 1 }).limit(500);
}
