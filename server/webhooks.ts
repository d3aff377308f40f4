// Webhook routes that need the raw request body (mounted before JSON parsing).
//
// POST /webhooks/stripe: the signature is checked over the exact bytes Stripe sent
// (STRIPE_WEBHOOK_SECRET, 300 s tolerance). Answers: 200 handled, duplicate or not needed;
// 400 missing/bad signature or body, or a signed event of the wrong shape (nothing recorded); 409 the same event is being applied by another delivery
// right now (Stripe retries later); 503 webhooks not configured; 500 applying failed (Stripe
// retries, and the retry applies it).
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../services/context';
import { HANDLED_EVENT_TYPES, processStripeEvent, verifyStripeEvent } from '../services/payments/webhook';
import { malformedEventReason } from '../services/payments/eventShape';

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });

export function mountWebhooks(app: express.Express, deps: AppDeps): void {
  app.post('/webhooks/stripe', express.raw({ type: 'application/json', limit: deps.config.BODY_LIMIT }), async (req: Request, res: Response) => {
    const secret = deps.config.STRIPE_WEBHOOK_SECRET;
    if (!secret) {
      fail(res, 503, 'PAYMENTS_DISABLED', 'Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET is unset)');
      return;
    }
    const signature = req.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') {
      fail(res, 400, 'BAD_REQUEST', 'Missing Stripe-Signature header');
      return;
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      fail(res, 400, 'BAD_REQUEST', 'Expected a JSON body with content-type application/json');
      return;
    }
    let event;
    try {
      event = verifyStripeEvent(req.body, signature, secret);
    } catch (err) {
      req.log.warn({ err: { message: (err as Error).message } }, 'Stripe webhook signature verification failed');
      fail(res, 400, 'BAD_REQUEST', 'Stripe signature verification failed');
      return;
    }
    // Signed but malformed (e.g. `null`, no data, data.object null, a numeric id): a client error,
    // answered before anything is recorded, so a redelivery gets the same 400 and leaves nothing.
    const malformed = malformedEventReason(event, HANDLED_EVENT_TYPES);
    if (malformed) {
      req.log.warn({ reason: malformed }, 'malformed Stripe event refused');
      fail(res, 400, 'BAD_REQUEST', `Malformed Stripe event: ${malformed}`);
      return;
    }
    try {
      const { outcome, note } = await processStripeEvent(deps, req.log, event);
      if (outcome === 'in_progress') {
        fail(res, 409, 'CONFLICT', `Event ${event.id} is being applied by another delivery; retry later`);
        return;
      }
      res.status(200).json({ received: true, eventId: event.id, outcome, ...(note ? { note } : {}) });
    } catch (err) {
      req.log.error({ err, eventId: event.id, eventType: event.type }, 'applying a Stripe event failed; Stripe will redeliver it');
      fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  });
}
