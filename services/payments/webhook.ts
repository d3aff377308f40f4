// Stripe webhook events: verified, recorded once (unique event id) BEFORE they are applied, then
// applied to the deal under its payment lock. Replays and duplicates change nothing; an event that
// arrives out of order never moves a deal backwards; an event whose application failed (crash,
// database error) is recorded as such and applied again when Stripe redelivers it.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import Stripe from 'stripe';
import { Deal, type DealDoc } from '../../models/deal';
import { StripeEvent, type StripeEventDoc } from '../../models/stripeEvent';
import type { Logger } from '../../server/logger';
import type { AppDeps, ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { isDuplicateKey } from '../errors';
import { tryParseId } from '../ids';
import { createLoaders } from '../loaders';
import { transition } from '../workflow';
import { awaitsRecordal, completeDeal } from '../deals/complete';
import { now, today } from '../clock';
import { dealPaymentLock } from '../deals/locks';
import { DEAL_MACHINE, type DealStatus } from '../deals/machine';
import { DEAL_CURRENCY } from './stripeClient';
import { upfrontFen } from '../deals/schedule/rules';
import { notifyDeal } from '../notifications/events';
import { applyChargeEvent, CHARGE_EVENT_TYPES, chargeIntentId } from './chargeEvents';
import { applyInstalmentEvent, instalmentOfIntent } from './instalmentStripe';
import { applyPremiumEvent, premiumPolicyId } from '../insurance/premiumStripe';

/** Stripe's default tolerance: a signed payload older than this (seconds) is refused as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** How long one delivery owns an event before a redelivery may take it over (it crashed). */
export const EVENT_LEASE_MS = 60_000;

/** The event types this platform applies; others are acknowledged and ignored. */
export const HANDLED_EVENT_TYPES: ReadonlySet<string> = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed', ...CHARGE_EVENT_TYPES]);
const HANDLED = HANDLED_EVENT_TYPES;

/** Verifies the Stripe-Signature header over the raw body; throws StripeSignatureVerificationError. */
export function verifyStripeEvent(rawBody: Buffer, signature: string, secret: string): Stripe.Event {
  return Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
}

export type EventOutcome = 'applied' | 'ignored' | 'rejected' | 'duplicate' | 'in_progress';
export interface Applied {
  status: 'applied' | 'ignored' | 'rejected';
  note: string | null;
  deal: Types.ObjectId | null;
}

export function systemContext(app: AppDeps, log: Logger): ServiceContext {
  const requestId = randomUUID();
  return { app, viewer: null, loaders: createLoaders(), log, requestId, clientAddress: 'stripe' };
}

/** Records the event as being processed by this delivery; or says it is done / held by another. */
async function claim(event: Stripe.Event, intentId: string | null): Promise<StripeEventDoc | 'duplicate' | 'in_progress'> {
  const leaseUntil = new Date(Date.now() + EVENT_LEASE_MS);
  try {
    return await StripeEvent.create({
      eventId: event.id,
      type: event.type,
      livemode: event.livemode,
      status: 'processing',
      leaseUntil,
      attempts: 1,
      paymentIntentId: intentId,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const seen = await StripeEvent.findOne({ eventId: event.id });
  if (!seen) return 'in_progress';
  if (seen.status === 'applied' || seen.status === 'ignored' || seen.status === 'rejected') return 'duplicate';
  // Failed earlier, or its delivery died while processing: this redelivery takes it over.
  const taken = await updateOneDoc<StripeEventDoc>(
    StripeEvent,
    { _id: seen._id, $or: [{ status: 'failed' }, { status: 'processing', leaseUntil: { $lt: new Date() } }] },
    { $set: { status: 'processing', leaseUntil }, $inc: { attempts: 1 } },
  );
  return taken ?? 'in_progress';
}

async function findDeal(intent: Stripe.PaymentIntent): Promise<DealDoc | null> {
  const byMetadata = tryParseId(intent.metadata?.dealId ?? '');
  const deal = byMetadata ? await Deal.findById(byMetadata) : null;
  return deal ?? (await Deal.findOne({ 'payments.intentId': intent.id })) ?? Deal.findOne({ 'instalments.payments.intentId': intent.id });
}

function withOutcome(deal: DealDoc, intentId: string, outcome: string) {
  return deal.payments.map((p) => (p.intentId === intentId ? { ...p.toObject(), outcome } : p.toObject()));
}

/** What became of a paid deal: completed (`completed`), waiting for its recordal, or blocked. */
function completionNote(after: DealDoc, completed: string | null): string | null {
  if (after.status === 'COMPLETED') return completed;
  if (awaitsRecordal(after) && !after.problem) return 'paid; the transfer completes on CNIPA recordal (recordRecordal, confirmRecordal)';
  return `paid, but cannot complete: ${after.problem}`;
}

async function applySucceeded(ctx: ServiceContext, deal: DealDoc, intent: Stripe.PaymentIntent, event: Stripe.Event): Promise<Applied> {
  const done = (status: Applied['status'], note: string | null): Applied => ({ status, note, deal: deal._id });
  if (!deal.payments.some((p) => p.intentId === intent.id)) return done('rejected', `PaymentIntent ${intent.id} was not created for this deal`);
  if (intent.amount !== upfrontFen(deal) || intent.currency !== DEAL_CURRENCY) {
    return done('rejected', `paid ${intent.amount} ${intent.currency}, but the deal takes ${upfrontFen(deal)} ${DEAL_CURRENCY} (fen): not applied`);
  }
  const status = deal.status as DealStatus;
  if (deal.settlement === 'BANK_TRANSFER' && (status === 'ACCEPTED' || status === 'PAYMENT_PENDING')) {
    return done('rejected', `the deal is being paid by bank transfer: this Stripe payment must be refunded`);
  }
  if (status === 'ACCEPTED' || status === 'PAYMENT_PENDING') {
    const paid = await transition<DealStatus, DealDoc>(ctx, {
      model: Deal,
      id: deal._id,
      machine: DEAL_MACHINE,
      current: status,
      to: 'PAID',
      what: 'Deal',
      extraCondition: { paymentAttempts: deal.paymentAttempts },
      set: {
        settlement: 'STRIPE',
        paymentIntentId: intent.id,
        paidAt: now(),
        paidOn: today(),
        paidByEvent: event.id,
        payments: withOutcome(deal, intent.id, 'SUCCEEDED'),
        licenseId: deal.type === 'LICENSE' ? new Types.ObjectId() : null,
      },
      reason: `Stripe ${event.id}: PaymentIntent ${intent.id} succeeded`,
    });
    await notifyDeal(ctx, paid, 'PAID');
    return done('applied', completionNote(await completeDeal(ctx, paid), null));
  }
  if ((status === 'PAID' || status === 'COMPLETED') && deal.paymentIntentId === intent.id) {
    if (status === 'COMPLETED') return done('ignored', 'the deal is already COMPLETED by this payment');
    return done('applied', completionNote(await completeDeal(ctx, deal), 'completion resumed')); // a crash left it PAID: finish the job
  }
  if (status === 'PAID' || status === 'COMPLETED') {
    return done('rejected', `the deal was already paid by ${deal.paymentIntentId}: this second payment must be refunded`);
  }
  return done('rejected', `the deal is ${status}: this payment must be refunded`);
}

async function applyFailed(ctx: ServiceContext, deal: DealDoc, intent: Stripe.PaymentIntent, event: Stripe.Event): Promise<Applied> {
  if (deal.status !== 'PAYMENT_PENDING' || deal.paymentIntentId !== intent.id) {
    return { status: 'ignored', note: `the deal is ${deal.status} (current intent ${deal.paymentIntentId ?? 'none'}): a failure of ${intent.id} changes nothing`, deal: deal._id };
  }
  const why = intent.last_payment_error?.message ?? intent.last_payment_error?.code ?? null;
  await transition<DealStatus, DealDoc>(ctx, {
    model: Deal,
    id: deal._id,
    machine: DEAL_MACHINE,
    current: 'PAYMENT_PENDING',
    to: 'ACCEPTED',
    what: 'Deal',
    extraCondition: { paymentIntentId: intent.id },
    set: { paymentIntentId: null, payments: withOutcome(deal, intent.id, 'FAILED') },
    reason: `Stripe ${event.id}: payment failed${why ? `: ${String(why).slice(0, 200)}` : ''}; the buyer may pay again`,
  });
  return { status: 'applied', note: null, deal: deal._id };
}

async function apply(ctx: ServiceContext, event: Stripe.Event, intent: Stripe.PaymentIntent): Promise<Applied> {
  if (CHARGE_EVENT_TYPES.includes(event.type)) return applyChargeEvent(ctx, event);
  const policyId = premiumPolicyId(intent);
  if (policyId) return { ...(await applyPremiumEvent(event, intent, policyId)), deal: null }; // an insurance premium (services/insurance/premiumStripe.ts)
  const deal = await findDeal(intent);
  if (!deal) return { status: 'rejected', note: `no deal has PaymentIntent ${intent.id}`, deal: null };
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    const instalment = instalmentOfIntent(fresh, intent.id);
    if (instalment) return applyInstalmentEvent(ctx, fresh, instalment, intent, event);
    return event.type === 'payment_intent.succeeded' ? applySucceeded(ctx, fresh, intent, event) : applyFailed(ctx, fresh, intent, event);
  });
}

/**
 * Handles one verified event. 'duplicate': seen and finished before (nothing done); 'in_progress':
 * another delivery is applying it right now (answer non-2xx so Stripe retries later).
 */
export async function processStripeEvent(app: AppDeps, log: Logger, event: Stripe.Event): Promise<{ outcome: EventOutcome; note: string | null }> {
  if (!HANDLED.has(event.type)) return { outcome: 'ignored', note: `${event.type} is not used by this platform` };
  const intent = event.data.object as Stripe.PaymentIntent;
  const intentId = CHARGE_EVENT_TYPES.includes(event.type) ? chargeIntentId(event) : intent.id;
  const claimed = await claim(event, typeof intentId === 'string' ? intentId : null);
  if (claimed === 'duplicate' || claimed === 'in_progress') return { outcome: claimed, note: null };
  const ctx = systemContext(app, log.child({ stripeEvent: event.id }));
  let result: Applied;
  try {
    result = await apply(ctx, event, intent);
  } catch (err) {
    await updateOneDoc(StripeEvent, { _id: claimed._id, status: 'processing' }, { $set: { status: 'failed', leaseUntil: null, note: 'applying failed; a redelivery applies it again' } }).catch(
      () => undefined,
    );
    throw err;
  }
  await updateOneDoc(StripeEvent, { _id: claimed._id, status: 'processing' }, { $set: { status: result.status, note: result.note, deal: result.deal, leaseUntil: null } });
  if (result.status === 'rejected') ctx.log.error({ eventType: event.type, intentId: intent.id, dealId: result.deal && String(result.deal), note: result.note }, 'Stripe event rejected');
  else if (result.status === 'ignored') ctx.log.info({ eventType: event.type, note: result.note }, 'Stripe event ignored');
  return { outcome: result.status, note: result.note };
}
