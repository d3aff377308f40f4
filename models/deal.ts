import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { statusChangeSchema } from './history';
import { LICENSE_TYPES } from './license';
import { instalmentSchema, scheduleSchema } from './instalment';
import { enforcementSchema } from './listing';

export const DEAL_KINDS = ['LICENSE', 'TRANSFER'] as const; // the DealType values a deal can have (PLEDGE is financing)
export const DEAL_STATUSES = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED', 'REFUND_PENDING', 'CANCELLED'] as const;

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

/** A bank transfer (对公转账) the buyer says it made; only CONFIRMED ones count as paid. */
const bankTransferSchema = new Schema(
  {
    reference: { type: String, required: true }, // the bank's transaction reference (流水号)
    amount: { type: Number, required: true }, // fen
    paidOn: { type: String, required: true }, // YYYY-MM-DD, the value date the buyer gives
    status: { type: String, enum: ['RECORDED', 'CONFIRMED', 'DISPUTED'], required: true, default: 'RECORDED' },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    decidedAt: { type: Date, default: null }, // when the seller confirmed or disputed it
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    disputeReason: { type: String, default: null, maxlength: 500 },
  },
  { _id: true },
);

/** CNIPA recordal of a transfer (著录项目变更): recorded by one party, confirmed by the other. */
const recordalSchema = new Schema(
  {
    noticeNumber: { type: String, required: true },
    recordedOn: { type: String, required: true }, // YYYY-MM-DD, the date CNIPA recorded the change
    recordedBy: { type: String, enum: ['BUYER', 'SELLER'], required: true },
    recordedByUser: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    recordedAt: { type: Date, required: true },
    status: { type: String, enum: ['RECORDED', 'CONFIRMED'], required: true },
    confirmedBy: { type: String, enum: ['BUYER', 'SELLER', null], default: null },
    confirmedByUser: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    confirmedAt: { type: Date, default: null },
  },
  { _id: false },
);

