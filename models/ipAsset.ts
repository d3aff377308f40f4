import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const IP_KINDS = ['INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN_PATENT', 'TRADEMARK'] as const;
export const LEGAL_STATUSES = ['PENDING', 'VALID', 'EXPIRED', 'INVALIDATED', 'LAPSED'] as const;
export const INDUSTRIES = [
  'GRAPHITE', 'NEW_MATERIALS', 'COAL_CHEMICAL', 'GREEN_FOOD', 'BIOMEDICINE', 'EQUIPMENT', 'ENERGY',
  'INFORMATION_TECHNOLOGY', 'CULTURE_TOURISM', 'OTHER',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

const ownershipChangeSchema = new Schema(
  {
    from: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    to: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    at: { type: Date, required: true },
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', default: null },
  },
  { _id: false },
);

export const ASSET_RESTRICTION_KINDS = ['OWNERSHIP_DISPUTE', 'COURT_PRESERVATION'] as const;
const restrictionSchema = new Schema(
  {
    kind: { type: String, enum: ASSET_RESTRICTION_KINDS, required: true },
    since: { type: String, required: true }, // YYYY-MM-DD
    note: { type: String, default: null, maxlength: 500 },
  },
  { _id: false },
);

export const VERIFICATION_STATUSES = ['UNVERIFIED', 'VERIFIED', 'REJECTED'] as const;
/** Whether the right matches the official register, decided by the REGULATOR or an import (issue 11). */
const verificationSchema = new Schema(
  {
    status: { type: String, enum: VERIFICATION_STATUSES, required: true, default: 'UNVERIFIED' },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    at: { type: Date, default: null },
    reason: { type: String, default: null, maxlength: 500 },
  },
  { _id: false },
);

const assetChangeSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null }, // null: an import run by a script
    kind: { type: String, required: true }, // VERIFY, REJECT, LAPSE, INVALIDATE, RESTORE, RENEW, CORRECT, IMPORT, CONFIRM_REASON, PLEDGE, RELEASE, TRANSFER
    reason: { type: String, default: null, maxlength: 2000 },
    fields: { type: Schema.Types.Mixed, default: null }, // [{ field, before, after }]
  },
  { _id: false },
);

const ipAssetSchema = new Schema(
  {
    kind: { type: String, enum: IP_KINDS, required: true },
    number: { type: String, required: true }, // normalized; one VERIFIED record per kind (verifiedRight.ts)
    title: { type: String, required: true, maxlength: 300 },
    abstract: { type: String, default: null, maxlength: 5000 },
    owner: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    filingDate: { type: String, required: true }, // YYYY-MM-DD
    grantDate: { type: String, default: null },
    legalStatus: { type: String, enum: LEGAL_STATUSES, required: true }, // as recorded; see effectiveStatus()
    expiresOn: { type: String, default: null }, // derived on every write from kind and dates
    classes: { type: [String], default: [] },
    industries: { type: [String], enum: INDUSTRIES, default: [] },
    strategicEmergingIndustry: { type: Boolean, default: false },
    foreignFamily: { type: Boolean, default: false },
    chinaPatentAward: { type: Boolean, default: false },
    highPledgeFinancing: { type: Boolean, default: false }, // set when a registration at/above the threshold secures it
    highPledgeFinancingSince: { type: String, default: null }, // YYYY-MM-DD: the earliest such registration's date (services/financing/highPledge.ts)
    // The one active pledge: claimed with {pledge: null} as the condition (DESIGN.md).
    pledge: {
      type: new Schema(
        { registration: { type: Schema.Types.ObjectId, ref: 'PledgeRegistration', required: true }, pledgee: { type: Schema.Types.ObjectId, ref: 'Organization' }, since: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
    // Facts CNIPA checks before it registers a pledge (financing domain, docs/financing.md).
    annualFeesPaidUntil: { type: String, default: null }, // patents: annual fees paid up to this date (YYYY-MM-DD)
    coOwners: { type: [String], default: [] }, // co-patentees besides the owner (names, as on the register)
    coOwnersConsentToPledge: { type: Boolean, default: false }, // their written consent to pledge, as declared
    restriction: { type: restrictionSchema, default: null }, // ownership dispute / court preservation (CNIPA 中止)
    ownershipHistory: { type: [ownershipChangeSchema], default: [] },
    verification: { type: verificationSchema, default: () => ({ status: 'UNVERIFIED' }) },
    // Legal-status events and renewals (services/assets/changes.ts, docs/trust.md).
    lapsedOn: { type: String, default: null }, // LAPSED: the right ends on this date (counts before it, not from it)
    renewals: { type: Number, default: 0 }, // trademark renewals: each adds 10 years to the term
    chinaPatentAwardYear: { type: Number, default: null }, // the year of the China Patent Award, as confirmed
    // Every change after creation: who, when, what (field -> [before, after]) and why. Pushed in the same update.
    changes: { type: [assetChangeSchema], default: [] },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
// Not unique: competing claims of one (kind, number) may coexist while unverified. At most one
// VERIFIED record per (kind, number) is enforced by models/verifiedRight.ts (_id "<kind>:<number>").
ipAssetSchema.index({ kind: 1, number: 1 }, { name: 'kind_number_claims' });
ipAssetSchema.index({ owner: 1, createdAt: -1 });

export type IpAssetFields = InferSchemaType<typeof ipAssetSchema>;
export type IpAssetDoc = HydratedDocument<IpAssetFields>;
export const IpAsset = model('IpAsset', ipAssetSchema);
