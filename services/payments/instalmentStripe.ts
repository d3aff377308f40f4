// Instalments paid through Stripe: one PaymentIntent per attempt of an instalment (idempotency key
// deal-<id>-i<instalment>-v<attempt>, metadata {dealId, instalmentId}), stored on the instalment
// with the conditional update of services/deals/schedule/store.ts under the deal's payment lock,
// so concurrent payInstalment calls get one intent. Webhook events are applied per instalment.
import Stripe from 'stripe';
import { Deal, type DealDoc, type InstalmentDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { conflict } from '../errors';
import { now, today } from '../clock';
import { formatFen } from '../rules/money';
import { instalmentOf, moveInstalment } from '../deals/schedule/store';
import { withScheduledDeal } from '../deals/schedule/instalments';
import { cancelIntentQuietly, cancelOpenIntents, requireStripe } from './intents';
import { DEAL_CURRENCY, STRIPE_MAX_AMOUNT_FEN } from './stripeClient';
import type { PaymentSession } from './payDeal';
import type { Applied } from './webhook';

export const instalmentIdempotencyKey = (dealId: unknown, instalmentId: unknown, attempt: number) => `deal-${String(dealId)}-i${String(instalmentId)}-v${attempt}`;

/** CONFLICT unless the instalment can take a payment now (reached, not paid, not being paid otherwise). */
export function requireInstalmentPayable(inst: InstalmentDoc): void {
  if (inst.status === 'NOT_REACHED') throw conflict(`Milestone "${inst.description}" is not reached yet: it cannot be paid before the seller marks it reached`, { status: inst.status });
  if (inst.status === 'PAID') throw conflict(`Instalment "${inst.description}" is already PAID`, { status: inst.status });
}

/** The buyer pays one instalment through Stripe: DUE -> PAYMENT_PENDING with a new intent, or the pending intent again. */
export async function payInstalment(ctx: ServiceContext, dealId: string, instalmentId: string): Promise<PaymentSession> {
  await requireOrg(ctx);
  const stripe = requireStripe(ctx);
  const publishableKey = ctx.app.config.STRIPE_PUBLISHABLE_KEY ?? null;
  return withScheduledDeal(ctx, dealId, 'BUYER', 'Only the buyer pays instalments', async (fresh) => {
    const inst = instalmentOf(fresh, instalmentId);
    requireInstalmentPayable(inst);
    const session = (intent: Stripe.PaymentIntent) => ({
      dealId: String(fresh._id),
      instalmentId: String(inst._id),
      paymentIntentId: intent.id,
      clientSecret: intent.client_secret ?? '',
      amount: inst.amount,
      currency: DEAL_CURRENCY,
      status: intent.status,
      publishableKey,
    });
    if (inst.status === 'PAYMENT_PENDING' && inst.settlement === 'STRIPE' && inst.paymentIntentId) {
      const again = await stripe.paymentIntents.retrieve(inst.paymentIntentId);
      return { ...session(again), paymentIntentId: inst.paymentIntentId };
    }
    if (inst.status === 'PAYMENT_PENDING') throw conflict(`Instalment "${inst.description}" is being paid by bank transfer`, { status: inst.status });
    if (inst.amount > STRIPE_MAX_AMOUNT_FEN) {
      throw conflict(`The instalment of ${formatFen(inst.amount)} yuan is above Stripe's limit of ${formatFen(STRIPE_MAX_AMOUNT_FEN)} yuan per payment: pay by bank transfer`);
    }
    const payments = await cancelOpenIntents(ctx, inst.payments.map((p) => p.toObject()));
    const attempt = inst.paymentAttempts + 1;
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: inst.amount,
          currency: DEAL_CURRENCY,
          automatic_payment_methods: { enabled: true },
          description: `Instalment ${String(inst._id)} of deal ${String(fresh._id)} (Hegang IP marketplace)`,
          metadata: { dealId: String(fresh._id), instalmentId: String(inst._id), attempt: String(attempt) },
        },
        { idempotencyKey: instalmentIdempotencyKey(fresh._id, inst._id, attempt) },
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError) throw conflict(`Stripe refused the payment: ${err.message}`);
      throw err;
    }
    try {
      await moveInstalment(
        ctx,
        fresh,
        inst,
        'PAYMENT_PENDING',
        { settlement: 'STRIPE', paymentAttempts: attempt, paymentIntentId: intent.id, payments: [...payments, { attempt, intentId: intent.id, createdAt: now(), outcome: 'PENDING' }] },
        `PaymentIntent ${intent.id} created (attempt ${attempt})`,
      );
    } catch (err) {
      // The same intent stored by another instance paying this attempt at once (payDeal.ts): keep it.
      const stored = (await Deal.findById(fresh._id))?.instalments.find((i) => String(i._id) === String(inst._id));
      if (stored?.status === 'PAYMENT_PENDING' && stored.paymentIntentId === intent.id) return session(intent);
      await cancelIntentQuietly(ctx, intent.id);
      throw err;
    }
    return session(intent);
  });
}

