// The financing summary's per-(year, county) figures, pure (docs/financing.md, "financingSummary
// from kept figures"). A loan's figures are scheme-independent integers that add up across loans, and
// from which the summary of any scheme comes out exactly as the loan-by-loan sum (per-loan half-up
// rounding included):
//
// - granted, amountGranted (year of disbursement); repaid (per repayment year); defaulted,
//   amountDefaulted, recovered (year of default).
// - Loss shares: a share is Σ half-up(x_i × p / 100) over the loans' shared losses x_i = loss − recovered.
//   With x = 100q + r: half-up(x p / 100) = q p + floor((r p + 50) / 100), so it is p × Σq plus, for
//   each remainder r in 0..99, (number of loans with remainder r) × floor((r p + 50) / 100). A loan
//   adds q to `lq:<g>` and 1 to `lh:<g>:<r>`, g = i (insured) or u (not insured: the bank takes the
//   insurer's share).
// - Interest subsidy: the same with the interest of the year's fully repaid instalments, per set of
//   industries of the loan's rights (the scheme decides which sets are eligible): `sq:<ind>`, `sh:<ind>:<r>`.
import type { LoanDoc } from '../../models/loan';
import { divHalfUp } from './loanSchedule';
import { subsidyEligible, type LossShares, type SchemeTerms } from './riskSharing';

/** field -> amount, for one (year, county). */
export type Figures = Record<string, number>;
/** summary key (`<year>:<county or ->`) -> figures. */
export type LoanFigures = Record<string, Figures>;

export const NO_COUNTY = '-';
export const summaryKey = (year: number, county: string | null | undefined) => `${year}:${county ?? NO_COUNTY}`;
export const parseSummaryKey = (key: string) => {
  const [year, county] = key.split(':');
  return { year: Number(year), county: county === NO_COUNTY ? null : county! };
};

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);
const industriesKey = (industries: readonly string[]) => (industries.length ? [...industries].sort().join('+') : 'none');

function add(out: LoanFigures, key: string, field: string, n: number): void {
  if (n === 0) return;
  const f = (out[key] ??= {});
  f[field] = (f[field] ?? 0) + n;
}

/** Adds x as a base of half-up-rounded shares: its quotient by 100 to `<base>q:<group>`, 1 to `<base>h:<group>:<remainder>`. */
function addRoundable(out: LoanFigures, key: string, base: 'l' | 's', group: string, x: number): void {
  if (x <= 0) return;
  add(out, key, `${base}q:${group}`, Math.floor(x / 100));
  add(out, key, `${base}h:${group}:${x % 100}`, 1);
}

type FigureFields = Pick<LoanDoc, 'disbursedOn' | 'disbursedAmount' | 'repayments' | 'defaultedOn' | 'lossAtDefault' | 'recoveredAmount' | 'insured' | 'schedule' | 'repaidTotal' | 'industries' | 'borrowerCounty'>;

/** What one loan adds to the figures, by summary key (nothing before its disbursement). */
export function figuresOf(loan: FigureFields): LoanFigures {
  const out: LoanFigures = {};
  if (!loan.disbursedOn) return out;
  const key = (year: number) => summaryKey(year, loan.borrowerCounty);
  const granted = key(yearOf(loan.disbursedOn)!);
  add(out, granted, 'granted', 1);
  add(out, granted, 'amountGranted', loan.disbursedAmount ?? 0);
  for (const r of loan.repayments ?? []) add(out, key(yearOf(r.paidOn)!), 'repaid', r.amount);
  if (loan.defaultedOn && loan.lossAtDefault !== null && loan.lossAtDefault !== undefined) {
    const k = key(yearOf(loan.defaultedOn)!);
    add(out, k, 'defaulted', 1);
    add(out, k, 'amountDefaulted', loan.lossAtDefault);
    add(out, k, 'recovered', loan.recoveredAmount ?? 0);
    const g = loan.insured ? 'i' : 'u';
    addRoundable(out, k, 'l', g, sharedLoss(loan));
  }
  // Interest of the instalments fully repaid, by due year (as riskSharing.subsidyDue).
  const ind = industriesKey(loan.industries ?? []);
  const interest = new Map<number, number>();
  let cumulative = 0;
  for (const r of loan.schedule ?? []) {
    cumulative += r.total;
    if (cumulative > loan.repaidTotal) break;
    const y = yearOf(r.dueOn)!;
    interest.set(y, (interest.get(y) ?? 0) + r.interest);
  }
  for (const [y, i] of interest) addRoundable(out, key(y), 's', ind, i);
  return out;
}

/** The loss shared under the scheme: the loss at default less what enforcement recovered. */
export const sharedLoss = (loan: Pick<LoanDoc, 'lossAtDefault' | 'recoveredAmount'>) => Math.max(0, (loan.lossAtDefault ?? 0) - (loan.recoveredAmount ?? 0));

/** after − before, per key and field, zeros left out. */
export function figuresDelta(after: LoanFigures, before: LoanFigures): LoanFigures {
  const out: LoanFigures = {};
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const a = after[key] ?? {};
    const b = before[key] ?? {};
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) add(out, key, field, (a[field] ?? 0) - (b[field] ?? 0));
  }
  return out;
}

export function sumFigures(list: Figures[]): Figures {
  const out: Figures = {};
  for (const f of list) for (const [k, n] of Object.entries(f)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** Σ half-up(x_i × p / 100) over the loans of a group, from the kept quotients and remainder counts. */
export function roundedSum(f: Figures, base: 'l' | 's', group: string, p: number): number {
  let total = BigInt(f[`${base}q:${group}`] ?? 0) * BigInt(p);
  const prefix = `${base}h:${group}:`;
  for (const [field, count] of Object.entries(f)) {
    if (!field.startsWith(prefix)) continue;
    const r = Number(field.slice(prefix.length));
    total += BigInt(count) * divHalfUp(BigInt(r * p), 100n);
  }
  return Number(total);
}

/** The loss shares of the loans defaulted in the figures' year (no scheme: the bank bears all). */
export function lossSharesOf(f: Figures, terms: SchemeTerms | null): LossShares {
  const insured = roundedSum(f, 'l', 'i', 100);
  const uninsured = roundedSum(f, 'l', 'u', 100);
  if (!terms) return { bank: insured + uninsured, insurer: 0, cityFund: 0 };
  const bankI = roundedSum(f, 'l', 'i', terms.bankSharePercent);
  const insurerI = roundedSum(f, 'l', 'i', terms.insurerSharePercent);
  // Without a policy the bank bears the insurer's share too (riskSharing.lossShares).
  const bankU = roundedSum(f, 'l', 'u', terms.bankSharePercent) + roundedSum(f, 'l', 'u', terms.insurerSharePercent);
  return { bank: bankI + bankU, insurer: insurerI, cityFund: insured - bankI - insurerI + (uninsured - bankU) };
}

/** The interest subsidy due for the figures' year: each eligible set of industries, loan by loan rounded. */
export function subsidyOf(f: Figures, terms: SchemeTerms | null): number {
  if (!terms) return 0;
  const sets = new Set(Object.keys(f).filter((k) => k.startsWith('sq:') || k.startsWith('sh:')).map((k) => k.split(':')[1]!));
  let total = 0;
  for (const ind of sets) {
    const industries = ind === 'none' ? [] : ind.split('+');
    if (subsidyEligible(industries, terms)) total += roundedSum(f, 's', ind, terms.interestSubsidyPercent);
  }
  return total;
}
