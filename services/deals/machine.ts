import type { Machine } from '../workflow';

export type DealStatus = 'PROPOSED' | 'ACCEPTED' | 'PAYMENT_PENDING' | 'PAID' | 'COMPLETED' | 'CANCELLED';

/**
 * PROPOSED (buyer) -> ACCEPTED (seller) -> PAYMENT_PENDING (buyer's payDeal) -> PAID (Stripe says
 * succeeded) -> COMPLETED (ownership moved or licence created). A failed payment returns
 * PAYMENT_PENDING -> ACCEPTED so the buyer can pay again; a success reported for an earlier
 * PaymentIntent of the deal after that (Stripe lets a customer retry a failed intent) still pays it:
 * ACCEPTED -> PAID. Either party cancels before the money has moved: PROPOSED, ACCEPTED, or
 * PAYMENT_PENDING once Stripe has cancelled the intent. PAID and COMPLETED are never left backwards.
 */
export const DEAL_MACHINE: Machine<DealStatus> = {
  PROPOSED: ['ACCEPTED', 'CANCELLED'],
  ACCEPTED: ['PAYMENT_PENDING', 'PAID', 'CANCELLED'],
  PAYMENT_PENDING: ['PAID', 'ACCEPTED', 'CANCELLED'],
  PAID: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** Deals the seller has agreed to and that are not finished: they reserve the asset. */
export const IN_FLIGHT_DEAL_STATUSES: DealStatus[] = ['ACCEPTED', 'PAYMENT_PENDING', 'PAID'];

/** Statuses from which a party may cancel. */
export const CANCELLABLE_DEAL_STATUSES: DealStatus[] = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING'];
