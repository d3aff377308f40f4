// Reading and acknowledging post-loan alerts: the bank's members (the REGULATOR reads all).
import { LoanAlert, type LoanAlertDoc, type LOAN_ALERT_STATUSES } from '../../models/loanAlert';
import type { ServiceContext } from '../context';
import { isMemberOfAny, isRegulator, requireMemberOrHide, requireOrg } from '../authz';
import { conflict, notFound } from '../errors';
import { parseId } from '../ids';
import { decodeCursor, encodeCursor } from '../pagination';
import { transition, type Machine } from '../workflow';
import * as v from '../validate';

export type LoanAlertStatus = (typeof LOAN_ALERT_STATUSES)[number];
export const LOAN_ALERT_MACHINE: Machine<LoanAlertStatus> = { OPEN: ['ACKNOWLEDGED'], ACKNOWLEDGED: [] };

export async function canSeeLoanAlert(ctx: ServiceContext, alert: Pick<LoanAlertDoc, 'bank'>): Promise<boolean> {
  return isMemberOfAny(ctx, [alert.bank]) || (await isRegulator(ctx));
}

export interface LoanAlertPage {
  edges: { cursor: string; node: LoanAlertDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** The caller's bank's alerts (REGULATOR: all), newest first, keyset on _id. */
export async function listLoanAlerts(ctx: ServiceContext, status?: LoanAlertStatus | null, first?: number | null, after?: string | null): Promise<LoanAlertPage> {
  const { org } = await requireOrg(ctx);
  const limit = v.pageSize('first', first);
  const cursor = after ? decodeCursor('after', after) : null;
  const f: Record<string, unknown> = org.kind === 'REGULATOR' ? {} : { bank: org._id };
  if (status) f.status = status;
  const [rows, totalCount] = await Promise.all([
    LoanAlert.find({ ...f, ...(cursor ? { _id: { $lt: cursor } } : {}) }).sort({ _id: -1 }).limit(limit + 1),
    LoanAlert.countDocuments(f),
  ]);
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor(node._id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
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
