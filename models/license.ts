import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const LICENSE_TYPES = ['EXCLUSIVE', 'SOLE', 'NON_EXCLUSIVE'] as const;

const licenseSchema = new Schema(
  {
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', required: true },
    licensor: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    licensee: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    type: { type: String, enum: LICENSE_TYPES, required: true },
    startsOn: { type: String, required: true },
    endsOn: { type: String, required: true },
    deal: { type: Schema.Types.ObjectId, ref: 'Deal', default: null },
  },
  { timestamps: true },
);
licenseSchema.index({ asset: 1, startsOn: 1 });
licenseSchema.index({ deal: 1 });

export type LicenseFields = InferSchemaType<typeof licenseSchema>;
export type LicenseDoc = HydratedDocument<LicenseFields>;
export const License = model('License', licenseSchema);
