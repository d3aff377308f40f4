import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * Shared stamps (services/sharedStamp.ts), one document per cached domain: "listings" changes after
 * every write to a listing (services/listings/searchSnapshot.ts), and
 * one document (_id "indicators") whose `stamp` changes after every write to the indicator figures
 * (ledger, official statistics, populations). Each API process caches those small collections and
 * re-reads them only when the stamp it sees has changed (services/indicators/store.ts).
 */
const indicatorStampSchema = new Schema(
  {
    _id: { type: String, required: true },
    stamp: { type: String, required: true },
  },
  { timestamps: true },
);

export type IndicatorStampDoc = HydratedDocument<InferSchemaType<typeof indicatorStampSchema>>;
export const IndicatorStamp = model('IndicatorStamp', indicatorStampSchema);
