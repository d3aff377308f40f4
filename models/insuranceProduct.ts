import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const INSURANCE_TYPES = ['INFRINGEMENT_LOSS', 'INFRINGEMENT_LIABILITY', 'PLEDGE_FINANCING_GUARANTEE'] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

/** An IP insurance product published by a verified insurer. */
const insuranceProductSchema = new Schema(
  {
    insurer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    type: { type: String, enum: INSURANCE_TYPES, required: true },
    name: { type: String, required: true, maxlength: 200 },
    premiumRatePercent: { type: Number, required: true }, // (0, 100], at most 4 decimals
    maxCoverage: { type: Number, required: true }, // fen, per policy
    active: { type: Boolean, required: true, default: true },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
insuranceProductSchema.index({ active: 1, type: 1 });
insuranceProductSchema.index({ insurer: 1, type: 1, name: 1 });

export type InsuranceProductFields = InferSchemaType<typeof insuranceProductSchema>;
export type InsuranceProductDoc = HydratedDocument<InsuranceProductFields>;
export const InsuranceProduct = model('InsuranceProduct', insuranceProductSchema);
