import { Schema, model, type HydratedDocument, type InferSchemaType, type Types } from 'mongoose';
import { statusChangeSchema } from './history';

export const PLEDGE_APPLICATION_STATUSES = [
  'SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'REGISTERED', 'RELEASED',
] as const;
export const VALUATION_METHODS = ['INCOME', 'COST', 'MARKET'] as const;

const valuationSchema = new Schema(
  {
    amount: { type: Number, required: true }, // fen
    method: { type: String, enum: VALUATION_METHODS, required: true },
    valuedOn: { type: String, required: true }, // YYYY-MM-DD
    appraiser: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
  },
  { _id: false },
);

/** The named appraiser's confirmed report (issue 16, point 5): set once, by one conditional update. */
const assetValueSchema = new Schema(
  {
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', required: true },
    value: { type: Number, required: true }, // fen
  },
  { _id: false },
);
const valuationReportSchema = new Schema(
  {
    reportNumber: { type: String, required: true },
    method: { type: String, enum: VALUATION_METHODS, required: true },
    valuedOn: { type: String, required: true }, // YYYY-MM-DD
    values: { type: [assetValueSchema], required: true }, // one per asset of the application, in its order
    total: { type: Number, required: true }, // fen: the sum of the values
    appraiser: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    confirmedAt: { type: Date, required: true },
    confirmedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { _id: false },
);

/** An asset owner's application to a bank for an IP-pledge loan. Status changes via services/workflow. */
const pledgeApplicationSchema = new Schema(
  {
    applicant: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    bank: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the product's bank
    product: { type: Schema.Types.ObjectId, ref: 'LoanProduct', required: true },
    assets: { type: [Schema.Types.ObjectId], ref: 'IpAsset', required: true }, // sorted, distinct
    requestedAmount: { type: Number, required: true }, // fen
    approvedAmount: { type: Number, default: null }, // fen, set on APPROVE
    termMonths: { type: Number, required: true },
    valuation: { type: valuationSchema, default: null },
    insurancePolicy: { type: Schema.Types.ObjectId, ref: 'InsurancePolicy', default: null },
    appraiser: { type: Schema.Types.ObjectId, ref: 'Organization', default: null }, // a verified APPRAISER named by the applicant
    valuationReport: { type: valuationReportSchema, default: null },
    status: { type: String, enum: PLEDGE_APPLICATION_STATUSES, required: true, default: 'SUBMITTED' },
    registration: { type: Schema.Types.ObjectId, ref: 'PledgeRegistration', default: null }, // set on REGISTERED
    history: { type: [statusChangeSchema], default: [] },
    demoKey: { type: String, default: null }, // natural key of a demo application (idempotent seed)
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
pledgeApplicationSchema.index({ bank: 1, _id: -1 });
pledgeApplicationSchema.index({ applicant: 1, _id: -1 });
pledgeApplicationSchema.index({ assets: 1 });
pledgeApplicationSchema.index({ appraiser: 1, _id: -1 });
pledgeApplicationSchema.index({ demoKey: 1 });

export interface ValuationFields {
  amount: number;
  method: (typeof VALUATION_METHODS)[number];
  valuedOn: string;
  appraiser?: Types.ObjectId | null;
}
export type PledgeApplicationFields = InferSchemaType<typeof pledgeApplicationSchema>;
export type PledgeApplicationDoc = HydratedDocument<PledgeApplicationFields>;
export const PledgeApplication = model('PledgeApplication', pledgeApplicationSchema);
