import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * One attempt at a limited operation (a login guess, a registration), inserted BEFORE the expensive
 * work (the password hash) and counted per account and per client address in a rolling window
 * (services/identity/attemptLimiter.ts). Append-only: inserted, then deleted when it succeeds (a
 * login) or expires; never updated, so it is race-free on FerretDB too.
 */
export const ATTEMPT_KINDS = ['LOGIN', 'REGISTER'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

const authAttemptSchema = new Schema(
  {
    kind: { type: String, enum: ATTEMPT_KINDS, required: true },
    account: { type: String, default: null }, // the email tried (login), null for per-address-only kinds
    address: { type: String, required: true }, // the client address (req.ip, see TRUST_PROXY)
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true }, // at + window; swept once a minute after that
  },
  { versionKey: false },
);
authAttemptSchema.index({ expiresAt: 1 }); // swept by the limiter (FerretDB 1.24 has no TTL indexes)
authAttemptSchema.index({ kind: 1, account: 1, at: 1 });
authAttemptSchema.index({ kind: 1, address: 1, at: 1 });

export type AuthAttemptFields = InferSchemaType<typeof authAttemptSchema>;
export const AuthAttempt = model('AuthAttempt', authAttemptSchema);
