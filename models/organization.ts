import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { ADVANTAGE_LEVELS, COUNTIES, ORG_KINDS } from './enums';

const ipAdvantageSchema = new Schema(
  {
    level: { type: String, enum: ADVANTAGE_LEVELS, required: true },
    certifiedOn: { type: String, required: true }, // YYYY-MM-DD
    expiresOn: { type: String, required: true },
  },
  { _id: false },
);

const organizationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    kind: { type: String, enum: ORG_KINDS, required: true },
    creditCode: { type: String, required: true, unique: true },
    county: { type: String, enum: COUNTIES, required: true },
    verified: { type: Boolean, required: true, default: false },
    verifiedAt: { type: Date, default: null },
    // The REGULATOR's last revocation (revokeOrganizationVerification), kept when verified again.
    verificationRevokedAt: { type: Date, default: null },
    verificationRevokedReason: { type: String, default: null, maxlength: 2000 },
    ipAdvantage: { type: ipAdvantageSchema, default: null },
    // Every certification, oldest first (pushed by certifyIpAdvantage): the indicator counts each one
    // for the years it covered, so a re-certification does not rewrite earlier years.
    ipAdvantageHistory: { type: [ipAdvantageSchema], default: [] },
    demo: { type: Boolean, default: false }, // part of the demo data set
  },
  { timestamps: true },
);
organizationSchema.index({ kind: 1 });
organizationSchema.index({ verified: 1, _id: 1 });

export type OrganizationFields = InferSchemaType<typeof organizationSchema>;
export type OrganizationDoc = HydratedDocument<OrganizationFields>;
export const Organization = model('Organization', organizationSchema);
