import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { IP_KINDS } from './ipAsset';

/** What a product accepts (issue 16, point 4); an unset rule does not apply. */
const eligibilitySchema = new Schema(
  {
    minRemainingYears: { type: [new Schema({ kind: { type: String, enum: IP_KINDS, required: true }, years: { type: Number, required: true } }, { _id: false })], default: [] },
    annualFeesPaidUp: { type: Boolean, default: false },
    verifiedOnly: { type: Boolean, default: false },
    insuranceRequired: { type: Boolean, default: false },
    maxLoanToValue: { type: Number, default: null }, // a hard limit at application time (maxLoanToValue above is the due-diligence flag)
  },
  { _id: false },
);

/** One edit or the deactivation of a product, with the fields before and after (values as JSON text). */
const productChangeSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reason: { type: String, default: null },
    fields: { type: [new Schema({ field: String, before: String, after: String }, { _id: false })], default: [] },
  },
  { _id: false },
);

/** An IP-pledge loan product (知识产权质押贷款产品) published by a verified bank. */
const loanProductSchema = new Schema(
  {
    bank: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    name: { type: String, required: true, maxlength: 200 },
    maxAmount: { type: Number, required: true }, // fen
    maxLoanToValue: { type: Number, required: true }, // (0, 1]: loan at most this share of the valuation
    maxTermMonths: { type: Number, required: true },
    annualRatePercent: { type: Number, required: true },
    acceptedKinds: { type: [String], enum: IP_KINDS, required: true },
    active: { type: Boolean, required: true, default: true },
    daysPastDueBeforeDefault: { type: Number, default: null }, // null: 90 (services/financing/loanMachine.ts)
    eligibility: { type: eligibilitySchema, default: () => ({}) },
    version: { type: Number, default: 0 }, // +1 with every edit: the condition of the next one
    history: { type: [productChangeSchema], default: [] },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
loanProductSchema.index({ active: 1, acceptedKinds: 1 });
loanProductSchema.index({ bank: 1, name: 1 });

export type LoanProductFields = InferSchemaType<typeof loanProductSchema>;
export type LoanProductDoc = HydratedDocument<LoanProductFields>;
export const LoanProduct = model('LoanProduct', loanProductSchema);
