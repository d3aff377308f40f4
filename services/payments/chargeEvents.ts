// Stripe charge events about a deal's payment (issue 17, point 6), applied once like every event
// (the event store in webhook.ts), under the deal's payment lock:
// - charge.refunded: the Refund a cancellation asked for went through: REFUND_PENDING -> CANCELLED.
//   A refund made in the Dashboard for a deal nobody cancelled is recorded `rejected` and logged:
//   the deal does not move back silently.
// - charge.dispute.created: the buyer's bank disputes the payment (chargeback). The deal keeps its
//   status and is flagged (`dispute`) for both parties and the REGULATOR, who are notified.
import type Stripe from 'stripe';
import { Deal, type DealDoc } from '../../models/deal';
import { Organization } from '../../models/organization';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { now } from '../clock';
import { formatFen } from '../rules/money';
import { dealPaymentLock } from '../deals/locks';
import { notifyDealStep } from '../notifications/dealSteps';
import { finishRefund } from './refunds';
import type { Applied } from './webhook';

export const CHARGE_EVENT_TYPES: readonly string[] = ['charge.refunded', 'charge.dispute.created'];

interface ChargeLike {
  id: string;
  payment_intent?: string | null;
  amount?: number;
  amount_refunded?: number;
  reason?: string | null;
}

/** The PaymentIntent a charge or dispute belongs to (how a deal is found). */
export function chargeIntentId(event: Stripe.Event): string | null {
  const pi = (event.data.object as ChargeLike).payment_intent;
  return typeof pi === 'string' ? pi : null;
}

async function applyRefunded(ctx: ServiceContext, deal: DealDoc, charge: ChargeLike, event: Stripe.Event): Promise<Applied> {
  const done = (status: Applied['status'], note: string | null): Applied => ({ status, note, deal: deal._id });
  const refund = deal.refund;
  if (deal.status === 'CANCELLED' && refund?.status === 'REFUNDED') return done('ignored', 'the deal is already CANCELLED and refunded');
  if (deal.status !== 'REFUND_PENDING' || refund?.method !== 'STRIPE') {
    return done('rejected', `refunded at Stripe while the deal is ${deal.status} and nobody cancelled it: not applied (an operator must look at it)`);
  }
  const refunded = charge.amount_refunded ?? 0;
  if (refunded < refund.amount) return done('ignored', `only ${refunded} of ${refund.amount} fen refunded so far`);
  await finishRefund(ctx, deal, { 'refund.refundedByEvent': event.id }, `Stripe ${event.id}: ${formatFen(refund.amount)} yuan refunded (${refund.stripeRefundId ?? charge.id})`);
  return done('applied', null);
}

async function applyDispute(ctx: ServiceContext, deal: DealDoc, dispute: ChargeLike, event: Stripe.Event): Promise<Applied> {
  if (deal.dispute) return { status: 'ignored', note: `the deal is already flagged by dispute ${deal.dispute.disputeId}`, deal: deal._id };
  const flagged = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, dispute: null },
    { $set: { dispute: { disputeId: dispute.id, reason: dispute.reason ?? null, amount: dispute.amount ?? 0, openedAt: now(), event: event.id } } },
  );
  if (!flagged) return { status: 'ignored', note: 'the deal was flagged meanwhile', deal: deal._id };
  const regulators = await Organization.find({ kind: 'REGULATOR' }).select('_id');
  await notifyDealStep(ctx, flagged, 'DISPUTED', undefined, regulators.map((r) => r._id));
  ctx.log.warn({ dealId: String(deal._id), disputeId: dispute.id }, 'a deal payment is disputed at Stripe');
  return { status: 'applied', note: null, deal: deal._id };
}

export async function applyChargeEvent(ctx: ServiceContext, event: Stripe.Event): Promise<Applied> {
  const object = event.data.object as ChargeLike;
  const intentId = chargeIntentId(event);
  // The deal's own intents, or its instalments' (a milestone or royalty paid by Stripe is disputed the same way).
  const found = intentId ? ((await Deal.findOne({ 'payments.intentId': intentId })) ?? (await Deal.findOne({ 'instalments.payments.intentId': intentId }))) : null;
  if (!found) return { status: 'rejected', note: `no deal has PaymentIntent ${intentId ?? '(none)'}`, deal: null };
  return withLock(dealPaymentLock(found._id), async () => {
    const deal = (await Deal.findById(found._id))!;
    return event.type === 'charge.refunded' ? applyRefunded(ctx, deal, object, event) : applyDispute(ctx, deal, object, event);
  });
}
