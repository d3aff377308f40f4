import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { INDUSTRIES } from './ipAsset';

/**
 * The city's risk-sharing and interest-subsidy scheme for one year (issue 16, point 7), set by the
 * REGULATOR: the shares of a defaulted loan's loss borne by the bank, the insurer and the city's
 * risk-compensation fund (风险补偿资金池), and the share of interest the city pays back (贴息) on
 * loans secured by rights in the listed industries (all loans when none are listed). _id = year.
 */
const riskSharingSchemeSchema = new Schema(
  {
    _id: { type: Number, required: true }, // the year
    bankSharePercent: { type: Number, required: true },
    insurerSharePercent: { type: Number, required: true },
    cityFundSharePercent: { type: Number, required: true },
    interestSubsidyPercent: { type: Number, required: true },
    subsidyIndustries: { type: [String], enum: INDUSTRIES, default: [] },
    version: { type: Number, default: 0 },
    history: { type: [new Schema({ at: Date, by: Schema.Types.ObjectId, before: String, after: String }, { _id: false })], default: [] },
  },
  { timestamps: true },
);

export type RiskSharingSchemeDoc = HydratedDocument<InferSchemaType<typeof riskSharingSchemeSchema>>;
export const RiskSharingScheme = model('RiskSharingScheme', riskSharingSchemeSchema);
