// Single-use secret tokens (invitations, password resets): 32 random bytes, base64url; only their
// SHA-256 is stored (a random 256-bit token needs no slow hash), so the database cannot reveal them.
import { createHash, randomBytes } from 'node:crypto';

export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A string that could be one of our tokens (43 base64url characters); anything else is unknown. */
export function looksLikeSecretToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
