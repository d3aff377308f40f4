// Per-request session check: the token's user must still exist, still belong to the token's
// organization, not be removed, and carry the same token version. The role is read from the user
// document, never trusted from the token. One read by _id per authenticated request (an _id
// equality: indexed on FerretDB too), primed into the request's loader so nothing reads it twice.
import { User } from '../../models/user';
import type { Loaders } from '../loaders';
import type { Viewer } from '../context';
import { unauthenticated } from '../errors';
import type { TokenClaims } from './tokens';

export const SESSION_ENDED = 'This session has ended (password changed or reset, signed out everywhere, or membership removed); sign in again';

export async function viewerOfClaims(loaders: Loaders, claims: TokenClaims): Promise<Viewer> {
  const user = /^[0-9a-f]{24}$/.test(claims.userId) ? await User.findById(claims.userId) : null;
  if (!user || user.removedAt || String(user.organization) !== claims.orgId || (user.tokenVersion ?? 0) !== claims.tokenVersion) {
    throw unauthenticated(SESSION_ENDED);
  }
  loaders.user.prime(user._id, user);
  return { userId: String(user._id), orgId: String(user.organization), role: user.role };
}
