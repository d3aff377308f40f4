// The shape a verified Stripe event must have before anything is recorded or applied. A correctly
// signed body can still be malformed (JSON `null`, no `data`, `data.object: null`, a numeric id):
// such an event is a client error (HTTP 400), never recorded, never retried into a `failed` record.
import type Stripe from 'stripe';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 255;

/** Why this event cannot be handled (null when it is well-formed). `handled`: the types we apply. */
export function malformedEventReason(event: unknown, handled: ReadonlySet<string>): string | null {
  if (!isObject(event)) return 'the event is not a JSON object';
  if (!isId(event.id)) return 'the event has no string id';
  if (typeof event.type !== 'string' || event.type === '') return 'the event has no string type';
  if (!handled.has(event.type)) return null; // acknowledged and ignored: its data is not read
  if (!isObject(event.data)) return 'the event has no data object';
  const object = event.data.object;
  if (!isObject(object)) return 'the event has no data.object';
  if (!isId(object.id)) return 'data.object has no string id';
  if (object.metadata !== undefined && object.metadata !== null && !isObject(object.metadata)) return 'data.object.metadata is not an object';
  if (object.amount !== undefined && !Number.isSafeInteger(object.amount)) return 'data.object.amount is not an integer';
  if (object.currency !== undefined && typeof object.currency !== 'string') return 'data.object.currency is not a string';
  if (event.type.startsWith('charge.')) {
    if (!isId(object.payment_intent)) return 'data.object has no string payment_intent';
    if (object.amount_refunded !== undefined && !Number.isSafeInteger(object.amount_refunded)) return 'data.object.amount_refunded is not an integer';
  }
  return null;
}

/** Narrows a verified payload to a Stripe event once malformedEventReason said it is well-formed. */
export const asStripeEvent = (event: unknown): Stripe.Event => event as Stripe.Event;
