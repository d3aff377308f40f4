import type { Machine } from '../workflow';

export type DealStatus = 'PROPOSED' | 'ACCEPTED' | 'PAYMENT_PENDING' | 'PAID' | 'COMPLETED' | 'REFUND_PENDING' | 'CANCELLED';

/**
 * PROPOSED (buyer) -> ACCEPTED (seller) -> PAYMENT_PENDING (buyer's payDeal) -> PAID (Stripe says
 * succeeded) -> COMPLETED (ownership moved or licence created). A failed payment returns
 * PAYMENT_PENDING -> ACCEPTED so the buyer can pay again; a success reported for an earlier
 * PaymentIntent of the deal after that (Stripe lets a customer retry a failed intent) still pays it:
 * ACCEPTED -> PAID. Either party cancels before the money has moved: PROPOSED, ACCEPTED, or
 * PAYMENT_PENDING once Stripe has cancelled the intent. A PAID deal that has not completed (a
 * TRANSFER before its recordal, a licence held by a problem) is cancelled only through a refund:
 * PAID -> REFUND_PENDING (a Stripe Refund, or a bank refund the seller makes) -> CANCELLED when
 * Stripe reports charge.refunded or the buyer confirms the bank refund. COMPLETED is final.
 */
export const DEAL_MACHINE: Machine<DealStatus> = {
  PROPOSED: ['ACCEPTED', 'CANCELLED'],
  ACCEPTED: ['PAYMENT_PENDING', 'PAID', 'CANCELLED'],
  PAYMENT_PENDING: ['PAID', 'ACCEPTED', 'CANCELLED'],
  PAID: ['COMPLETED', 'REFUND_PENDING'],
  REFUND_PENDING: ['CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** Deals the seller has agreed to and that are not finished: they reserve the asset. */
export const IN_FLIGHT_DEAL_STATUSES: DealStatus[] = ['ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'REFUND_PENDING'];

/** Statuses from which a party may cancel. */
export const CANCELLABLE_DEAL_STATUSES: DealStatus[] = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING'];
