// Finishes the financing summary syncs a crash left behind (services/financing/summaryStore.ts): a
// loan whose moves are ahead of what the kept figures count, or whose sync is pending. The sync
// resumes with the pending token (documents that have it are skipped), so nothing is counted twice.
// Loans written before the figures existed (no summaryCounted) are counted here once, too.
import { Loan } from '../../models/loan';
import { syncLoanFigures } from '../financing/summaryStore';
import type { RepairAction, RepairContext } from './types';

interface Marks {
  _id: unknown;
  summaryMoves?: number | null;
  summaryCounted?: { moves?: number } | null;
  summaryPending?: { token?: string } | null;
}

export async function repairFinancingSummaries(rc: RepairContext): Promise<RepairAction[]> {
  const out: RepairAction[] = [];
  const loans = (await Loan.find({ disbursedOn: { $ne: null }, updatedAt: { $lt: rc.cutoff } }, { summaryMoves: 1, summaryCounted: 1, summaryPending: 1 }).lean()) as unknown as Marks[];
  for (const l of loans) {
    const behind = !l.summaryCounted || (l.summaryCounted.moves ?? 0) !== (l.summaryMoves ?? 0);
    if (!behind && !l.summaryPending) continue;
    await syncLoanFigures(l._id);
    out.push({
      kind: 'financing.summary.synced',
      id: String(l._id),
      detail: l.summaryPending ? `a pending sync of the financing summary (${l.summaryPending.token}) finished` : `the financing summary counted ${l.summaryCounted?.moves ?? 'none'} of its ${l.summaryMoves ?? 0} moves; now all`,
    });
  }
  return out;
}
