// payDeal: the buyer gets a Stripe PaymentIntent in CNY for an ACCEPTED deal. Exactly one intent per
// attempt: the deal document is the source of truth (the intent id is stored on it with a
// conditional update, under a per-deal lock), and the Stripe idempotency key deal-<id>-v<attempt>
// makes a retry after a crash between "created at Stripe" and "stored" return the same intent.
import Stripe from 'stripe';
import { Deal, type DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { withLock } from '../atomic';
import { requireOrg } from '../authz';
import { conflict, forbidden } from '../errors';
import { transition } from '../workflow';
import { loadDealForParty } from '../deals/access';
import { dealPaymentLock } from '../deals/locks';
import { requirePayable } from '../deals/payable';
import { DEAL_MACHINE, type DealStatus } from '../deals/machine';
import { cancelIntentQuietly, cancelOpenIntents, requireStripe } from './intents';
import { formatFen } from '../rules/money';
import { DEAL_CURRENCY, STRIPE_MAX_AMOUNT_FEN } from './stripeClient';
import { upfrontFen } from '../deals/schedule/rules';

export interface PaymentSession {
  dealId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: number; // fen
  currency: string;
  /** The PaymentIntent's status at Stripe when the session was made (requires_payment_method, succeeded, ...). */
  status: string;
  /** STRIPE_PUBLISHABLE_KEY, for Stripe.js in the web console; null when not configured. */
  publishableKey: string | null;
  /** The instalment this session pays (payInstalment); null for the deal's own payment. */
  instalmentId: string | null;
}

export const idempotencyKey = (dealId: unknown, attempt: number) => `deal-${String(dealId)}-v${attempt}`;

function session(deal: DealDoc, intent: Stripe.PaymentIntent, publishableKey: string | null): PaymentSession {
  return {
    dealId: String(deal._id),
    paymentIntentId: deal.paymentIntentId!,
    clientSecret: intent.client_secret ?? '',
    amount: upfrontFen(deal),
    currency: DEAL_CURRENCY, // every deal intent is created in CNY
    status: intent.status,
    publishableKey,
    instalmentId: null,
  };
}

/** ACCEPTED -> PAYMENT_PENDING with a new PaymentIntent; PAYMENT_PENDING -> the same intent again. */
export async function payDeal(ctx: ServiceContext, id: string): Promise<PaymentSession> {
  await requireOrg(ctx);
  const { deal, side } = await loadDealForParty(ctx, id);
  if (side !== 'BUYER') throw forbidden('Only the buyer pays for a deal');
  if (upfrontFen(deal) > STRIPE_MAX_AMOUNT_FEN) {
    throw conflict(
      `The ${deal.schedule ? 'upfront part' : 'price'} ${formatFen(upfrontFen(deal))} yuan is above Stripe's limit of ${formatFen(STRIPE_MAX_AMOUNT_FEN)} yuan per payment: pay by bank transfer (recordBankTransfer)`,
    );
  }
  const stripe = requireStripe(ctx);
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    if (fresh.status === 'PAYMENT_PENDING' && fresh.paymentIntentId) {
      return session(fresh, await stripe.paymentIntents.retrieve(fresh.paymentIntentId), ctx.app.config.STRIPE_PUBLISHABLE_KEY ?? null);
    }
    if (fresh.settlement === 'BANK_TRANSFER') {
      throw conflict(`Deal is ${fresh.status} and being paid by bank transfer: record further transfers (recordBankTransfer), not a Stripe payment`, { status: fresh.status });
    }
    if (fresh.status !== 'ACCEPTED') {
      throw conflict(`Deal is ${fresh.status}: only an ACCEPTED deal can be paid`, { status: fresh.status });
    }
    await requirePayable(fresh);

    // A failed intent stays confirmable at Stripe; cancel earlier ones so only the new one can pay.
    // (If one of them went through meanwhile, this is a CONFLICT and its event will complete the deal.)
    const payments = await cancelOpenIntents(ctx, fresh.payments.map((p) => p.toObject()));

    const attempt = fresh.paymentAttempts + 1;
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: upfrontFen(fresh),
          currency: DEAL_CURRENCY,
          automatic_payment_methods: { enabled: true },
          description: `${fresh.type} deal ${String(fresh._id)} (Hegang IP marketplace)`,
          metadata: { dealId: String(fresh._id), attempt: String(attempt) },
        },
        { idempotencyKey: idempotencyKey(fresh._id, attempt) },
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError) {
        ctx.log.warn({ err, dealId: id }, 'Stripe refused to create the PaymentIntent');
        throw conflict(`Stripe refused the payment: ${err.message}`);
      }
      throw err;
    }
    try {
      const pending = await transition<DealStatus, DealDoc>(ctx, {
        model: Deal,
        id: fresh._id,
        machine: DEAL_MACHINE,
        current: 'ACCEPTED',
        to: 'PAYMENT_PENDING',
        what: 'Deal',
        extraCondition: { paymentAttempts: fresh.paymentAttempts },
        set: {
          settlement: 'STRIPE',
          paymentAttempts: attempt,
          paymentIntentId: intent.id,
          payments: [...payments, { attempt, intentId: intent.id, createdAt: new Date(), outcome: 'PENDING' }],
        },
        reason: `PaymentIntent ${intent.id} created (attempt ${attempt})`,
      });
      return session(pending, intent, ctx.app.config.STRIPE_PUBLISHABLE_KEY ?? null);
    } catch (err) {
      // Another instance paying the same attempt at once sent the same idempotency key and got this
      // very intent back; when it stored it, this one is the deal's intent: answer it, never cancel it.
      const stored = await Deal.findById(fresh._id);
      if (stored?.status === 'PAYMENT_PENDING' && stored.paymentIntentId === intent.id) return session(stored, intent, ctx.app.config.STRIPE_PUBLISHABLE_KEY ?? null);
      await cancelIntentQuietly(ctx, intent.id);
      throw err;
    }
  });
}
