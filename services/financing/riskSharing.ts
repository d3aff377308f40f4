// Risk sharing and interest subsidy (issue 16, point 7): the arithmetic, pure, in integer fen.
//
// - Repayments are applied to the instalments in due-date order and, within an instalment, to its
//   interest first, then its principal.
// - Loss of a defaulted loan = the principal disbursed and not repaid at the default (interest is
//   not part of the loss shared). Recovered = proceeds of enforcement recorded against the loan
//   (services/financing/enforcement.ts); the shared loss is the loss less what was recovered.
// - Shares: bank = loss × bank% and insurer = loss × insurer%, each half up to the fen; the city's
//   fund takes the rest (it absorbs the rounding). A loan without a guarantee policy has no insurer:
//   the bank bears the insurer's share too.
// - Interest subsidy due in a year = subsidy% × the interest of the instalments due in that year and
//   fully repaid (the city pays back interest the enterprise has paid), half up, per loan; only for
//   loans whose pledged rights are in one of the scheme's industries (any loan when none are listed).
import { divHalfUp, type Instalment } from './loanSchedule';

export interface SchemeTerms {
  bankSharePercent: number;
  insurerSharePercent: number;
  cityFundSharePercent: number;
  interestSubsidyPercent: number;
  subsidyIndustries: string[];
}

type Rows = Pick<Instalment, 'dueOn' | 'principal' | 'interest' | 'total'>[];

/** Principal covered by `repaidTotal` (interest first within each instalment, instalments in order). */
export function principalRepaid(rows: Rows, repaidTotal: number): number {
  let left = repaidTotal;
  let principal = 0;
  for (const r of rows) {
    if (left <= 0) break;
    const toInterest = Math.min(left, r.interest);
    left -= toInterest;
    const toPrincipal = Math.min(left, r.principal);
    left -= toPrincipal;
    principal += toPrincipal;
  }
  return principal;
}

export function lossAtDefault(disbursed: number, rows: Rows, repaidTotal: number): number {
  return Math.max(0, disbursed - principalRepaid(rows, repaidTotal));
}

export interface LossShares {
  bank: number;
  insurer: number;
  cityFund: number;
}

export function lossShares(loss: number, terms: Pick<SchemeTerms, 'bankSharePercent' | 'insurerSharePercent'>, insured: boolean): LossShares {
  const bank = Number(divHalfUp(BigInt(loss) * BigInt(terms.bankSharePercent), 100n));
  const insurer = Number(divHalfUp(BigInt(loss) * BigInt(terms.insurerSharePercent), 100n));
  const cityFund = loss - bank - insurer;
  return insured ? { bank, insurer, cityFund } : { bank: bank + insurer, insurer: 0, cityFund };
}

export function subsidyEligible(industries: string[], terms: Pick<SchemeTerms, 'subsidyIndustries'>): boolean {
  return terms.subsidyIndustries.length === 0 || industries.some((i) => terms.subsidyIndustries.includes(i));
}

/** The interest subsidy due for `year`: subsidy% of the interest of that year's instalments fully repaid. */
export function subsidyDue(rows: Rows, repaidTotal: number, year: number, terms: Pick<SchemeTerms, 'interestSubsidyPercent'>): number {
  let cumulative = 0;
  let interest = 0;
  for (const r of rows) {
    cumulative += r.total;
    if (Number(r.dueOn.slice(0, 4)) === year && cumulative <= repaidTotal) interest += r.interest;
  }
  return Number(divHalfUp(BigInt(interest) * BigInt(terms.interestSubsidyPercent), 100n));
}
