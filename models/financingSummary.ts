import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * The financing summary's kept figures for one (year, county): `_id` is `<year>:<county>` (county
 * `-` for loans without one). `f` holds integer figures added up over the loans (services/financing/
 * summaryFigures.ts), changed only with $inc by summaryStore.ts; `applied` marks the loan syncs
 * (tokens) already added here, so that a sync resumed after a crash adds nothing twice.
 */
const financingSummarySchema = new Schema(
  {
    _id: { type: String, required: true },
    year: { type: Number, required: true },
    county: { type: String, default: null },
    f: { type: Schema.Types.Mixed, default: {} },
    applied: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: false, minimize: false },
);

export type FinancingSummaryFields = InferSchemaType<typeof financingSummarySchema>;
export const FinancingSummary = model('FinancingSummary', financingSummarySchema);
