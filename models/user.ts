import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { ROLES } from './enums';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    demo: { type: Boolean, default: false },
    // Bumped by changePassword, resetPassword, logoutEverywhere and removeMember: every token carries
    // the version it was issued with (claim `tv`) and fails once they differ (server/context.ts).
    tokenVersion: { type: Number, default: 0 },
    // Set by removeMember: the user keeps its id (history entries name it) but can no longer sign in;
    // its email is moved aside (formerEmail) so the address may be invited again.
    removedAt: { type: Date, default: null },
    formerEmail: { type: String, default: null },
  },
  { timestamps: true },
);
userSchema.index({ organization: 1 });

export type UserFields = InferSchemaType<typeof userSchema>;
export type UserDoc = HydratedDocument<UserFields>;
export const User = model('User', userSchema);
