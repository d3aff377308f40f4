import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { statusChangeSchema } from './history';

export const LOAN_STATUSES = ['CONTRACTED', 'CURRENT', 'OVERDUE', 'DEFAULTED', 'SETTLED'] as const;
export const REPAYMENT_METHODS = ['EQUAL_INSTALMENTS', 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY', 'CUSTOM'] as const;

const customInstalmentSchema = new Schema(
  { dueOn: { type: String, required: true }, principal: { type: Number, required: true } },
  { _id: false },
);

const instalmentSchema = new Schema(
  {
    number: { type: Number, required: true },
    dueOn: { type: String, required: true },
    days: { type: Number, required: true },
    principal: { type: Number, required: true }, // fen
    interest: { type: Number, required: true }, // fen
    total: { type: Number, required: true }, // fen
    outstandingAfter: { type: Number, required: true }, // fen
  },
  { _id: false },
);

/** One repayment as the bank recorded it; append-only. */
const repaymentSchema = new Schema(
  {
    paidOn: { type: String, required: true },
    amount: { type: Number, required: true }, // fen
    reference: { type: String, default: null }, // the bank's transaction reference, unique per loan when given
    recordedAt: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { _id: false },
);

/** Proceeds of enforcing the pledge (质权实现) applied to a defaulted loan's loss; append-only, one per reference. */
const recoverySchema = new Schema(
  {
    receivedOn: { type: String, required: true },
    amount: { type: Number, required: true }, // fen, applied to the loss (capped at what remains of it)
    reference: { type: String, required: true }, // 'deal:<id>' for an enforcement deal; the bank's reference otherwise
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', default: null },
    surplus: { type: Number, default: 0 }, // fen of a deal's price above what remained of the loss (the holder's)
    recordedAt: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { _id: false },
);

export type RecoveryFields = InferSchemaType<typeof recoverySchema>;

/**
 * A pledge loan (质押贷款) after approval: the contract, the disbursement with its schedule, the
 * repayments. One per application: its _id is the application's _id. Status changes via services/workflow (services/financing/loanMachine.ts).
 */
const loanSchema = new Schema(
  {
    application: { type: Schema.Types.ObjectId, ref: 'PledgeApplication', required: true, unique: true },
    bank: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    borrower: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    product: { type: Schema.Types.ObjectId, ref: 'LoanProduct', required: true },
    contractNumber: { type: String, required: true, maxlength: 64 },
    principal: { type: Number, required: true }, // fen
    annualRateBps: { type: Number, required: true },
    termMonths: { type: Number, required: true },
    repaymentMethod: { type: String, enum: REPAYMENT_METHODS, required: true },
    customSchedule: { type: [customInstalmentSchema], default: [] },
    signedOn: { type: String, required: true },
    disbursedOn: { type: String, default: null },
    disbursedAmount: { type: Number, default: null }, // fen
    maturityOn: { type: String, default: null },
    schedule: { type: [instalmentSchema], default: [] },
    scheduledTotal: { type: Number, default: 0 }, // fen: principal + interest of the whole schedule
    repayments: { type: [repaymentSchema], default: [] },
    repaidTotal: { type: Number, default: 0 }, // fen, $inc with each $push of a repayment
    status: { type: String, enum: LOAN_STATUSES, required: true, default: 'CONTRACTED' },
    settledOn: { type: String, default: null },
    defaultedOn: { type: String, default: null },
    defaultReason: { type: String, default: null },
    history: { type: [statusChangeSchema], default: [] },
    // Facts of the contract for the city's scheme (issue 16, point 7).
    borrowerCounty: { type: String, default: null },
    industries: { type: [String], default: [] }, // of the pledged rights
    insured: { type: Boolean, default: false }, // a guarantee policy backs the application
    lossAtDefault: { type: Number, default: null }, // fen: principal disbursed and not repaid, set by defaultLoan
    recoveries: { type: [recoverySchema], default: [] },
    recoveredAmount: { type: Number, default: 0 }, // fen, $inc with each $push of a recovery; <= lossAtDefault
    // The financing summary's figures (services/financing/summaryFigures.ts): moves that change them $inc
    // summaryMoves in their own update; summaryCounted is what the figures hold for this loan, and
    // summaryPending the delta being applied (docs/financing.md, "financingSummary from kept figures").
    summaryMoves: { type: Number, default: 0 },
    summaryCounted: { type: Schema.Types.Mixed, default: null }, // { moves, figures: {key: {field: n}} }
    summaryPending: { type: Schema.Types.Mixed, default: null }, // { token, moves, figures, delta }
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
);
loanSchema.index({ bank: 1, contractNumber: 1 }, { unique: true });
loanSchema.index({ bank: 1, _id: -1 });
loanSchema.index({ borrower: 1, _id: -1 });
loanSchema.index({ status: 1 });

export type LoanFields = InferSchemaType<typeof loanSchema>;
export type LoanDoc = HydratedDocument<LoanFields>;
export const Loan = model('Loan', loanSchema);
