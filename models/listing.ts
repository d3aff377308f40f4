import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES, ORG_KINDS } from './enums';
import { statusChangeSchema } from './history';
import { INDUSTRIES, IP_KINDS } from './ipAsset';
import { LICENSE_TYPES } from './license';

// OPEN_LICENSE: 专利开放许可 (Patent Law arts. 50-52): a fixed published fee, non-exclusive, anyone may take it.
export const DEAL_TYPES = ['LICENSE', 'TRANSFER', 'PLEDGE', 'OPEN_LICENSE'] as const;
export type DealType = (typeof DEAL_TYPES)[number];
export const LISTING_STATUSES = ['DRAFT', 'PUBLISHED', 'UNDER_NEGOTIATION', 'CLOSED', 'WITHDRAWN'] as const;

/** Who enforces the pledge: the pledgee bank, for the defaulted loan secured by the registration. */
export const enforcementSchema = new Schema(
  {
    loan: { type: Schema.Types.ObjectId, ref: 'Loan', required: true },
    bank: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    registration: { type: Schema.Types.ObjectId, ref: 'PledgeRegistration', required: true },
  },
  { _id: false },
);

export type EnforcementFields = InferSchemaType<typeof enforcementSchema>;

const listingSchema = new Schema(
  {
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', required: true },
    holder: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    modes: { type: [String], enum: DEAL_TYPES, required: true },
    licenseTypes: { type: [String], enum: LICENSE_TYPES, default: [] },
    askingPrice: { type: Number, default: null }, // fen
    negotiable: { type: Boolean, default: true },
    description: { type: String, default: null, maxlength: 5000 },
    // OPEN_LICENSE: the published terms (services/listings/openLicenceTerms.ts); null = one fee for the remaining life.
    openLicence: {
      type: new Schema({ feeBasis: { type: String, enum: ['ONE_OFF', 'PER_YEAR'], required: true }, periodMonths: { type: Number, required: true } }, { _id: false }),
      default: null,
    },
    status: { type: String, enum: LISTING_STATUSES, required: true, default: 'DRAFT' },
    publishedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
    // Denormalized from the asset and holder for filtering without joins; refreshed when they change.
    assetKind: { type: String, enum: IP_KINDS, required: true },
    industries: { type: [String], enum: INDUSTRIES, default: [] },
    classes: { type: [String], default: [] },
    county: { type: String, enum: COUNTIES, required: true },
    holderKind: { type: String, enum: ORG_KINDS, required: true },
    holderName: { type: String, default: null }, // denormalize.ts holderNameKey (the holderName filter)
    highValueFrom: { type: String, default: null }, // high-value when < today (denormalize.ts highValueFrom)
    expiresOn: { type: String, default: null },
    // The modes the asset can be dealt in now (no transfer, pledge or open licence while pledged or unverified).
    availableModes: { type: [String], default: undefined }, // values of DEAL_TYPES
    // Normalized title | abstract | description | number | classes (services/listings/searchText.ts).
    // One string, not an array of terms: FerretDB 1.x decodes every scanned document, and array
    // elements cost several times more than the characters of a string (docs/listings.md).
    searchText: { type: String, default: '' },
    // Enforcement of a pledge (质权实现, issue 16 point 2): the pledgee bank lists the right for TRANSFER acting
    // for the holder (still the seller of record) after the loan defaulted; the bank, not the holder, manages it.
    enforcement: { type: enforcementSchema, default: null },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
listingSchema.index({ status: 1, publishedAt: -1, _id: -1 });
listingSchema.index({ status: 1, askingPrice: 1, _id: -1 });
listingSchema.index({ holder: 1, status: 1 });
listingSchema.index({ asset: 1, status: 1 });

export type ListingFields = InferSchemaType<typeof listingSchema>;
export type ListingDoc = HydratedDocument<ListingFields>;
export const Listing = model('Listing', listingSchema);
