import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const UNDERWRITING_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED'] as const;
export type UnderwritingStatus = (typeof UNDERWRITING_STATUSES)[number];

/** A premium quoted to an asset holder; bound at most once (policy set with {policy: null} as the condition). */
const insuranceQuoteSchema = new Schema(
  {
    product: { type: Schema.Types.ObjectId, ref: 'InsuranceProduct', required: true },
    insurer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    requester: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the future policyholder
    requestedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    assets: { type: [Schema.Types.ObjectId], ref: 'IpAsset', required: true },
    coverage: { type: Number, required: true }, // fen
    premium: { type: Number, required: true }, // fen
    validUntil: { type: Date, required: true },
    policy: { type: Schema.Types.ObjectId, ref: 'InsurancePolicy', default: null },
    // Pledge-financing guarantee cover (issue 16, point 6): the bank it backs a loan of, the share of
    // the loan it covers, and the insurer's underwriting (null for the types bound without it).
    beneficiaryBank: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    coverageShareBps: { type: Number, default: null }, // 1..10000 of the approved amount
    underwriting: { type: String, enum: UNDERWRITING_STATUSES, default: null },
    underwritingReason: { type: String, default: null },
    underwrittenAt: { type: Date, default: null },
    underwrittenBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
insuranceQuoteSchema.index({ requester: 1, _id: -1 });
insuranceQuoteSchema.index({ insurer: 1, assets: 1 });
insuranceQuoteSchema.index({ insurer: 1, _id: -1 }); // myInsuranceQuotes of an insurer

export type InsuranceQuoteFields = InferSchemaType<typeof insuranceQuoteSchema>;
export type InsuranceQuoteDoc = HydratedDocument<InsuranceQuoteFields>;
export const InsuranceQuote = model('InsuranceQuote', insuranceQuoteSchema);