/** The instalment of the deal that created this intent, or null (the intent is the deal's own). */
export function instalmentOfIntent(deal: DealDoc, intentId: string): InstalmentDoc | null {
  return deal.instalments.find((i) => i.payments.some((p) => p.intentId === intentId)) ?? null;
}

const withOutcome = (inst: InstalmentDoc, intentId: string, outcome: string) =>
  inst.payments.map((p) => (p.intentId === intentId ? { ...p.toObject(), outcome } : p.toObject()));

/** payment_intent.succeeded / payment_failed for an instalment's intent; the caller holds the deal's payment lock. */
export async function applyInstalmentEvent(ctx: ServiceContext, deal: DealDoc, inst: InstalmentDoc, intent: Stripe.PaymentIntent, event: Stripe.Event): Promise<Applied> {
  const done = (status: Applied['status'], note: string | null): Applied => ({ status, note, deal: deal._id });
  const what = `instalment ${String(inst._id)}`;
  if (intent.amount !== inst.amount || intent.currency !== DEAL_CURRENCY) {
    return done('rejected', `paid ${intent.amount} ${intent.currency}, but ${what} is ${inst.amount} ${DEAL_CURRENCY} (fen): not applied`);
  }
  if (event.type === 'payment_intent.payment_failed') {
    if (inst.status !== 'PAYMENT_PENDING' || inst.paymentIntentId !== intent.id) return done('ignored', `${what} is ${inst.status}: a failure of ${intent.id} changes nothing`);
    const why = intent.last_payment_error?.message ?? intent.last_payment_error?.code ?? null;
    await moveInstalment(ctx, deal, inst, 'DUE', { paymentIntentId: null, payments: withOutcome(inst, intent.id, 'FAILED') }, `Stripe ${event.id}: payment failed${why ? `: ${String(why).slice(0, 200)}` : ''}`);
    return done('applied', `${what} may be paid again`);
  }
  if (inst.status === 'PAID') {
    return inst.paymentIntentId === intent.id ? done('ignored', `${what} is already PAID by this payment`) : done('rejected', `${what} was already paid: this second payment must be refunded`);
  }
  if (inst.settlement === 'BANK_TRANSFER' && inst.status === 'PAYMENT_PENDING') return done('rejected', `${what} is being paid by bank transfer: this Stripe payment must be refunded`);
  await moveInstalment(
    ctx,
    deal,
    inst,
    'PAID',
    { settlement: 'STRIPE', paymentIntentId: intent.id, paidOn: today(), paidByEvent: event.id, payments: withOutcome(inst, intent.id, 'SUCCEEDED') },
    `Stripe ${event.id}: PaymentIntent ${intent.id} succeeded`,
  );
  return done('applied', `${what} PAID`);
}
