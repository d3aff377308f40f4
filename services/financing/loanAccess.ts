// Who sees and who acts on a loan, and reading loans. The bank and the borrower see it; so does the
// city IP office (REGULATOR). Only the bank records its contract, disbursement, repayments,
// settlement and default. Anyone else gets NOT_FOUND (no existence oracle).
import { Loan, type LoanDoc } from '../../models/loan';
import type { ServiceContext } from '../context';
import { isMemberOfAny, isRegulator, requireMemberOrHide, requireOrg } from '../authz';
import { todayOf } from '../clock';
import { notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import { keysetPage, type KeysetPage } from './keysetPage';
import { arrears, type Arrears } from './loanSchedule';
import { effectiveLoanStatus, type LoanStatus } from './loanMachine';

export async function canSeeLoan(ctx: ServiceContext, loan: Pick<LoanDoc, 'bank' | 'borrower'>): Promise<boolean> {
  return isMemberOfAny(ctx, [loan.bank, loan.borrower]) || (await isRegulator(ctx));
}

/** The loan for a move by its bank: NOT_FOUND when the caller cannot see it, FORBIDDEN for the borrower and the REGULATOR. */
export async function loadLoanForBank(ctx: ServiceContext, id: string, field: string, action: string): Promise<LoanDoc> {
  await requireOrg(ctx);
  const loan = await Loan.findById(parseId(field, id));
  if (!loan) throw notFound('Loan', id);
  await requireMemberOrHide(ctx, loan.bank, () => canSeeLoan(ctx, loan), () => notFound('Loan', id), `${action} (only the lending bank)`);
  return loan;
}

/** Arrears as of the context's today (zero before the disbursement and once the loan is closed). */
export function loanArrears(ctx: ServiceContext | null, loan: Pick<LoanDoc, 'schedule' | 'repaidTotal' | 'status'>, today = todayOf(ctx)): Arrears {
  if (loan.status !== 'CURRENT' && loan.status !== 'OVERDUE' && loan.status !== 'DEFAULTED') return { dueToDate: 0, pastDue: 0, daysPastDue: 0, oldestUnpaidDueOn: null };
  return arrears(loan.schedule ?? [], loan.repaidTotal, today);
}

export function loanStatusNow(ctx: ServiceContext | null, loan: LoanDoc, today = todayOf(ctx)): LoanStatus {
  return effectiveLoanStatus(loan.status as LoanStatus, loanArrears(ctx, loan, today).daysPastDue);
}

export async function getLoan(ctx: ServiceContext, id: string): Promise<LoanDoc | null> {
  const oid = tryParseId(id);
  if (!oid) return null;
  const loan = await Loan.findById(oid);
  return loan && (await canSeeLoan(ctx, loan)) ? loan : null;
}

export async function loanOfApplication(ctx: ServiceContext, applicationId: unknown): Promise<LoanDoc | null> {
  const loan = await Loan.findById(applicationId); // a loan's _id is its application's
  return loan && (await canSeeLoan(ctx, loan)) ? loan : null;
}

export type LoanPage = KeysetPage<LoanDoc>;

/** The caller's loans as bank or borrower (REGULATOR: all), newest first, keyset on _id. */
export async function listLoans(ctx: ServiceContext, status?: LoanStatus | null, first?: number | null, after?: string | null): Promise<LoanPage> {
  const { org } = await requireOrg(ctx);
  const f: Record<string, unknown> = org.kind === 'REGULATOR' ? {} : { $or: [{ bank: org._id }, { borrower: org._id }] };
  if (status) f.status = status;
  return keysetPage<LoanDoc>(Loan, f, first, after);
}
