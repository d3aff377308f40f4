import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { IP_KINDS } from './ipAsset';

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
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
loanProductSchema.index({ active: 1, acceptedKinds: 1 });
loanProductSchema.index({ bank: 1, name: 1 });

export type LoanProductFields = InferSchemaType<typeof loanProductSchema>;
export type LoanProductDoc = HydratedDocument<LoanProductFields>;
export const LoanProduct = model('LoanProduct', loanProductSchema);
