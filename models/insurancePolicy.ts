import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { INSURANCE_TYPES } from './insuranceProduct';

export const POLICY_STATUSES = ['ACTIVE', 'EXPIRED', 'CANCELLED'] as const;
export const PREMIUM_STATUSES = ['UNPAID', 'PAID'] as const;
export type PremiumStatus = (typeof PREMIUM_STATUSES)[number];

/** A premium paid by bank transfer: recorded by the holder, confirmed by the insurer. */
const premiumTransferSchema = new Schema(
  {
    reference: { type: String, required: true },
    amount: { type: Number, required: true }, // fen, the whole premium
    paidOn: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    confirmedAt: { type: Date, default: null },
    confirmedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { _id: false },
);

/** A bound insurance policy. Numbers HG-IP-YYYY-NNNNNN are unique; one policy per quote. */
const insurancePolicySchema = new Schema(
  {
    policyNumber: { type: String, required: true, unique: true },
    quote: { type: Schema.Types.ObjectId, ref: 'InsuranceQuote', required: true, unique: true },
    product: { type: Schema.Types.ObjectId, ref: 'InsuranceProduct', required: true },
    type: { type: String, enum: INSURANCE_TYPES, required: true }, // the product's, for filtering
    insurer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    holder: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    assets: { type: [Schema.Types.ObjectId], ref: 'IpAsset', required: true },
    coverage: { type: Number, required: true }, // fen
    premium: { type: Number, required: true }, // fen
    startsOn: { type: String, required: true }, // YYYY-MM-DD, cover from 00:00 of this day
    endsOn: { type: String, required: true }, // cover until 00:00 of this day (startsOn + 1 year)
    status: { type: String, enum: POLICY_STATUSES, required: true, default: 'ACTIVE' }, // as stored; EXPIRED is derived
    // Pledge-financing guarantee cover (issue 16, point 6; services/insurance/guaranteeCover.ts).
    beneficiaryBank: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    coverageShareBps: { type: Number, default: null },
    // The premium: UNPAID until paid by Stripe or a confirmed bank transfer; null for types whose premium the platform does not collect.
    premiumStatus: { type: String, enum: PREMIUM_STATUSES, default: null },
    premiumPaidVia: { type: String, enum: ['STRIPE', 'BANK_TRANSFER'], default: null },
    premiumPaidAt: { type: Date, default: null },
    premiumIntentId: { type: String, default: null }, // the Stripe PaymentIntent of the premium
    premiumTransfer: { type: premiumTransferSchema, default: null }, // the holder's recorded bank transfer
    backsApplication: { type: Schema.Types.ObjectId, ref: 'PledgeApplication', default: null }, // claimed with {backsApplication: null}: one loan only
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
insurancePolicySchema.index({ holder: 1, _id: -1 });
insurancePolicySchema.index({ insurer: 1, _id: -1 });
insurancePolicySchema.index({ insurer: 1, assets: 1 });
insurancePolicySchema.index({ premiumIntentId: 1 });

export type InsurancePolicyFields = InferSchemaType<typeof insurancePolicySchema>;
export type InsurancePolicyDoc = HydratedDocument<InsurancePolicyFields>;
export const InsurancePolicy = model('InsurancePolicy', insurancePolicySchema);
