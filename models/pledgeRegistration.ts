import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES } from './enums';
import { statusChangeSchema } from './history';

/**
 * PENDING is internal: recordPledgeRegistration writes the registration PENDING first, then claims
 * the assets, then moves the application, then activates it, so a crash at any step leaves a state
 * the repair pass recognises (services/repair, docs/recovery.md). Reads never see PENDING ones.
 */
export const PLEDGE_REGISTRATION_STATUSES = ['PENDING', 'ACTIVE', 'RELEASED'] as const;

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
