import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES } from './enums';

/**
 * Per-(indicator, year, county) figures kept up to date by the writes that change them, so
 * planIndicators never scans whole collections. For flow indicators (pledge amount registered in a
 * year) `amount` is that year's total; for stock indicators (valid patents at year end) it is the
 * change during that year, and the value at the end of year Y is the sum over years <= Y.
 * county "CITY" is not used: the city figure is the sum over counties.
 */
const indicatorDeltaSchema = new Schema(
  {
    code: { type: String, required: true },
    year: { type: Number, required: true },
    county: { type: String, enum: COUNTIES, required: true },
    amount: { type: Number, required: true, default: 0 }, // integer: fen or a count
  },
  { timestamps: true },
);
indicatorDeltaSchema.index({ code: 1, county: 1, year: 1 }, { unique: true });

export type IndicatorDeltaDoc = HydratedDocument<InferSchemaType<typeof indicatorDeltaSchema>>;
export const IndicatorDelta = model('IndicatorDelta', indicatorDeltaSchema);
