// Invitations of a colleague into an organization (inviteMember / acceptInvitation). The token is
// random (32 bytes) and stored only as its SHA-256: a database reader cannot use it.
import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { ROLES } from './enums';

const invitationSchema = new Schema(
  {
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    role: { type: String, enum: ROLES, required: true },
    tokenHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    acceptedAt: { type: Date, default: null },
    acceptedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
invitationSchema.index({ organization: 1, email: 1 });

export type InvitationFields = InferSchemaType<typeof invitationSchema>;
export type InvitationDoc = HydratedDocument<InvitationFields>;
export const Invitation = model('Invitation', invitationSchema);
