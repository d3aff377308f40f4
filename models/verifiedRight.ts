import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * The database's guarantee of "at most one VERIFIED record per (kind, number)": one document per
 * verified right, keyed `_id: "<kind>:<number>"`, inserted when an asset is verified (by the
 * REGULATOR or an import) and deleted when that verification is withdrawn. A second insert of the
 * same key fails with a duplicate-key error on any backend (FerretDB 1.24 has no partial unique
 * indexes; `_id` is unique everywhere). `asset` is null while the right belongs to a holder not yet
 * on the platform (models/unclaimedRight.ts).
 */
const verifiedRightSchema = new Schema(
  {
    _id: { type: String, required: true },
    asset: { type: Schema.Types.ObjectId, ref: 'IpAsset', default: null },
    holderCreditCode: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { timestamps: false },
);
verifiedRightSchema.index({ asset: 1 });

export const rightKey = (kind: string, number: string) => `${kind}:${number}`;

export type VerifiedRightFields = InferSchemaType<typeof verifiedRightSchema>;
export type VerifiedRightDoc = HydratedDocument<VerifiedRightFields>;
export const VerifiedRight = model('VerifiedRight', verifiedRightSchema);
