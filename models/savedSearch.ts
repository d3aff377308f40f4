import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * A user's saved listing search (issue 18 point 3): a name and a ListingFilter as the user gave it
 * (validated when saved; compiled again at every match, so expiry and remaining years follow today).
 */
const savedSearchSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the user's, when saved
    name: { type: String, required: true, maxlength: 100 },
    filter: { type: Schema.Types.Mixed, required: true }, // services/listings/search.ts ListingFilterInput (fen for maxPrice)
  },
  { timestamps: true, minimize: false },
);
savedSearchSchema.index({ user: 1, createdAt: -1 });

/** One saved search matched one published listing: the user was told (or is being told) once. */
const savedSearchMatchSchema = new Schema(
  {
    savedSearch: { type: Schema.Types.ObjectId, ref: 'SavedSearch', required: true },
    listing: { type: Schema.Types.ObjectId, ref: 'Listing', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    at: { type: Date, required: true },
  },
  { timestamps: false },
);
savedSearchMatchSchema.index({ savedSearch: 1, listing: 1 }, { unique: true });

/**
 * The alert outbox: written by publishListing before the listing becomes PUBLISHED (so a crash
 * between the two leaves a job, never a publication without one), deleted by the alert pass once
 * the listing has been matched against every saved search (services/savedSearches/alerts.ts).
 */
const listingAlertJobSchema = new Schema(
  {
    listing: { type: Schema.Types.ObjectId, ref: 'Listing', required: true },
    createdAt: { type: Date, required: true },
  },
  { timestamps: false },
);

export type SavedSearchFields = InferSchemaType<typeof savedSearchSchema>;
export type SavedSearchDoc = HydratedDocument<SavedSearchFields>;
export const SavedSearch = model('SavedSearch', savedSearchSchema);
export const SavedSearchMatch = model('SavedSearchMatch', savedSearchMatchSchema);
export const ListingAlertJob = model('ListingAlertJob', listingAlertJobSchema);
