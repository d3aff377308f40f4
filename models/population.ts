import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES } from './enums';

/**
 * Resident population (常住人口) of an area in a year, set by the city IP office; the denominator
 * of 每万人口发明专利拥有量. county null = the whole city. Unique per (year, county).
 */
const populationSchema = new Schema(
  {
    year: { type: Number, required: true },
    county: { type: String, enum: [...COUNTIES, null], default: null },
    population: { type: Number, required: true, min: 1 },
    setBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
populationSchema.index({ year: 1, county: 1 }, { unique: true });

export type PopulationFields = InferSchemaType<typeof populationSchema>;
export type PopulationDoc = HydratedDocument<PopulationFields>;
export const Population = model('Population', populationSchema);
