// The loan state machine, as data (docs/financing.md, "The loan machine").
import type { Machine } from '../workflow';
import type { LOAN_STATUSES } from '../../models/loan';

export type LoanStatus = (typeof LOAN_STATUSES)[number];

/**
 * CONTRACTED --recordDisbursement--> CURRENT <--(daily job / repayment)--> OVERDUE
 * CURRENT | OVERDUE --settleLoan (all repaid)--> SETTLED (releases the registration)
 * CURRENT | OVERDUE --defaultLoan (days past due >= the product's threshold, with a reason)--> DEFAULTED
 * DEFAULTED and SETTLED are final.
 */
export const LOAN_MACHINE: Machine<LoanStatus> = {
  CONTRACTED: ['CURRENT'],
  CURRENT: ['OVERDUE', 'SETTLED', 'DEFAULTED'],
  OVERDUE: ['CURRENT', 'SETTLED', 'DEFAULTED'],
  DEFAULTED: [],
  SETTLED: [],
};

/** Statuses in which repayments are recorded (the loan has been disbursed and is open). */
export const OPEN_LOAN_STATUSES: LoanStatus[] = ['CURRENT', 'OVERDUE'];

/**
 * The status as of today: a CURRENT loan with an instalment past due reads OVERDUE (and an OVERDUE
 * one that has caught up reads CURRENT) before the daily job has stored the move.
 */
export function effectiveLoanStatus(stored: LoanStatus, daysPastDue: number): LoanStatus {
  if (stored === 'CURRENT' && daysPastDue > 0) return 'OVERDUE';
  if (stored === 'OVERDUE' && daysPastDue === 0) return 'CURRENT';
  return stored;
}

/** Days past due before a bank may default a loan, when its product does not say. */
export const DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT = 90;
