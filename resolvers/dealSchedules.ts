// Payment schedules on deals (issue 17 point 2): thin resolvers over services/deals/schedule and the
// instalment payments.
import type { Resolvers } from '../schema/generated/types';
import { today } from '../services/clock';
import { fileRoyaltyReport, markMilestoneReached } from '../services/deals/schedule/instalments';
import { isOverdue } from '../services/deals/schedule/rules';
import { confirmInstalmentTransfer, disputeInstalmentTransfer, recordInstalmentTransfer } from '../services/payments/instalmentBank';
import { payInstalment } from '../services/payments/instalmentStripe';

export const dealScheduleResolvers: Resolvers = {
  Mutation: {
    markMilestoneReached: (_p, { dealId, instalmentId }, ctx) => markMilestoneReached(ctx, dealId, instalmentId),
    fileRoyaltyReport: (_p, { dealId, input }, ctx) => fileRoyaltyReport(ctx, dealId, input),
    payInstalment: (_p, { dealId, instalmentId }, ctx) => payInstalment(ctx, dealId, instalmentId),
    recordInstalmentTransfer: (_p, { dealId, instalmentId, input }, ctx) => recordInstalmentTransfer(ctx, dealId, instalmentId, input),
    confirmInstalmentTransfer: (_p, { dealId, instalmentId }, ctx) => confirmInstalmentTransfer(ctx, dealId, instalmentId),
    disputeInstalmentTransfer: (_p, { dealId, instalmentId, reason }, ctx) => disputeInstalmentTransfer(ctx, dealId, instalmentId, reason),
  },
  Deal: {
    schedule: (d) => (d.schedule ?? null) as never,
    instalments: (d) => d.instalments as never,
    overdueInstalments: (d) => d.instalments.filter((i) => isOverdue(i, today())) as never,
  },
  Instalment: {
    id: (i) => String(i._id),
    kind: (i) => i.kind as never,
    status: (i) => i.status as never,
    overdue: (i) => isOverdue(i, today()),
    settlement: (i) => (i.settlement ?? null) as never,
    bankTransfer: (i) => (i.bankTransfer ?? null) as never,
    royaltyReport: (i) => (i.royaltyReport ?? null) as never,
    history: (i) => i.history as never,
  },
  RoyaltyTerms: {
    period: (r) => r.period as never,
  },
};
