import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { statusChangeSchema } from './history';

export const CLAIM_STATUSES = ['FILED', 'PAID'] as const;

/**
 * A bank's claim under a pledge-financing guarantee policy after the loan it backs DEFAULTED
 * (services/insurance/claims.ts). One per policy (a policy backs one loan): the unique index on
 * `policy` makes a second filing a CONFLICT, race-safe.
 */
const insuranceClaimSchema = new Schema(
  {
    policy: { type: Schema.Types.ObjectId, ref: 'InsurancePolicy', required: true, unique: true },
    loan: { type: Schema.Types.ObjectId, ref: 'Loan', required: true },
    bank: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the beneficiary
    insurer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    loss: { type: Number, required: true }, // fen: the loan's loss at default
    amount: { type: Number, required: true }, // fen: the insurer's share (docs/financing.md)
    basis: { type: String, enum: ['SCHEME', 'POLICY_SHARE'], required: true },
    status: { type: String, enum: CLAIM_STATUSES, required: true, default: 'FILED' },
    paymentReference: { type: String, default: null },
    paidOn: { type: String, default: null },
    history: { type: [statusChangeSchema], default: [] },
  },
  { timestamps: true },
);
insuranceClaimSchema.index({ loan: 1 });
insuranceClaimSchema.index({ insurer: 1, _id: -1 });

export type InsuranceClaimFields = InferSchemaType<typeof insuranceClaimSchema>;
export type InsuranceClaimDoc = HydratedDocument<InsuranceClaimFields>;
export const InsuranceClaim = model('InsuranceClaim', insuranceClaimSchema);
