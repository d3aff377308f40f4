import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * A maintenance run in progress (one document per kind of run, e.g. _id "indicator-rebuild"):
 * written before the run rewrites anything and deleted when it has finished. One left behind means
 * the run was interrupted; the repair pass (services/repair) runs it again (docs/recovery.md).
 */
const runMarkerSchema = new Schema(
  {
    _id: { type: String, required: true },
    startedAt: { type: Date, required: true },
    pid: { type: Number, required: true },
  },
  { versionKey: false },
);

export type RunMarkerDoc = HydratedDocument<InferSchemaType<typeof runMarkerSchema>>;
export const RunMarker = model('RunMarker', runMarkerSchema);
