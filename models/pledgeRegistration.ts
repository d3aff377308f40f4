import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES } from './enums';
import { statusChangeSchema } from './history';

/**
 * PENDING is internal: recordPledgeRegistration writes the registration PENDING first, then claims
 * the assets, then moves the application, then activates it, so a crash at any step leaves a state
 * the repair pass recognises (services/repair, docs/recovery.md). Reads never see PENDING ones.
 */
export const PLEDGE_REGISTRATION_STATUSES = ['PENDING', 'ACTIVE', 'RELEASED', 'EXPIRED'] as const;

export const CONSENT_DECISIONS = ['GRANTED', 'REFUSED'] as const;

/** The pledgee's decision on one deal over a pledged asset (Civil Code art. 444): one entry per decision, append-only. */
const consentSchema = new Schema(
  {
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', required: true },
    decision: { type: String, enum: CONSENT_DECISIONS, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    note: { type: String, default: null, maxlength: 1000 }, // the bank's note, or its reason to refuse
    // What was consented to, as the deal stood (a consent covers that transaction only).
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', required: true },
    dealType: { type: String, required: true },
    licenseType: { type: String, default: null },
    buyer: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    price: { type: Number, required: true }, // fen
  },
  { _id: false },
);

const correctionValuesSchema = new Schema(
  { registrationNumber: String, securedAmount: Number, registeredOn: String, expiresOn: String },
  { _id: false },
);

/** A REGULATOR's correction of the registration's facts (issue 11, point 6). */
const correctionSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reason: { type: String, required: true, maxlength: 1000 },
    before: { type: correctionValuesSchema, required: true },
    after: { type: correctionValuesSchema, required: true },
  },
  { _id: false },
);

/** A registration change (变更, issue 16 point 2) by the pledgee: amount and/or term, on a date. */
const changeSchema = new Schema(
  {
    changedOn: { type: String, required: true }, // YYYY-MM-DD
    year: { type: Number, required: true }, // of changedOn: where the indicator counts delta
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reason: { type: String, default: null, maxlength: 1000 },
    securedAmountBefore: { type: Number, required: true },
    securedAmountAfter: { type: Number, required: true },
    delta: { type: Number, required: true }, // fen, after - before
    expiresOnBefore: { type: String, required: true },
    expiresOnAfter: { type: String, required: true },
  },
  { _id: true },
);

/** A CNIPA pledge registration (质押登记) recorded by the pledgee bank. */
const pledgeRegistrationSchema = new Schema(
  {
    registrationNumber: { type: String, required: true, unique: true },
    application: { type: Schema.Types.ObjectId, ref: 'PledgeApplication', default: null },
    pledgor: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    pledgee: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    assets: { type: [Schema.Types.ObjectId], ref: 'IpAsset', required: true },
    securedAmount: { type: Number, required: true }, // fen
    registeredOn: { type: String, required: true }, // YYYY-MM-DD
    year: { type: Number, required: true }, // of registeredOn, for the indicator
    expiresOn: { type: String, required: true },
    county: { type: String, enum: COUNTIES, required: true }, // the pledgor's county
    status: { type: String, enum: PLEDGE_REGISTRATION_STATUSES, required: true, default: 'ACTIVE' },
    releasedOn: { type: String, default: null },
    history: { type: [statusChangeSchema], default: [] }, // registration, changes (变更), release (注销)
    consents: { type: [consentSchema], default: [] }, // services/financing/consent.ts
    corrections: { type: [correctionSchema], default: [] }, // services/financing/corrections.ts
    changes: { type: [changeSchema], default: [] }, // services/financing/registrationChanges.ts
    changeYears: { type: [Number], default: [] }, // years in which a change moved the amount (indicator recomputation)
    // A change's indicator delta not yet added: claimed (set to null) right before the $inc, at most once.
    indicatorPending: { type: new Schema({ changeId: Schema.Types.ObjectId, year: Number, county: String, amount: Number }, { _id: false }), default: null },
    indicatorCounted: { type: Boolean, default: false }, // flipped once, with the addToIndicator call it guards
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
pledgeRegistrationSchema.index({ year: 1, county: 1, status: 1 });
pledgeRegistrationSchema.index({ pledgee: 1, _id: -1 });
pledgeRegistrationSchema.index({ pledgor: 1, _id: -1 });
pledgeRegistrationSchema.index({ application: 1 });
pledgeRegistrationSchema.index({ status: 1 });

// Readers never see a PENDING registration (not yet recorded, or left by a crash for the repair
// pass): find, findOne (findById) and countDocuments add `status != PENDING` unless the filter
// names a status itself (as the repair pass does), and aggregations start with the same $match.
// Conditional updates and deletes are not filtered: the workflow and the repair address PENDING ones.
pledgeRegistrationSchema.pre(['find', 'findOne', 'countDocuments'], function () {
  if (!('status' in this.getFilter())) this.where({ status: { $ne: 'PENDING' } });
});
pledgeRegistrationSchema.pre('aggregate', function () {
  this.pipeline().unshift({ $match: { status: { $ne: 'PENDING' } } });
});

export type PledgeRegistrationFields = InferSchemaType<typeof pledgeRegistrationSchema>;
export type PledgeRegistrationDoc = HydratedDocument<PledgeRegistrationFields>;
export const PledgeRegistration = model('PledgeRegistration', pledgeRegistrationSchema);
