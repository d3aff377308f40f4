import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { statusChangeSchema } from './history';

export const LOAN_ALERT_CAUSES = [
  'PROTECTION_ENDING', 'ANNUAL_FEE_OVERDUE', 'RESTRICTION_RECORDED', 'RIGHT_INVALIDATED', 'RIGHT_LAPSED',
  'TRANSFER_OR_LICENCE_ATTEMPTED', 'VALUATION_STALE', 'REPAYMENT_OVERDUE',
] as const;
export const LOAN_ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED'] as const;

/**
 * A post-loan monitoring alert (贷后预警) raised by the daily job on a bank's loan. `key` names the
 * fact (loan, cause, asset and the fact's own date or id), unique: the job raising it again - the
 * next day, a second process, a re-run by hand - finds it there and adds nothing.
 */
const loanAlertSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    bank: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    loan: { type: Schema.Types.ObjectId, ref: 'Loan', required: true },
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', default: null },
    cause: { type: String, enum: LOAN_ALERT_CAUSES, required: true },
    detail: { type: String, required: true },
    raisedOn: { type: String, required: true }, // the job's day
    status: { type: String, enum: LOAN_ALERT_STATUSES, required: true, default: 'OPEN' },
    note: { type: String, default: null }, // the bank's note when acknowledging
    history: { type: [statusChangeSchema], default: [] },
  },
  { timestamps: true },
);
loanAlertSchema.index({ bank: 1, status: 1, _id: -1 });

export type LoanAlertDoc = HydratedDocument<InferSchemaType<typeof loanAlertSchema>>;
export const LoanAlert = model('LoanAlert', loanAlertSchema);
