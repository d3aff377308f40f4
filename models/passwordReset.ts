// Password reset tokens (requestPasswordReset / resetPassword): single use, short-lived, stored
// only as the SHA-256 of a random 32-byte token.
import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

const passwordResetSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    tokenHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'passwordResets' },
);
passwordResetSchema.index({ user: 1 });

export type PasswordResetFields = InferSchemaType<typeof passwordResetSchema>;
export type PasswordResetDoc = HydratedDocument<PasswordResetFields>;
export const PasswordReset = model('PasswordReset', passwordResetSchema);
