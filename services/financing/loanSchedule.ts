// The repayment schedule of a pledge loan, exactly in integer fen (docs/financing.md, "Schedule
// arithmetic"). Pure: no database, no clock.
//
// Day count and rounding:
// - EQUAL_INSTALMENTS (等额本息): 30/360, i.e. every month is 1/12 of a year, so the monthly rate is
//   annualRateBps / 120,000 and the instalment is the annuity P·r·(1+r)^n / ((1+r)^n − 1), computed in
//   exact rationals (BigInt) and rounded half up to the fen. Each month's interest is the outstanding
//   principal × r, rounded half up; principal = instalment − interest; the last instalment repays the
//   whole remaining principal (it absorbs the rounding, so it may differ from the others by a few fen).
// - INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY (按月付息、到期还本) and CUSTOM: ACT/360 (the RMB loan
//   convention: daily rate = annual rate / 360) on the actual days of each period; each period's
//   interest = outstanding × annualRateBps × days / (10,000 × 360), rounded half up to the fen.
// Due dates: the k-th instalment is due k months after the disbursement (the day clamped to the
// month's end: 31 January + 1 month = 28/29 February); CUSTOM instalments are due when the bank says.
import { addMonths } from '../rules/calendar';
import type { REPAYMENT_METHODS } from '../../models/loan';

export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number];

export interface CustomInstalment {
  dueOn: string; // YYYY-MM-DD
  principal: number; // fen
}

export interface ScheduleInput {
  method: RepaymentMethod;
  principal: number; // fen, the amount disbursed
  annualRateBps: number; // 385 = 3.85% a year
  termMonths: number;
  disbursedOn: string;
  custom?: CustomInstalment[] | null; // CUSTOM only: principal parts, in due-date order
}

export interface Instalment {
  number: number; // 1-based
  dueOn: string;
  days: number; // days of interest in the period (30 for every EQUAL_INSTALMENTS period)
  principal: number; // fen
  interest: number; // fen
  total: number; // fen
  outstandingAfter: number; // principal still owed after this instalment, fen
}

/** n / d rounded half up (n >= 0, d > 0), exactly. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** Days from a to b (YYYY-MM-DD), b after a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** ACT/360 interest on `outstanding` fen for `days` days, half up to the fen. */
export function act360Interest(outstanding: number, annualRateBps: number, days: number): number {
  return Number(divHalfUp(BigInt(outstanding) * BigInt(annualRateBps) * BigInt(days), 3_600_000n));
}

/** 30/360 interest for one month: outstanding × annualRateBps / 120,000, half up to the fen. */
export function monthlyInterest(outstanding: number, annualRateBps: number): number {
  return Number(divHalfUp(BigInt(outstanding) * BigInt(annualRateBps), 120_000n));
}

/** The annuity instalment P·r·(1+r)^n / ((1+r)^n − 1) with r = bps / 120,000, half up to the fen. */
export function annuityInstalment(principal: number, annualRateBps: number, months: number): number {
  const D = 120_000n;
  const b = BigInt(annualRateBps);
  const grown = (D + b) ** BigInt(months); // (1+r)^n · D^n
  const base = D ** BigInt(months);
  // P · (b/D) · grown/base / ((grown − base)/base) = P · b · grown / (D · (grown − base))
  return Number(divHalfUp(BigInt(principal) * b * grown, D * (grown - base)));
}

function row(number: number, dueOn: string, days: number, principal: number, interest: number, outstandingAfter: number): Instalment {
  return { number, dueOn, days, principal, interest, total: principal + interest, outstandingAfter };
}

export function computeSchedule(input: ScheduleInput): Instalment[] {
  const { principal, annualRateBps: bps, termMonths: n, disbursedOn } = input;
  const rows: Instalment[] = [];
  if (input.method === 'EQUAL_INSTALMENTS') {
    const payment = annuityInstalment(principal, bps, n);
    let outstanding = principal;
    for (let k = 1; k <= n; k++) {
      const interest = monthlyInterest(outstanding, bps);
      const part = k === n ? outstanding : Math.min(outstanding, payment - interest);
      outstanding -= part;
      rows.push(row(k, addMonths(disbursedOn, k), 30, part, interest, outstanding));
    }
    return rows;
  }
  const parts: CustomInstalment[] =
    input.method === 'CUSTOM'
      ? (input.custom ?? [])
      : Array.from({ length: n }, (_, i) => ({ dueOn: addMonths(disbursedOn, i + 1), principal: i === n - 1 ? principal : 0 }));
  let outstanding = principal;
  let from = disbursedOn;
  parts.forEach((p, i) => {
    const days = daysBetween(from, p.dueOn);
    const interest = act360Interest(outstanding, bps, days);
    outstanding -= p.principal;
    rows.push(row(i + 1, p.dueOn, days, p.principal, interest, outstanding));
    from = p.dueOn;
  });
  return rows;
}

export function scheduleTotal(rows: Pick<Instalment, 'total'>[]): number {
  return rows.reduce((s, r) => s + r.total, 0);
}

export interface Arrears {
  dueToDate: number; // fen of the instalments due before `today` (an instalment is payable on its due date)
  pastDue: number; // fen due and not yet repaid
  daysPastDue: number; // days since the oldest instalment not fully covered fell due (0 when none)
  oldestUnpaidDueOn: string | null;
}

/**
 * Repayments are applied to the instalments in due-date order (a waterfall: cumulative repaid
 * against cumulative due). An instalment is past due from the day after its due date.
 */
export function arrears(rows: Pick<Instalment, 'dueOn' | 'total'>[], repaidTotal: number, today: string): Arrears {
  let cumulative = 0;
  let dueToDate = 0;
  let oldestUnpaidDueOn: string | null = null;
  for (const r of rows) {
    cumulative += r.total;
    if (r.dueOn < today) dueToDate = cumulative;
    if (oldestUnpaidDueOn === null && cumulative > repaidTotal && r.dueOn < today) oldestUnpaidDueOn = r.dueOn;
  }
  const pastDue = Math.max(0, dueToDate - repaidTotal);
  return { dueToDate, pastDue, daysPastDue: oldestUnpaidDueOn ? daysBetween(oldestUnpaidDueOn, today) : 0, oldestUnpaidDueOn };
}
