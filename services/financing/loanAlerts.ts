// Reading and acknowledging post-loan alerts: the bank's members (the REGULATOR reads all).
import { LoanAlert, type LoanAlertDoc, type LOAN_ALERT_STATUSES } from '../../models/loanAlert';
import type { ServiceContext } from '../context';
import { isMemberOfAny, isRegulator, requireMemberOrHide, requireOrg } from '../authz';
import { conflict, notFound } from '../errors';
import { parseId } from '../ids';
import { keysetPage, type KeysetPage } from './keysetPage';
import { transition, type Machine } from '../workflow';
import * as v from '../validate';

export type LoanAlertStatus = (typeof LOAN_ALERT_STATUSES)[number];
export const LOAN_ALERT_MACHINE: Machine<LoanAlertStatus> = { OPEN: ['ACKNOWLEDGED'], ACKNOWLEDGED: [] };

export async function canSeeLoanAlert(ctx: ServiceContext, alert: Pick<LoanAlertDoc, 'bank'>): Promise<boolean> {
  return isMemberOfAny(ctx, [alert.bank]) || (await isRegulator(ctx));
}

export type LoanAlertPage = KeysetPage<LoanAlertDoc>;

/** The caller's bank's alerts (REGULATOR: all), newest first, keyset on _id. */
export async function listLoanAlerts(ctx: ServiceContext, status?: LoanAlertStatus | null, first?: number | null, after?: string | null): Promise<LoanAlertPage> {
  const { org } = await requireOrg(ctx);
  const f: Record<string, unknown> = org.kind === 'REGULATOR' ? {} : { bank: org._id };
  if (status) f.status = status;
  return keysetPage<LoanAlertDoc>(LoanAlert, f, first, after);
}

export async function acknowledgeLoanAlert(ctx: ServiceContext, id: string, note: string): Promise<LoanAlertDoc> {
  await requireOrg(ctx);
  const alert = await LoanAlert.findById(parseId('id', id));
  if (!alert) throw notFound('Loan alert', id);
  await requireMemberOrHide(ctx, alert.bank, () => canSeeLoanAlert(ctx, alert), () => notFound('Loan alert', id), 'acknowledge this alert (only the lending bank)');
  const text = v.text('note', note, { max: 1000 });
  if (alert.status !== 'OPEN') throw conflict('The alert was acknowledged already', { status: alert.status });
  return transition<LoanAlertStatus, LoanAlertDoc>(ctx, {
    model: LoanAlert, id: alert._id, machine: LOAN_ALERT_MACHINE, current: 'OPEN', to: 'ACKNOWLEDGED', what: 'Loan alert', set: { note: text }, reason: text,
  });
}
