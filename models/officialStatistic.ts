import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES } from './enums';

export const OFFICIAL_STATISTIC_ORIGINS = ['PLAN_BASELINE', 'REGULATOR'] as const;

/** A figure that was in force and was replaced or withdrawn: its value, who reported it and when, who ended it and when. */
const officialStatisticPastSchema = new Schema(
  {
    value: { type: Number, required: true },
    origin: { type: String, enum: OFFICIAL_STATISTIC_ORIGINS, required: true },
    reportedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reportedAt: { type: Date, default: null },
    ended: { type: String, enum: ['REPLACED', 'WITHDRAWN'], required: true },
    endedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    endedAt: { type: Date, required: true },
    reason: { type: String, default: null },
  },
  { _id: false },
);

/**
 * An official figure for one indicator, year and area (county null = the whole city), reported by
 * the city IP office or loaded from the plan's table (the 2020 baselines). It wins over the
 * platform's own figure for that year and area. Unique per (code, year, county).
 */
const officialStatisticSchema = new Schema(
  {
    code: { type: String, required: true },
    year: { type: Number, required: true },
    county: { type: String, enum: [...COUNTIES, null], default: null },
    value: { type: Number, required: true, min: 0 },
    origin: { type: String, enum: OFFICIAL_STATISTIC_ORIGINS, required: true },
    reportedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reportedAt: { type: Date, default: null },
    withdrawn: { type: Boolean, default: false },
    history: { type: [officialStatisticPastSchema], default: [] },
  },
  { timestamps: true },
);
officialStatisticSchema.index({ code: 1, year: 1, county: 1 }, { unique: true });

export type OfficialStatisticFields = InferSchemaType<typeof officialStatisticSchema>;
export type OfficialStatisticDoc = HydratedDocument<OfficialStatisticFields>;
export const OfficialStatistic = model('OfficialStatistic', officialStatisticSchema);
