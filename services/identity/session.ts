// Per-request session check: the token's user must still exist, still belong to the token's
// organization, not be removed, and carry the same token version. The role is read from the user
// document, never trusted from the token. The user comes from the per-process cache of users
// (services/readModel/docCache.ts, as the request's user loader; read-only, not hydrated): this process's own updates
// (a password change, sign-out everywhere, a removed member, a role change) are seen at once;
// another process's within READ_CACHE_TTL_MS (2 s), as docs/security.md states. So a signed-in
// request usually makes no database round trip at all (docs/performance.md, bench:http).
import { User, type UserDoc } from '../../models/user';
import { readOnlyById } from '../readModel/docCache';
import type { Viewer } from '../context';
import { unauthenticated } from '../errors';
import type { TokenClaims } from './tokens';

export const SESSION_ENDED = 'This session has ended (password changed or reset, signed out everywhere, or membership removed); sign in again';

type SessionFields = Pick<UserDoc, '_id' | 'removedAt' | 'organization' | 'tokenVersion' | 'role'>;

export async function viewerOfClaims(claims: TokenClaims): Promise<Viewer> {
  const user = /^[0-9a-f]{24}$/.test(claims.userId) ? ((await readOnlyById(User, claims.userId)) as SessionFields | null) : null;
  if (!user || user.removedAt || String(user.organization) !== claims.orgId || (user.tokenVersion ?? 0) !== claims.tokenVersion) {
    throw unauthenticated(SESSION_ENDED);
  }
  return { userId: String(user._id), orgId: String(user.organization), role: user.role };
}
