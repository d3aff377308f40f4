// The premium of a guarantee policy paid through Stripe (issue 16, point 6): the holder gets one
// PaymentIntent in CNY per policy (idempotency key policy-premium-<id>; its id stored with a
// conditional update); the signed webhook payment_intent.succeeded marks the premium PAID with one
// conditional update on {premiumStatus: 'UNPAID', premiumIntentId}, so a replay changes nothing
// (services/payments/webhook.ts records each event once before applying it).
import type Stripe from 'stripe';
import { InsurancePolicy } from '../../models/insurancePolicy';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { conflict } from '../errors';
import { now } from '../clock';
import { tryParseId } from '../ids';
import { formatFen } from '../rules/money';
import { requireStripe } from '../payments/intents';
import { DEAL_CURRENCY, STRIPE_MAX_AMOUNT_FEN } from '../payments/stripeClient';
import { loadPolicyFor, requireUnpaidPremium } from './policyAccess';

export interface PremiumSession {
  policyId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: number; // fen
  currency: string;
  publishableKey: string | null;
}

const premiumLock = (id: unknown) => `InsurancePolicy:premium:${String(id)}`;

export async function payInsurancePremium(ctx: ServiceContext, policyId: string): Promise<PremiumSession> {
  const policy = await loadPolicyFor(ctx, 'holder', policyId, 'policyId', 'pay its premium');
  requireUnpaidPremium(policy);
  if (policy.premium > STRIPE_MAX_AMOUNT_FEN) throw conflict(`The premium ${formatFen(policy.premium)} yuan is above Stripe's limit: pay by bank transfer (recordPremiumBankTransfer)`);
  if (policy.premiumTransfer) throw conflict('A bank transfer of the premium is recorded and awaits the insurer: it is not paid twice');
  const stripe = requireStripe(ctx);
  return withLock(premiumLock(policy._id), async () => {
    const fresh = (await InsurancePolicy.findById(policy._id))!;
    const session = (intent: Stripe.PaymentIntent): PremiumSession => ({
      policyId: String(fresh._id),
      paymentIntentId: intent.id,
      clientSecret: intent.client_secret ?? '',
      amount: fresh.premium,
      currency: DEAL_CURRENCY,
      publishableKey: ctx.app.config.STRIPE_PUBLISHABLE_KEY ?? null,
    });
    if (fresh.premiumIntentId) return session(await stripe.paymentIntents.retrieve(fresh.premiumIntentId));
    const intent = await stripe.paymentIntents.create(
      {
        amount: fresh.premium,
        currency: DEAL_CURRENCY,
        automatic_payment_methods: { enabled: true },
        description: `Premium of insurance policy ${fresh.policyNumber} (Hegang IP marketplace)`,
        metadata: { policyId: String(fresh._id) },
      },
      { idempotencyKey: `policy-premium-${String(fresh._id)}` },
    );
    const stored = await updateOneDoc(InsurancePolicy, { _id: fresh._id, premiumStatus: 'UNPAID', premiumIntentId: null }, { $set: { premiumIntentId: intent.id } });
    if (!stored) throw conflict('The policy changed while the payment was being prepared; reload it');
    return session(intent);
  });
}

export interface PremiumOutcome {
  status: 'applied' | 'ignored' | 'rejected';
  note: string | null;
}

/** The policy a PaymentIntent pays the premium of (metadata.policyId), or null when it is not a premium. */
export function premiumPolicyId(intent: Stripe.PaymentIntent): string | null {
  const id = intent.metadata?.policyId;
  return id && tryParseId(id) ? id : null;
}

/** Applies payment_intent.succeeded / payment_failed for a premium intent. */
export async function applyPremiumEvent(event: Stripe.Event, intent: Stripe.PaymentIntent, policyId: string): Promise<PremiumOutcome> {
  const policy = await InsurancePolicy.findById(policyId);
  if (!policy || policy.premiumIntentId !== intent.id) return { status: 'rejected', note: `PaymentIntent ${intent.id} was not created for the premium of policy ${policyId}` };
  if (event.type !== 'payment_intent.succeeded') return { status: 'ignored', note: 'a failed premium payment changes nothing: the holder may pay again' };
  if (intent.amount !== policy.premium || intent.currency !== DEAL_CURRENCY) {
    return { status: 'rejected', note: `paid ${intent.amount} ${intent.currency}, but the premium is ${policy.premium} ${DEAL_CURRENCY} (fen): not applied` };
  }
  const paid = await updateOneDoc(
    InsurancePolicy,
    { _id: policy._id, premiumStatus: 'UNPAID', premiumIntentId: intent.id },
    { $set: { premiumStatus: 'PAID', premiumPaidVia: 'STRIPE', premiumPaidAt: now() } },
  );
  if (paid) return { status: 'applied', note: null };
  const again = await InsurancePolicy.findById(policy._id).select('premiumPaidVia');
  return again?.premiumPaidVia === 'STRIPE'
    ? { status: 'ignored', note: 'the premium is already paid by this payment' }
    : { status: 'rejected', note: 'the premium was already paid by bank transfer: this payment must be refunded' };
}

