// Account safety (issue 14, point 2): change or reset a password, sign out everywhere. Each bumps
// the user's token version, so every token issued before fails with UNAUTHENTICATED at once
// (services/identity/session.ts checks it per request).
import { PasswordReset, type PasswordResetDoc } from '../../models/passwordReset';
import { User, type UserDoc } from '../../models/user';
import type { ServiceContext } from '../context';
import { requireViewer } from '../authz';
import { badInput, unauthenticated } from '../errors';
import { updateOneDoc } from '../atomic';
import { checkPassword, issue, type AuthResult } from './index';
import { hashPassword, verifyPassword } from './passwords';
import { deliverToken } from './resetDelivery';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from './secretTokens';
import { SESSION_ENDED } from './session';

/** At most this many unused, unexpired reset tokens per user: more requests are answered the same but send nothing. */
export const MAX_OPEN_RESETS = 3;

async function setPassword(ctx: ServiceContext, user: UserDoc, password: string): Promise<UserDoc> {
  const passwordHash = await hashPassword(password);
  const updated = await updateOneDoc<UserDoc>(
    User,
    { _id: user._id, removedAt: null, tokenVersion: user.tokenVersion ?? 0 },
    { $set: { passwordHash }, $inc: { tokenVersion: 1 } },
  );
  if (!updated) throw unauthenticated(SESSION_ENDED); // signed out or changed meanwhile
  ctx.loaders.user.clear(updated._id).prime(updated._id, updated);
  return updated;
}

/** Needs the current password; answers a new token (every earlier token of the user stops working). */
export async function changePassword(ctx: ServiceContext, current: string, next: string): Promise<AuthResult> {
  const viewer = requireViewer(ctx);
  const user = await User.findOne({ _id: viewer.userId, removedAt: null });
  if (!user) throw unauthenticated(SESSION_ENDED);
  if (!(await verifyPassword(user.passwordHash, current))) throw badInput('current', 'is not your current password');
  checkPassword('next', next);
  if (next === current) throw badInput('next', 'must differ from the current password');
  return issue(ctx, await setPassword(ctx, user, next));
}

export async function logoutEverywhere(ctx: ServiceContext): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const updated = await updateOneDoc<UserDoc>(User, { _id: viewer.userId, removedAt: null }, { $inc: { tokenVersion: 1 } });
  if (updated) ctx.loaders.user.clear(updated._id).prime(updated._id, updated);
  return true;
}

/**
 * Always answers true, whatever the address (no account oracle); when the address has an account,
 * a single-use token valid PASSWORD_RESET_TTL_SECONDS is stored (hashed) and handed to the
 * delivery seam. The work runs after the answer, so the answer's timing tells nothing either.
 */
export function requestPasswordReset(ctx: ServiceContext, rawEmail: string): boolean {
  const email = rawEmail.trim().toLowerCase();
  if (email.length === 0 || email.length > 254) return true;
  void issueReset(ctx, email).catch((err: unknown) => ctx.log.error({ err: (err as Error).message }, 'password reset request failed'));
  return true;
}

async function issueReset(ctx: ServiceContext, email: string): Promise<void> {
  const user = await User.findOne({ email, removedAt: null });
  if (!user) return;
  const open = await PasswordReset.countDocuments({ user: user._id, usedAt: null, expiresAt: { $gt: new Date() } });
  if (open >= MAX_OPEN_RESETS) return;
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(Date.now() + ctx.app.config.PASSWORD_RESET_TTL_SECONDS * 1000);
  await PasswordReset.create({ user: user._id, tokenHash: hash, expiresAt });
  await deliverToken(ctx.app.config, ctx.log, { kind: 'password-reset', email, token, expiresAt });
}

/** Sets a new password with a reset token (once); answers a fresh token for the user. */
export async function resetPassword(ctx: ServiceContext, token: string, password: string): Promise<AuthResult> {
  checkPassword('password', password);
  if (!looksLikeSecretToken(token)) throw badInput('token', 'is not a valid password reset token');
  const found = await PasswordReset.findOne({ tokenHash: hashSecretToken(token) });
  if (!found) throw badInput('token', 'is not a valid password reset token');
  if (found.usedAt) throw badInput('token', 'has already been used');
  if (found.expiresAt.getTime() <= Date.now()) throw badInput('token', 'has expired; request a new password reset');
  const user = await User.findOne({ _id: found.user, removedAt: null });
  if (!user) throw badInput('token', 'is not a valid password reset token');
  const claimed = await updateOneDoc<PasswordResetDoc>(
    PasswordReset,
    { _id: found._id, usedAt: null, expiresAt: { $gt: new Date() } },
    { $set: { usedAt: new Date() } },
  );
  if (!claimed) throw badInput('token', 'has already been used or has expired');
  const updated = await setPassword(ctx, user, password);
  // Other outstanding reset tokens of this user die with the password they were meant to replace.
  await PasswordReset.deleteMany({ user: user._id, usedAt: null });
  return issue(ctx, updated);
}
