import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * Every Stripe event the webhook acted on, recorded (unique event id) BEFORE it is applied, so a
 * replayed or duplicated delivery changes nothing. `processing` with an expired lease, or
 * `failed`, may be claimed again by a redelivery (the apply step is resumable); the other
 * statuses are final.
 */
export const STRIPE_EVENT_STATUSES = ['processing', 'applied', 'ignored', 'rejected', 'failed'] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

const stripeEventSchema = new Schema(
  {
    eventId: { type: String, required: true }, // evt_...
    type: { type: String, required: true },
    livemode: { type: Boolean, default: false },
    status: { type: String, enum: STRIPE_EVENT_STATUSES, required: true },
    leaseUntil: { type: Date, default: null }, // while processing
    attempts: { type: Number, required: true, default: 1 },
    paymentIntentId: { type: String, default: null },
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', default: null },
    note: { type: String, default: null }, // why it was ignored or rejected
  },
  { timestamps: true },
);
stripeEventSchema.index({ eventId: 1 }, { unique: true });
stripeEventSchema.index({ status: 1, createdAt: -1 });

export type StripeEventFields = InferSchemaType<typeof stripeEventSchema>;
export type StripeEventDoc = HydratedDocument<StripeEventFields>;
export const StripeEvent = model('StripeEvent', stripeEventSchema);
