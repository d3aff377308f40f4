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
  },
  { timestamps: true },
);
userSchema.index({ organization: 1 });

export type UserFields = InferSchemaType<typeof userSchema>;
export type UserDoc = HydratedDocument<UserFields>;
export const User = model('User', userSchema);
