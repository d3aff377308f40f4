// Milestones reached (seller) and royalty reports (licensee): what makes instalments due. Payments
// of instalments are in services/payments/instalmentStripe.ts and instalmentBank.ts.
import { Types } from 'mongoose';
import { Deal, type DealDoc } from '../../../models/deal';
import { License } from '../../../models/license';
import type { ServiceContext } from '../../context';
import { withLock } from '../../atomic';
import { requireOrg } from '../../authz';
import { badInput, conflict, forbidden } from '../../errors';
import { now, today } from '../../clock';
import { formatFen } from '../../rules/money';
import { historyEntry } from '../../workflow';
import * as v from '../../validate';
import { loadDealForParty, type DealSide } from '../access';
import { dealPaymentLock } from '../locks';
import { instalmentOf, moveInstalment, plainInstalment, saveInstalments } from './store';
import { minimumTopUp, periodBounds, periodCount, royaltyDueOn, royaltyOf, sameYearPeriods, type RoyaltyPeriod } from './rules';

/**
 * Loads a deal for one side, then runs `fn` on a fresh read under the deal's payment lock. The
 * deal must be COMPLETED: instalments after the upfront part are paid once the deal has completed.
 */
export async function withScheduledDeal<T>(
  ctx: ServiceContext,
  dealId: string,
  who: DealSide,
  forbiddenWhy: string,
  fn: (fresh: DealDoc) => Promise<T>,
): Promise<T> {
  await requireOrg(ctx);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  if (side !== who) throw forbidden(forbiddenWhy);
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    if (!fresh.schedule) throw conflict('This deal has no payment schedule');
    if (fresh.status !== 'COMPLETED') {
      throw conflict(`Deal is ${fresh.status}: milestones and royalties follow once the upfront part is paid and the deal COMPLETED`, { status: fresh.status });
    }
    return fn(fresh);
  });
}

/** The seller marks a milestone reached: NOT_REACHED -> DUE; the buyer may pay it now. */
export async function markMilestoneReached(ctx: ServiceContext, dealId: string, instalmentId: string): Promise<DealDoc> {
  return withScheduledDeal(ctx, dealId, 'SELLER', 'Only the seller marks a milestone reached', async (fresh) => {
    const inst = instalmentOf(fresh, instalmentId);
    if (inst.kind !== 'MILESTONE') throw conflict('Only a milestone is marked reached');
    if (inst.status !== 'NOT_REACHED') throw conflict(`Milestone "${inst.description}" is already ${inst.status}`, { status: inst.status });
    return moveInstalment(ctx, fresh, inst, 'DUE', { reachedOn: today() }, `milestone reached (marked by the seller)`);
  });
}

export interface RoyaltyReportInput {
  period: number;
  netSales: number; // fen
}

/**
 * The licensee reports a period's net sales; the royalty (and, in the last period of a licence
 * year, the minimum annual royalty's top-up) becomes a DUE instalment (PAID at once when it is 0).
 * Periods are reported in order, once each, after they end.
 */
export async function fileRoyaltyReport(ctx: ServiceContext, dealId: string, input: RoyaltyReportInput): Promise<DealDoc> {
  await requireOrg(ctx);
  if (!Number.isSafeInteger(input.netSales) || input.netSales < 0) throw badInput('input.netSales', 'must be 0 or more, in whole fen');
  return withScheduledDeal(ctx, dealId, 'BUYER', 'Only the licensee files royalty reports', async (fresh) => {
    const terms = fresh.schedule!.royalty;
    if (!terms) throw conflict('This deal has no running royalty');
    const licence = await License.findById(fresh.licenseId);
    if (!licence) throw conflict('The licence of this deal is not granted yet');
    const period = terms.period as RoyaltyPeriod;
    v.intInRange('input.period', input.period, 1, periodCount(fresh.termMonths!, period));
    const filed = fresh.instalments.filter((i) => i.kind === 'ROYALTY');
    if (input.period !== filed.length + 1) {
      throw badInput('input.period', filed.some((i) => i.royaltyReport?.period === input.period) ? `period ${input.period} is already reported` : `report period ${filed.length + 1} first (periods are reported in order)`);
    }
    const bounds = periodBounds(licence.startsOn, fresh.termMonths!, period, input.period);
    if (today() < bounds.endsOn) throw badInput('input.period', `period ${input.period} runs until ${bounds.endsOn}: report it from that day`);

    const royalty = royaltyOf(input.netSales, terms.rateBps);
    const yearRoyalties = sameYearPeriods(period, input.period).map((n) =>
      n === input.period ? royalty : filed.find((i) => i.royaltyReport?.period === n)!.royaltyReport!.royalty,
    );
    const topUp = minimumTopUp(period, input.period, terms.minimumAnnual ?? null, yearRoyalties, fresh.termMonths!);
    const amount = royalty + topUp;
    const status = amount === 0 ? 'PAID' : 'DUE';
    const why = `royalty report for period ${input.period}: net sales ${formatFen(input.netSales)} yuan x ${terms.rateBps} bps = ${formatFen(royalty)} yuan${topUp ? ` + ${formatFen(topUp)} yuan to reach the minimum annual royalty` : ''}`;
    const instalment = {
      _id: new Types.ObjectId(),
      kind: 'ROYALTY',
      description: `Royalty, period ${input.period} (${bounds.startsOn} – ${bounds.endsOn})`,
      amount,
      dueOn: royaltyDueOn(bounds.endsOn),
      status,
      royaltyReport: { period: input.period, periodStartsOn: bounds.startsOn, periodEndsOn: bounds.endsOn, netSales: input.netSales, royalty, minimumTopUp: topUp, filedAt: now() },
      paidOn: amount === 0 ? today() : null,
      history: [historyEntry(ctx, null, status, amount === 0 ? `${why}; nothing to pay` : why)],
    };
    return saveInstalments(fresh, [...fresh.instalments.map(plainInstalment), instalment]);
  });
}
