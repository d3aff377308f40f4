// Repayments, settlement and default (issue 16, point 1), recorded by the lending bank.
//
// A repayment is one conditional update of the loan: $push of the repayment and $inc of repaidTotal
// together, conditional on the loan being open and on the new total staying within the schedule, so
// two repayments recorded at once are both kept and each counted once. Settlement and default are
// conditional on the status (and, for settlement, the repaid total) the bank read: of a settlement
// and a default made at once exactly one wins, the other is CONFLICT.
import mongoose, { type Types } from 'mongoose';
import { Loan, type LoanDoc } from '../../models/loan';
import { LoanProduct } from '../../models/loanProduct';
import type { ServiceContext } from '../context';
import { rawUpdateOneDoc, updateOneDoc } from '../atomic';
import { todayOf } from '../clock';
import { badInput, conflict } from '../errors';
import { formatFen } from '../rules/money';
import { canMove, historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { loadLoanForBank, loanArrears, loanStatusNow } from './loanAccess';
import { DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT, LOAN_MACHINE, OPEN_LOAN_STATUSES, type LoanStatus } from './loanMachine';
import { releasePledgeRegistration } from './registrations';
import { PledgeApplication } from '../../models/pledgeApplication';
import { lossAtDefault } from './riskSharing';
import { syncSummaryFigures } from './summaryStore';

/** FerretDB 1.x wraps an int32 $inc on overflow (docs/financing.md): increments go as int64. */
const asInt64 = (n: number) => mongoose.mongo.Long.fromNumber(n);

export interface RepaymentInput {
  loanId: string;
  paidOn: string;
  amount: number; // fen
  reference?: string | null;
}

function checkOpen(loan: LoanDoc, what: string): void {
  if (!OPEN_LOAN_STATUSES.includes(loan.status as LoanStatus)) {
    throw conflict(`Loan is ${loan.status}; ${what} only while it is CURRENT or OVERDUE`, { status: loan.status });
  }
}

function checkPaidOn(ctx: ServiceContext, field: string, date: string, loan: LoanDoc): void {
  v.calendarDate(field, date);
  const today = todayOf(ctx);
  if (date > today) throw badInput(field, `must not be in the future (today is ${today})`);
  if (loan.disbursedOn && date < loan.disbursedOn) throw badInput(field, `must not be before the disbursement (${loan.disbursedOn})`);
}

export async function recordRepayment(ctx: ServiceContext, input: RepaymentInput): Promise<LoanDoc> {
  const loan = await loadLoanForBank(ctx, input.loanId, 'input.loanId', 'record a repayment');
  v.positiveFen('input.amount', input.amount);
  checkPaidOn(ctx, 'input.paidOn', input.paidOn, loan);
  const reference = v.optionalText('input.reference', input.reference, 64);
  checkOpen(loan, 'repayments are recorded');
  const remaining = loan.scheduledTotal - loan.repaidTotal;
  if (input.amount > remaining) throw badInput('input.amount', `exceeds what remains of the schedule (${formatFen(remaining)} yuan)`);
  const entry = { paidOn: input.paidOn, amount: input.amount, reference, recordedAt: new Date(), by: ctx.viewer ? new mongoose.Types.ObjectId(ctx.viewer.userId) : null };
  // Through the driver so that the increment goes as int64; serialized per loan like updateOneDoc.
  const raw = await rawUpdateOneDoc(
    Loan,
    { _id: loan._id, status: { $in: OPEN_LOAN_STATUSES }, repaidTotal: { $lte: loan.scheduledTotal - input.amount } },
    { $push: { repayments: entry }, $inc: { repaidTotal: asInt64(input.amount), summaryMoves: 1 }, $set: { updatedAt: new Date() } },
  );
  if (!raw) {
    const now = await Loan.findById(loan._id);
    if (now && !OPEN_LOAN_STATUSES.includes(now.status as LoanStatus)) checkOpen(now, 'repayments are recorded');
    throw conflict(`Another repayment was recorded meanwhile and this one would exceed the schedule (${formatFen(now ? now.scheduledTotal - now.repaidTotal : 0)} yuan remain); nothing was recorded`);
  }
  const updated = Loan.hydrate(raw) as LoanDoc;
  return syncLoanStatus(ctx, await syncSummaryFigures(ctx, updated));
}

/**
 * Stores the move CURRENT <-> OVERDUE when today's arrears call for it (the daily job, and after a
 * repayment). A loan someone else moved meanwhile is left as it is.
 */
export async function syncLoanStatus(ctx: ServiceContext | null, loan: LoanDoc, today = todayOf(ctx)): Promise<LoanDoc> {
  const to = loanStatusNow(ctx, loan, today);
  if (to === loan.status || !canMove(LOAN_MACHINE, loan.status as LoanStatus, to)) return loan;
  const { daysPastDue, pastDue } = loanArrears(ctx, loan, today);
  try {
    return await transition<LoanStatus, LoanDoc>(ctx, {
      model: Loan,
      id: loan._id,
      machine: LOAN_MACHINE,
      current: loan.status as LoanStatus,
      to,
      what: 'Loan',
      reason: to === 'OVERDUE' ? `${formatFen(pastDue)} yuan past due for ${daysPastDue} days on ${today}` : `arrears repaid (${today})`,
    });
  } catch {
    return (await Loan.findById(loan._id)) ?? loan;
  }
}

export interface SettleLoanInput {
  loanId: string;
  settledOn: string;
  payoff: number; // fen: exactly what remains of the schedule
}

/** The borrower has paid everything: the final payment (if any) and SETTLED in one update; then the registration is released. */
export async function settleLoan(ctx: ServiceContext, input: SettleLoanInput): Promise<LoanDoc> {
  const loan = await loadLoanForBank(ctx, input.loanId, 'input.loanId', 'settle this loan');
  checkPaidOn(ctx, 'input.settledOn', input.settledOn, loan);
  if (!Number.isSafeInteger(input.payoff) || input.payoff < 0) throw badInput('input.payoff', 'must not be negative');
  checkOpen(loan, 'a loan is settled');
  const remaining = loan.scheduledTotal - loan.repaidTotal;
  if (input.payoff !== remaining) throw badInput('input.payoff', `must be what remains of the schedule: ${formatFen(remaining)} yuan`);
  const from = loan.status as LoanStatus;
  const push: Record<string, unknown> = { history: historyEntry(ctx, from, 'SETTLED', `settled on ${input.settledOn}`) };
  if (input.payoff > 0) {
    push.repayments = { paidOn: input.settledOn, amount: input.payoff, reference: 'settlement', recordedAt: new Date(), by: ctx.viewer ? new mongoose.Types.ObjectId(ctx.viewer.userId) : null };
  }
  // Conditional on the status and the repaid total read: a repayment, a default or another settlement in between is CONFLICT.
  const settled = await updateOneDoc<LoanDoc>(
    Loan,
    { _id: loan._id, status: from, repaidTotal: loan.repaidTotal },
    { $set: { status: 'SETTLED', settledOn: input.settledOn, repaidTotal: loan.scheduledTotal }, $push: push, $inc: { summaryMoves: 1 } },
  );
  if (!settled) throw conflict('Loan changed while you were settling it (a repayment, a default or another settlement); reload and try again');
  await releaseRegistrationOf(ctx, settled.application, input.settledOn);
  return syncSummaryFigures(ctx, settled);
}

async function releaseRegistrationOf(ctx: ServiceContext, applicationId: Types.ObjectId, on: string): Promise<void> {
  const app = await PledgeApplication.findById(applicationId).select('registration');
  if (!app?.registration) return;
  try {
    await releasePledgeRegistration(ctx, String(app.registration), on);
  } catch (err) {
    // The loan is settled either way; the bank can release the registration itself.
    ctx.log.error({ err, loan: String(applicationId) }, 'loan settled, but releasing its pledge registration failed');
  }
}

export interface DefaultLoanInput {
  loanId: string;
  reason: string;
}

/** The bank declares the default once the loan is past due for at least the product's number of days. */
export async function defaultLoan(ctx: ServiceContext, input: DefaultLoanInput): Promise<LoanDoc> {
  const loan = await loadLoanForBank(ctx, input.loanId, 'input.loanId', 'default this loan');
  const reason = v.text('input.reason', input.reason, { max: 1000 });
  checkOpen(loan, 'a loan is defaulted');
  const today = todayOf(ctx);
  const { daysPastDue } = loanArrears(ctx, loan, today);
  const product = await LoanProduct.findById(loan.product).select('daysPastDueBeforeDefault');
  const threshold = product?.daysPastDueBeforeDefault ?? DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT;
  if (daysPastDue < threshold) {
    throw conflict(`Loan is ${daysPastDue} days past due; the product allows a default from ${threshold} days`, { daysPastDue, threshold });
  }
  const defaulted = await transition<LoanStatus, LoanDoc>(ctx, {
    model: Loan,
    id: loan._id,
    machine: LOAN_MACHINE,
    current: loan.status as LoanStatus,
    to: 'DEFAULTED',
    inc: { summaryMoves: 1 },
    what: 'Loan',
    set: { defaultedOn: today, defaultReason: reason, lossAtDefault: lossAtDefault(loan.disbursedAmount ?? 0, loan.schedule ?? [], loan.repaidTotal) },
    extraCondition: { repaidTotal: loan.repaidTotal },
    reason: `${reason} (${daysPastDue} days past due)`,
  });
  return syncSummaryFigures(ctx, defaulted);
}
