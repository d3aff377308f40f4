import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { INSURANCE_TYPES } from './insuranceProduct';

export const POLICY_STATUSES = ['ACTIVE', 'EXPIRED', 'CANCELLED'] as const;

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
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
insurancePolicySchema.index({ holder: 1, _id: -1 });
insurancePolicySchema.index({ insurer: 1, _id: -1 });
insurancePolicySchema.index({ insurer: 1, assets: 1 });

export type InsurancePolicyFields = InferSchemaType<typeof insurancePolicySchema>;
export type InsurancePolicyDoc = HydratedDocument<InsurancePolicyFields>;
export const InsurancePolicy = model('InsurancePolicy', insurancePolicySchema);
