// Cancelling a PAID deal that has not completed gives the money back first (issue 17, point 6):
// PAID -> REFUND_PENDING -> CANCELLED. Paid through Stripe: a Refund of the PaymentIntent (idempotency
// key deal-<id>-refund), and the deal is CANCELLED when Stripe's charge.refunded event arrives
// (applied once, services/payments/webhook.ts). Paid by bank transfer: the seller records its
// transfer back, the buyer confirms it arrived. A TRANSFER whose CNIPA recordal was recorded is
// not cancelled (the right has moved at CNIPA; moving it back is a new deal).
import Stripe from 'stripe';
import { Deal, type DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { requireOrg } from '../authz';
import { badInput, conflict, forbidden } from '../errors';
import { now, today } from '../clock';
import { formatFen } from '../rules/money';
import { transition } from '../workflow';
import { loadDealForParty, type DealSide } from '../deals/access';
import { dealPaymentLock } from '../deals/locks';
import { DEAL_MACHINE, type DealStatus } from '../deals/machine';
import { reopenListing } from '../deals/reopen';
import { notifyDeal } from '../notifications/events';
import { bankTotals, checkInput, type BankTransferInput } from './bankTransfer';
import { requireStripe } from './intents';
import { upfrontFen } from '../deals/schedule/rules';

export const refundIdempotencyKey = (dealId: unknown) => `deal-${String(dealId)}-refund`;

/** PAID -> REFUND_PENDING. The caller holds the deal's payment lock and read `deal` under it. */
export async function startRefund(ctx: ServiceContext, deal: DealDoc, side: DealSide, why: string | null): Promise<DealDoc> {
  if (deal.type === 'TRANSFER' && deal.recordal) {
    throw conflict(`CNIPA has recorded this transfer (notice ${deal.recordal.noticeNumber}): it can no longer be cancelled; moving the right back is a new deal`, { status: deal.status });
  }
  const bank = deal.settlement === 'BANK_TRANSFER';
  const amount = bank ? bankTotals(deal).confirmed : upfrontFen(deal);
  let stripeRefundId: string | null = null;
  if (!bank) {
    const stripe = requireStripe(ctx);
    try {
      const refund = await stripe.refunds.create(
        { payment_intent: deal.paymentIntentId!, amount, reason: 'requested_by_customer', metadata: { dealId: String(deal._id) } },
        { idempotencyKey: refundIdempotencyKey(deal._id) },
      );
      stripeRefundId = refund.id;
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError) throw conflict(`Stripe refused the refund: ${err.message}`);
      throw err;
    }
  }
  return transition<DealStatus, DealDoc>(ctx, {
    model: Deal,
    id: deal._id,
    machine: DEAL_MACHINE,
    current: 'PAID',
    to: 'REFUND_PENDING',
    what: 'Deal',
    set: {
      cancelledBy: side,
      cancelReason: why,
      refund: { method: bank ? 'BANK_TRANSFER' : 'STRIPE', amount, status: bank ? 'AWAITING_SELLER' : 'REQUESTED', requestedAt: now(), requestedBy: side, stripeRefundId },
    },
    reason: `cancelled by the ${side.toLowerCase()}${why ? `: ${why}` : ''}; ${formatFen(amount)} yuan to be refunded ${bank ? 'by bank transfer from the seller' : `through Stripe (${stripeRefundId})`}`,
  });
}

/** REFUND_PENDING -> CANCELLED once the money is back (Stripe event, or the buyer's confirmation). */
export async function finishRefund(ctx: ServiceContext, deal: DealDoc, set: Record<string, unknown>, reason: string): Promise<DealDoc> {
  const cancelled = await transition<DealStatus, DealDoc>(ctx, {
    model: Deal,
    id: deal._id,
    machine: DEAL_MACHINE,
    current: 'REFUND_PENDING',
    to: 'CANCELLED',
    what: 'Deal',
    extraCondition: { 'refund.status': deal.refund!.status },
    set: { 'refund.status': 'REFUNDED', 'refund.refundedAt': now(), ...set },
    reason,
  });
  if (cancelled.type === 'TRANSFER') await reopenListing(ctx, cancelled.listing, `transfer deal ${String(cancelled._id)} cancelled and refunded`);
  await notifyDeal(ctx, cancelled, 'CANCELLED');
  return cancelled;
}

/** The seller records its bank transfer back of everything confirmed as paid. */
export async function recordBankRefund(ctx: ServiceContext, dealId: string, raw: BankTransferInput): Promise<DealDoc> {
  await requireOrg(ctx);
  const input = checkInput(raw);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  if (side !== 'SELLER') throw forbidden('The seller, who received the money, records the bank refund');
  if (deal.status !== 'REFUND_PENDING' || deal.refund?.method !== 'BANK_TRANSFER') {
    throw conflict(`Deal is ${deal.status}: a bank refund is recorded for a cancelled deal paid by bank transfer (REFUND_PENDING)`, { status: deal.status });
  }
  if (deal.refund.status !== 'AWAITING_SELLER') throw conflict(`The refund is already ${deal.refund.status}`);
  if (input.amount !== deal.refund.amount) throw badInput('input.amount', `must be the ${formatFen(deal.refund.amount)} yuan confirmed as paid`);
  if (deal.paidOn && input.paidOn < deal.paidOn) throw badInput('input.paidOn', `must not be before the payment date ${deal.paidOn}`);
  if (input.paidOn > today()) throw badInput('input.paidOn', `must not be in the future (today is ${today()})`);
  const recorded = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, status: 'REFUND_PENDING', 'refund.status': 'AWAITING_SELLER' },
    { $set: { 'refund.status': 'RECORDED', 'refund.reference': input.reference, 'refund.paidOn': input.paidOn } },
  );
  if (!recorded) throw conflict('The refund changed while you were recording it; reload the deal');
  return recorded;
}

/** The buyer confirms the seller's bank refund arrived: the deal is CANCELLED. */
export async function confirmBankRefund(ctx: ServiceContext, dealId: string): Promise<DealDoc> {
  await requireOrg(ctx);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  if (side !== 'BUYER') throw forbidden('The buyer, who receives the refund, confirms it');
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    if (fresh.status !== 'REFUND_PENDING' || fresh.refund?.status !== 'RECORDED') {
      throw conflict(`Deal is ${fresh.status}${fresh.refund ? ` (refund ${fresh.refund.status})` : ''}: only a bank refund the seller recorded can be confirmed`, { status: fresh.status });
    }
    return finishRefund(ctx, fresh, {}, `bank refund ${fresh.refund.reference} of ${formatFen(fresh.refund.amount)} yuan confirmed by the buyer`);
  });
}
