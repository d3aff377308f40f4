import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * A right from an official register extract whose holder is not on the platform yet (issue 11,
 * point 2). Kept here, not as an IpAsset (an asset always has an owner organization), and taken over
 * as a VERIFIED asset by the organization that registers with this credit code. `_id` is the
 * right's key "<kind>:<number>", the same as its VerifiedRight claim.
 */
const unclaimedRightSchema = new Schema(
  {
    _id: { type: String, required: true },
    holderCreditCode: { type: String, required: true },
    holderName: { type: String, required: true },
    fields: { type: Schema.Types.Mixed, required: true }, // validated asset fields (validateAssetInput)
    importedAt: { type: Date, required: true },
    importedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: false, minimize: false },
);
unclaimedRightSchema.index({ holderCreditCode: 1 });

export type UnclaimedRightFields = InferSchemaType<typeof unclaimedRightSchema>;
export type UnclaimedRightDoc = HydratedDocument<UnclaimedRightFields>;
export const UnclaimedRight = model('UnclaimedRight', unclaimedRightSchema);
