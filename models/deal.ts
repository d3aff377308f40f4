import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { statusChangeSchema } from './history';
import { LICENSE_TYPES } from './license';

export const DEAL_KINDS = ['LICENSE', 'TRANSFER'] as const; // the DealType values a deal can have (PLEDGE is financing)
export const DEAL_STATUSES = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED', 'CANCELLED'] as const;

/** One Stripe PaymentIntent created for the deal (one per payDeal attempt). */
const paymentAttemptSchema = new Schema(
  {
    attempt: { type: Number, required: true }, // 1, 2, ...: part of the idempotency key deal-<id>-v<attempt>
    intentId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    outcome: { type: String, enum: ['PENDING', 'FAILED', 'SUCCEEDED', 'CANCELLED'], default: 'PENDING' },
  },
  { _id: false },
);

/** A licence or transfer of a listed asset, from proposal to completion, paid through Stripe. */
const dealSchema = new Schema(
  {
    listing: { type: Schema.Types.ObjectId, ref: 'Listing', required: true },
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', required: true },
    type: { type: String, enum: DEAL_KINDS, required: true },
    licenseType: { type: String, enum: [...LICENSE_TYPES, null], default: null },
    termMonths: { type: Number, default: null }, // LICENSE only, 1..600
    buyer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    seller: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the listing holder when proposed
    price: { type: Number, required: true }, // fen
    status: { type: String, enum: DEAL_STATUSES, required: true, default: 'PROPOSED' },
    history: { type: [statusChangeSchema], default: [] },
    // Payments. paymentAttempts is the number of PaymentIntents created (the condition of the
    // conditional update that records a new one); paymentIntentId is the current one while
    // PAYMENT_PENDING, and the one that paid once PAID/COMPLETED.
    paymentAttempts: { type: Number, required: true, default: 0 },
    payments: { type: [paymentAttemptSchema], default: [] },
    paymentIntentId: { type: String, default: null },
    paidAt: { type: Date, default: null },
    paidByEvent: { type: String, default: null }, // the Stripe event id that moved it to PAID
    // Completion. licenseId is chosen when the deal becomes PAID, so creating the License is
    // idempotent (its _id) when completion is resumed after a crash or a redelivered event.
    licenseId: { type: Schema.Types.ObjectId, ref: 'License', default: null },
    completedAt: { type: Date, default: null },
    problem: { type: String, default: null }, // why a PAID deal could not complete (needs an operator)
    cancelledBy: { type: String, enum: ['BUYER', 'SELLER', null], default: null },
    cancelReason: { type: String, default: null, maxlength: 500 },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
dealSchema.index({ buyer: 1, _id: -1 });
dealSchema.index({ seller: 1, _id: -1 });
dealSchema.index({ listing: 1 });
dealSchema.index({ asset: 1, status: 1 });
dealSchema.index({ 'payments.intentId': 1 });

export type DealFields = InferSchemaType<typeof dealSchema>;
export type DealDoc = HydratedDocument<DealFields>;
export const Deal = model('Deal', dealSchema);
