// Payment schedules (issue 17, point 2): a deal's price as an upfront part and milestones, plus
// running royalties for licences. Instalments are embedded in the deal document, so every change
// is one conditional single-document update (on Deal.scheduleVersion); docs/deals.md.
import { Schema } from 'mongoose';
import { statusChangeSchema } from './history';

export const INSTALMENT_KINDS = ['MILESTONE', 'ROYALTY'] as const;
export const INSTALMENT_STATUSES = ['NOT_REACHED', 'DUE', 'PAYMENT_PENDING', 'PAID'] as const;
export const ROYALTY_PERIODS = ['QUARTERLY', 'ANNUAL'] as const;

/** The terms of a schedule: the upfront part (paid as the deal itself is) and the royalty terms. */
export const scheduleSchema = new Schema(
  {
    upfront: { type: Number, required: true }, // fen; upfront + the milestones = the deal's price
    royalty: {
      type: new Schema(
        {
          rateBps: { type: Number, required: true }, // basis points of reported net sales, 1..10000
          period: { type: String, enum: ROYALTY_PERIODS, required: true },
          minimumAnnual: { type: Number, default: null }, // fen per complete licence year, or null
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { _id: false },
);

const attemptSchema = new Schema(
  {
    attempt: { type: Number, required: true },
    intentId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    outcome: { type: String, enum: ['PENDING', 'FAILED', 'SUCCEEDED', 'CANCELLED'], default: 'PENDING' },
  },
  { _id: false },
);

const instalmentTransferSchema = new Schema(
  {
    reference: { type: String, required: true },
    amount: { type: Number, required: true },
    paidOn: { type: String, required: true },
    status: { type: String, enum: ['RECORDED', 'CONFIRMED', 'DISPUTED'], required: true },
    recordedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    disputeReason: { type: String, default: null },
  },
  { _id: true },
);

/** The licensee's royalty report behind a ROYALTY instalment. */
const royaltyReportSchema = new Schema(
  {
    period: { type: Number, required: true }, // 1, 2, ... counted from the licence start
    periodStartsOn: { type: String, required: true },
    periodEndsOn: { type: String, required: true }, // exclusive, like a licence's endsOn
    netSales: { type: Number, required: true }, // fen
    royalty: { type: Number, required: true }, // fen: netSales x rateBps / 10000, half up
    minimumTopUp: { type: Number, required: true, default: 0 }, // fen: the minimum annual royalty's top-up
    filedAt: { type: Date, required: true },
  },
  { _id: false },
);

export const instalmentSchema = new Schema(
  {
    kind: { type: String, enum: INSTALMENT_KINDS, required: true },
    description: { type: String, required: true },
    amount: { type: Number, required: true }, // fen
    dueOn: { type: String, required: true }, // YYYY-MM-DD; OVERDUE is computed from it at read time
    status: { type: String, enum: INSTALMENT_STATUSES, required: true },
    reachedOn: { type: String, default: null }, // MILESTONE: the day the seller marked it reached
    royaltyReport: { type: royaltyReportSchema, default: null },
    settlement: { type: String, enum: ['STRIPE', 'BANK_TRANSFER', null], default: null },
    paymentAttempts: { type: Number, required: true, default: 0 },
    payments: { type: [attemptSchema], default: [] },
    paymentIntentId: { type: String, default: null },
    bankTransfer: { type: instalmentTransferSchema, default: null },
    paidOn: { type: String, default: null },
    paidByEvent: { type: String, default: null },
    history: { type: [statusChangeSchema], default: [] },
  },
  { _id: true },
);
