// Small operations on Stripe PaymentIntents shared by the deal workflow.
import Stripe from 'stripe';
import type { ServiceContext } from '../context';
import { conflict, paymentsDisabled } from '../errors';
import { paymentsOffReason, type StripeClient } from './stripeClient';

export function requireStripe(ctx: ServiceContext): StripeClient {
  if (!ctx.app.stripe) throw paymentsDisabled(paymentsOffReason(ctx.app.config) ?? undefined);
  return ctx.app.stripe;
}

/**
 * Cancels a PaymentIntent so it can no longer take money. Resolves when it is cancelled (now or
 * earlier); throws CONFLICT when the money has moved or is moving (succeeded, processing,
 * requires_capture), so the caller must not treat the deal as unpaid.
 */
export async function cancelIntent(ctx: ServiceContext, intentId: string): Promise<void> {
  const stripe = requireStripe(ctx);
  try {
    await stripe.paymentIntents.cancel(intentId, { cancellation_reason: 'abandoned' });
    return;
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeInvalidRequestError)) throw err;
    const intent = await stripe.paymentIntents.retrieve(intentId);
    if (intent.status === 'canceled') return;
    if (intent.status === 'succeeded' || intent.status === 'processing' || intent.status === 'requires_capture') {
      throw conflict(`Payment ${intentId} is ${intent.status}: the money has moved or is moving, so the deal can no longer be cancelled or paid again`);
    }
    throw err;
  }
}

/** Cancels an intent nobody will use (e.g. created for a deal that changed meanwhile); failures are only logged. */
export async function cancelIntentQuietly(ctx: ServiceContext, intentId: string): Promise<void> {
  try {
    await cancelIntent(ctx, intentId);
  } catch (err) {
    ctx.log.warn({ err, intentId }, 'could not cancel an unused PaymentIntent');
  }
}

interface PaymentAttempt {
  attempt: number;
  intentId: string;
  createdAt: Date;
  outcome?: string | null;
}

/**
 * Cancels, at Stripe, every intent of a deal that could still take money (pending, or failed: a
 * failed intent stays confirmable) and returns the attempts with those marked CANCELLED. Throws
 * CONFLICT when one of them has already moved money (its event then completes the deal).
 */
export async function cancelOpenIntents<P extends PaymentAttempt>(ctx: ServiceContext, payments: P[]): Promise<P[]> {
  const out: P[] = [];
  for (const p of payments) {
    if (p.outcome === 'PENDING' || p.outcome === 'FAILED') {
      await cancelIntent(ctx, p.intentId);
      out.push({ ...p, outcome: 'CANCELLED' });
    } else out.push(p);
  }
  return out;
}
