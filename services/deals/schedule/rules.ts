// Payment schedules: pure rules (checked input, royalty arithmetic, periods, overdue, the
// instalment machine). No I/O; the clock is the caller's. docs/deals.md "Payment schedules".
import { Types } from 'mongoose';
import { badInput } from '../../errors';
import type { Machine } from '../../workflow';
import { addDays, addMonths } from '../../rules/calendar';
import { formatFen } from '../../rules/money';
import * as v from '../../validate';

export type InstalmentStatus = 'NOT_REACHED' | 'DUE' | 'PAYMENT_PENDING' | 'PAID';
export type RoyaltyPeriod = 'QUARTERLY' | 'ANNUAL';

/**
 * NOT_REACHED (a milestone the seller has not marked reached) -> DUE -> PAYMENT_PENDING (a Stripe
 * PaymentIntent, or a bank transfer the buyer recorded) -> PAID (Stripe succeeded, or the seller
 * confirmed the transfer). A failed payment or a disputed transfer returns it to DUE; a success
 * reported for an earlier intent of a DUE instalment still pays it. PAID is final. OVERDUE is not a
 * state: it is computed (isOverdue).
 */
export const INSTALMENT_MACHINE: Machine<InstalmentStatus> = {
  NOT_REACHED: ['DUE'],
  DUE: ['PAYMENT_PENDING', 'PAID'],
  PAYMENT_PENDING: ['PAID', 'DUE'],
  PAID: [],
};

export const MAX_MILESTONES = 20;
export const MAX_BPS = 10_000;
/** A royalty instalment is due this many days after its period ends. */
export const ROYALTY_DUE_DAYS = 30;
export const PERIOD_MONTHS: Record<RoyaltyPeriod, number> = { QUARTERLY: 3, ANNUAL: 12 };

export interface MilestoneInput {
  description: string;
  amount: number; // fen
  dueOn: string;
}
export interface ScheduleInput {
  upfront: number;
  milestones?: MilestoneInput[] | null;
  royalty?: { rateBps: number; period: RoyaltyPeriod; minimumAnnual?: number | null } | null;
}

const fen = (field: string, amount: number) => {
  if (!Number.isSafeInteger(amount)) throw badInput(field, 'must be a whole number of fen');
  return v.positiveFen(field, amount);
};

/**
 * Checks a proposed schedule against the price and the deal type, naming the field
 * (`input.schedule.milestones[1].dueOn`). Rule: upfront > 0, every milestone > 0, upfront + the
 * milestones = the price exactly; milestone dates not in the past and in order (each not before
 * the previous one); royalties only for a LICENSE, 1..10000 bps, an optional minimum annual
 * royalty > 0. Returns the stored schedule and the milestone instalments (NOT_REACHED).
 */
export function checkSchedule(input: ScheduleInput, price: number, type: 'LICENSE' | 'TRANSFER', today: string) {
  const at = 'input.schedule';
  fen(`${at}.upfront`, input.upfront);
  const milestones = input.milestones ?? [];
  if (milestones.length > MAX_MILESTONES) throw badInput(`${at}.milestones`, `at most ${MAX_MILESTONES} milestones`);
  let previous = today;
  milestones.forEach((m, i) => {
    const f = `${at}.milestones[${i}]`;
    v.text(`${f}.description`, m.description ?? '', { max: 200 });
    fen(`${f}.amount`, m.amount);
    v.calendarDate(`${f}.dueOn`, m.dueOn);
    if (m.dueOn < previous) {
      throw badInput(`${f}.dueOn`, i === 0 ? `must not be in the past (today is ${today})` : `must not be before the previous milestone's date (${previous})`);
    }
    previous = m.dueOn;
  });
  const total = milestones.reduce((s, m) => s + m.amount, input.upfront);
  if (total !== price) {
    throw badInput(`${at}.upfront`, `the upfront part and the milestones must add up to the price ${formatFen(price)} yuan; they add up to ${formatFen(total)} yuan`);
  }
  let royalty = null;
  if (input.royalty) {
    if (type !== 'LICENSE') throw badInput(`${at}.royalty`, 'running royalties apply to LICENSE deals only');
    v.intInRange(`${at}.royalty.rateBps`, input.royalty.rateBps, 1, MAX_BPS);
    const minimumAnnual = input.royalty.minimumAnnual ?? null;
    if (minimumAnnual !== null) fen(`${at}.royalty.minimumAnnual`, minimumAnnual);
    royalty = { rateBps: input.royalty.rateBps, period: input.royalty.period, minimumAnnual };
  }
  const instalments = milestones.map((m) => ({
    _id: new Types.ObjectId(),
    kind: 'MILESTONE',
    description: m.description.trim(),
    amount: m.amount,
    dueOn: m.dueOn,
    status: 'NOT_REACHED',
    history: [],
  }));
  return { schedule: { upfront: input.upfront, royalty }, instalments };
}

/** netSales x rateBps / 10000, rounded half up to the fen, in integer arithmetic. */
export function royaltyOf(netSales: number, rateBps: number): number {
  const product = BigInt(netSales) * BigInt(rateBps);
  return Number((product + 5000n) / 10_000n);
}

/** The royalty periods of a licence: period n covers [start + (n-1)m, start + nm) months, cut at the licence end. */
export function periodBounds(licenceStartsOn: string, termMonths: number, period: RoyaltyPeriod, n: number): { startsOn: string; endsOn: string } {
  const m = PERIOD_MONTHS[period];
  return { startsOn: addMonths(licenceStartsOn, (n - 1) * m), endsOn: addMonths(licenceStartsOn, Math.min(n * m, termMonths)) };
}

export const periodCount = (termMonths: number, period: RoyaltyPeriod) => Math.ceil(termMonths / PERIOD_MONTHS[period]);

/**
 * The minimum annual royalty's top-up due with period n's report: only the last period of a
 * complete licence year (it ends at month 12k of the licence) carries it, = max(0, minimum - the
 * royalties of that year's periods, this one included). A final licence year shorter than 12
 * months has no minimum: its last period is cut at the licence end (`termMonths`), not at 12k.
 */
export function minimumTopUp(period: RoyaltyPeriod, n: number, minimumAnnual: number | null, yearRoyalties: number[], termMonths: number): number {
  if (minimumAnnual === null) return 0;
  if (Math.min(n * PERIOD_MONTHS[period], termMonths) % 12 !== 0) return 0;
  const paid = yearRoyalties.reduce((s, r) => s + r, 0);
  return Math.max(0, minimumAnnual - paid);
}

/** Periods of the same licence year as period n (1-based), up to n. */
export function sameYearPeriods(period: RoyaltyPeriod, n: number): number[] {
  const perYear = 12 / PERIOD_MONTHS[period];
  const first = Math.floor((n - 1) / perYear) * perYear + 1;
  return Array.from({ length: n - first + 1 }, (_x, i) => first + i);
}

export const royaltyDueOn = (periodEndsOn: string) => addDays(periodEndsOn, ROYALTY_DUE_DAYS);

/** An instalment that can be paid (reached, or a royalty filed) and is not PAID after its due date. */
export function isOverdue(i: { status: string; dueOn: string }, today: string): boolean {
  return (i.status === 'DUE' || i.status === 'PAYMENT_PENDING') && today > i.dueOn;
}

/** What the deal itself takes (payDeal, bank transfers, the refund): the upfront part of a schedule, else the price. */
export function upfrontFen(deal: { price: number; schedule?: { upfront: number } | null }): number {
  return deal.schedule ? deal.schedule.upfront : deal.price;
}
