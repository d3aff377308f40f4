// Post-loan monitoring rules (issue 16, point 3): what the daily job alerts a bank to on an open
// loan and its pledged assets. Pure: the job gathers the facts, this decides. Each alert's key names
// the loan, the cause, the asset and the fact itself (a date or a deal id), so the same fact is
// alerted once, however often the job runs; a new fact (fees paid to a later date that has passed
// again, another unpaid instalment, another deal) is a new alert.
import type { IpAssetDoc } from '../../models/ipAsset';
import type { LOAN_ALERT_CAUSES } from '../../models/loanAlert';
import { addMonths } from '../rules/calendar';
import { formatFen } from '../rules/money';
import { annualFeeStatus } from './assetFacts';
import { arrears, type Instalment } from './loanSchedule';

export type LoanAlertCause = (typeof LOAN_ALERT_CAUSES)[number];

export interface MonitoredLoan {
  id: string;
  maturityOn: string | null;
  schedule: Pick<Instalment, 'dueOn' | 'total'>[];
  repaidTotal: number;
}

export interface MonitoringFacts {
  loan: MonitoredLoan;
  assets: IpAssetDoc[];
  valuedOn: string | null; // the application's valuation date
  deals: { id: string; asset: string; type: string; status: string }[]; // deals on the pledged assets proposed since the pledge
  day: string; // the job's day
}

export interface AlertCandidate {
  key: string;
  cause: LoanAlertCause;
  asset: IpAssetDoc | null;
  detail: string;
}

/** Protection ending within this many months (or before the loan matures) is alerted. */
export const PROTECTION_WARNING_MONTHS = 12;
/** A valuation older than this many months is stale. */
export const VALUATION_MAX_AGE_MONTHS = 12;

export function monitoringAlerts(f: MonitoringFacts): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const add = (cause: LoanAlertCause, asset: IpAssetDoc | null, fact: string, detail: string) =>
    out.push({ key: `${f.loan.id}:${cause}:${asset ? String(asset._id) : '-'}:${fact}`, cause, asset, detail });
  const horizon = addMonths(f.day, PROTECTION_WARNING_MONTHS);
  for (const a of f.assets) {
    if (a.expiresOn && (a.expiresOn <= horizon || (f.loan.maturityOn !== null && a.expiresOn <= f.loan.maturityOn))) {
      const why = f.loan.maturityOn !== null && a.expiresOn <= f.loan.maturityOn ? `on or before the loan matures (${f.loan.maturityOn})` : `within ${PROTECTION_WARNING_MONTHS} months`;
      add('PROTECTION_ENDING', a, a.expiresOn, `${a.number}: protection ends on ${a.expiresOn}, ${why}`);
    }
    if (annualFeeStatus(a, f.day) === 'OVERDUE') add('ANNUAL_FEE_OVERDUE', a, a.annualFeesPaidUntil ?? '', `${a.number}: annual fees paid only until ${a.annualFeesPaidUntil}`);
    if (a.restriction) add('RESTRICTION_RECORDED', a, `${a.restriction.kind}:${a.restriction.since}`, `${a.number}: ${a.restriction.kind} recorded since ${a.restriction.since}`);
    if (a.legalStatus === 'INVALIDATED') add('RIGHT_INVALIDATED', a, 'INVALIDATED', `${a.number}: the right has been invalidated (无效宣告)`);
    if (a.legalStatus === 'LAPSED') add('RIGHT_LAPSED', a, 'LAPSED', `${a.number}: the right has lapsed (终止)`);
  }
  const byId = new Map(f.assets.map((a) => [String(a._id), a]));
  for (const d of f.deals) {
    const a = byId.get(d.asset) ?? null;
    add('TRANSFER_OR_LICENCE_ATTEMPTED', a, d.id, `${a?.number ?? d.asset}: a ${d.type} deal ${d.id} was proposed on the pledged right (now ${d.status})`);
  }
  if (f.valuedOn && f.valuedOn < addMonths(f.day, -VALUATION_MAX_AGE_MONTHS)) {
    add('VALUATION_STALE', null, f.valuedOn, `the valuation of ${f.valuedOn} is older than ${VALUATION_MAX_AGE_MONTHS} months`);
  }
  const due = arrears(f.loan.schedule, f.loan.repaidTotal, f.day);
  if (due.daysPastDue > 0) {
    add('REPAYMENT_OVERDUE', null, due.oldestUnpaidDueOn!, `${formatFen(due.pastDue)} yuan past due; the instalment of ${due.oldestUnpaidDueOn} unpaid for ${due.daysPastDue} days`);
  }
  return out;
}
