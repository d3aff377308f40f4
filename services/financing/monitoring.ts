// The daily post-loan monitoring job (issue 16, point 3): for every open loan, store the move
// CURRENT <-> OVERDUE the day calls for, raise the alerts services/financing/monitoringRules.ts
// finds (each once: unique key), and notify the bank's users of the new ones.
import { Deal } from '../../models/deal';
import { Loan, type LoanDoc } from '../../models/loan';
import { LoanAlert, type LoanAlertDoc } from '../../models/loanAlert';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import type { ServiceContext } from '../context';
import { isDuplicateKey } from '../errors';
import { notify } from '../notifications';
import { assetsById } from './loadAssets';
import { OPEN_LOAN_STATUSES } from './loanMachine';
import { syncLoanStatus } from './loanRepayments';
import { monitoringAlerts, type AlertCandidate } from './monitoringRules';
import { effectiveValuation } from './appraisal';

export const LOAN_MONITORING_JOB = 'loan-monitoring';

export type JobDeps = Pick<ServiceContext, 'app' | 'log'>;

export interface MonitoringResult {
  day: string;
  loans: number;
  statusMoves: number;
  alertsRaised: number;
}

async function raise(deps: JobDeps, loan: LoanDoc, c: AlertCandidate, day: string): Promise<LoanAlertDoc | null> {
  try {
    return await LoanAlert.create({
      key: c.key, bank: loan.bank, loan: loan._id, asset: c.asset?._id ?? null, cause: c.cause, detail: c.detail, raisedOn: day,
      status: 'OPEN', history: [{ from: null, to: 'OPEN', at: new Date(), by: null, reason: c.detail }],
    });
  } catch (err) {
    if (isDuplicateKey(err)) return null; // raised before (another day, another process, a re-run)
    deps.log.error({ err, key: c.key }, 'loan alert not written');
    return null;
  }
}

async function monitorLoan(deps: JobDeps, loan: LoanDoc, day: string): Promise<{ moved: boolean; raised: number }> {
  const synced = await syncLoanStatus(null, loan, day);
  const app = await PledgeApplication.findById(loan.application).select('assets valuation valuationReport registration');
  if (!app) return { moved: synced.status !== loan.status, raised: 0 };
  const reg = app.registration ? await PledgeRegistration.findById(app.registration).select('createdAt') : null;
  const assets = [...(await assetsById(app.assets)).values()];
  const deals = reg
    ? await Deal.find({ asset: { $in: app.assets }, createdAt: { $gte: reg.createdAt } }).select('asset type status')
    : [];
  const candidates = monitoringAlerts({
    loan: { id: String(loan._id), maturityOn: loan.maturityOn ?? null, schedule: loan.schedule ?? [], repaidTotal: synced.repaidTotal },
    assets,
    valuedOn: effectiveValuation(app)?.valuedOn ?? null, // the appraiser's report's date once confirmed
    deals: deals.map((d) => ({ id: String(d._id), asset: String(d.asset), type: d.type, status: d.status })),
    day,
  });
  let raised = 0;
  for (const c of candidates) {
    const alert = await raise(deps, loan, c, day);
    if (!alert) continue;
    raised++;
    await notify(deps, {
      kind: 'LOAN_ALERT', objectType: 'LoanAlert', objectId: alert._id, orgIds: [loan.bank],
      title: `贷后预警：贷款合同 ${loan.contractNumber}`,
      summary: `贷款合同 ${loan.contractNumber}（${c.cause}）：${c.detail}`,
      eventKey: `loanAlert:${c.key}`,
    });
  }
  return { moved: synced.status !== loan.status, raised };
}

/** One pass over the open loans for `day` (idempotent: a second pass adds nothing). */
export async function runLoanMonitoring(deps: JobDeps, day: string): Promise<MonitoringResult> {
  const result: MonitoringResult = { day, loans: 0, statusMoves: 0, alertsRaised: 0 };
  const loans = await Loan.find({ status: { $in: OPEN_LOAN_STATUSES } }).sort({ _id: 1 });
  for (const loan of loans) {
    try {
      const r = await monitorLoan(deps, loan, day);
      result.loans++;
      if (r.moved) result.statusMoves++;
      result.alertsRaised += r.raised;
    } catch (err) {
      deps.log.error({ err, loan: String(loan._id) }, 'loan monitoring failed for one loan; the others go on');
    }
  }
  deps.log.info(result, 'loan monitoring done');
  return result;
}