/** CNIPA filing (备案) of a licence contract, recorded by the licensor. */
const filingSchema = new Schema(
  {
    filingNumber: { type: String, required: true },
    filedOn: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    recordedByUser: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { _id: false },
);

/** The refund of a PAID deal being cancelled: a Stripe Refund, or a bank transfer back to the buyer. */
const refundSchema = new Schema(
  {
    method: { type: String, enum: ['STRIPE', 'BANK_TRANSFER'], required: true },
    amount: { type: Number, required: true }, // fen: everything that was paid
    // AWAITING_SELLER (bank: the seller has not recorded its transfer back yet), RECORDED (bank:
    // awaiting the buyer's confirmation), REQUESTED (Stripe: awaiting charge.refunded), REFUNDED.
    status: { type: String, enum: ['AWAITING_SELLER', 'RECORDED', 'REQUESTED', 'REFUNDED'], required: true },
    requestedAt: { type: Date, required: true },
    requestedBy: { type: String, enum: ['BUYER', 'SELLER'], required: true },
    stripeRefundId: { type: String, default: null },
    reference: { type: String, default: null }, // bank: the seller's transfer back
    paidOn: { type: String, default: null },
    refundedAt: { type: Date, default: null },
    refundedByEvent: { type: String, default: null }, // Stripe: the charge.refunded event applied
  },
  { _id: false },
);

/** A Stripe dispute (chargeback) of the deal's payment: a flag for both parties and the REGULATOR. */
const disputeSchema = new Schema(
  {
    disputeId: { type: String, required: true },
    reason: { type: String, default: null },
    amount: { type: Number, required: true },
    openedAt: { type: Date, required: true },
    event: { type: String, required: true },
  },
  { _id: false },
);

/** An objection to a public notice: anybody may file one during the notice; the seller answers it. */
const objectionSchema = new Schema(
  {
    by: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    byUser: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reason: { type: String, required: true, maxlength: 1000 },
    filedAt: { type: Date, required: true },
    answer: { type: String, default: null, maxlength: 1000 },
    answeredAt: { type: Date, default: null },
  },
  { _id: true },
);

/** The public notice (公示) of a public institution's negotiated deal: 15 days before it can be paid. */
const publicNoticeSchema = new Schema(
  {
    startsOn: { type: String, required: true }, // YYYY-MM-DD, the day the seller accepted
    endsOn: { type: String, required: true }, // the first day the deal may be paid (startsOn + 15 days)
    objections: { type: [objectionSchema], default: [] },
  },
  { _id: true },
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
    // On an enforcement listing (质权实现): the pledgee bank acts as the seller; the holder stays the seller of record.
    enforcement: { type: enforcementSchema, default: null },
    price: { type: Number, required: true }, // fen
    openLicence: { type: Boolean, default: false }, // taken under a 专利开放许可: terms fixed by the listing, the patentee cannot cancel
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
    paidOn: { type: String, default: null }, // YYYY-MM-DD payment date: Stripe success day, or the last confirmed bank transfer's value date
    // How the buyer settles: null until the first payment step, then STRIPE (payDeal) or
    // BANK_TRANSFER (recordBankTransfer). bankVersion counts changes to bankTransfers (the
    // condition of the conditional update that changes them).
    settlement: { type: String, enum: ['STRIPE', 'BANK_TRANSFER', null], default: null },
    bankTransfers: { type: [bankTransferSchema], default: [] },
    bankVersion: { type: Number, required: true, default: 0 },
    recordal: { type: recordalSchema, default: null }, // TRANSFER: completes when CONFIRMED
    filing: { type: filingSchema, default: null }, // LICENSE: the contract's CNIPA filing
    filingDueOn: { type: String, default: null }, // LICENSE: licence start + 3 months (set on completion)
    refund: { type: refundSchema, default: null },
    publicNotice: { type: publicNoticeSchema, default: null },
    noticeVersion: { type: Number, required: true, default: 0 }, // changes of publicNotice.objections (the condition of the next one)
    dispute: { type: disputeSchema, default: null },
    // Completion. licenseId is chosen when the deal becomes PAID, so creating the License is
    // idempotent (its _id) when completion is resumed after a crash or a redelivered event.
    licenseId: { type: Schema.Types.ObjectId, ref: 'License', default: null },
    completedAt: { type: Date, default: null },
    problem: { type: String, default: null }, // why a PAID deal could not complete (needs an operator)
    cancelledBy: { type: String, enum: ['BUYER', 'SELLER', null], default: null },
    cancelReason: { type: String, default: null, maxlength: 500 },
    demo: { type: Boolean, default: false },
    // Payment schedule (issue 17 point 2; models/instalment.ts). Without one the price is paid at once.
    schedule: { type: scheduleSchema, default: null },
    instalments: { type: [instalmentSchema], default: [] },
    scheduleVersion: { type: Number, required: true, default: 0 }, // the condition of every instalment change
  },
  { timestamps: true },
);
dealSchema.index({ buyer: 1, _id: -1 });
dealSchema.index({ seller: 1, _id: -1 });
dealSchema.index({ listing: 1 });
dealSchema.index({ asset: 1, status: 1 });
dealSchema.index({ 'payments.intentId': 1 });
dealSchema.index({ type: 1, status: 1, filing: 1, filingDueOn: 1 });
dealSchema.index({ 'dispute.openedAt': -1 });
dealSchema.index({ 'publicNotice.endsOn': 1 });
dealSchema.index({ 'publicNotice._id': 1 });
dealSchema.index({ 'instalments.payments.intentId': 1 });

export type DealFields = InferSchemaType<typeof dealSchema>;
export type DealDoc = HydratedDocument<DealFields>;
export const Deal = model('Deal', dealSchema);
export type BankTransferDoc = DealDoc['bankTransfers'][number];
export type RecordalFields = NonNullable<DealFields['recordal']>;
export type LicenceFilingFields = NonNullable<DealFields['filing']>;
export type RefundFields = NonNullable<DealFields['refund']>;
export type DisputeFields = NonNullable<DealFields['dispute']>;
export type ObjectionDoc = NonNullable<DealDoc['publicNotice']>['objections'][number];
export type InstalmentDoc = DealDoc['instalments'][number];
