// JWTs: HS256 only (pinned), with issuer, audience and expiry, verified on every request.
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../../server/config';
import type { Role } from '../../models/enums';
import type { Viewer } from '../context';
import { unauthenticated } from '../errors';

const ALGORITHM = 'HS256' as const;

interface Claims {
  sub: string;
  org: string;
  role: Role;
  /** The user's token version when the token was issued (services/identity/session.ts). */
  tv: number;
}

/** What a verified token claims; the role and token version are checked against the user document. */
export interface TokenClaims extends Viewer {
  tokenVersion: number;
}

export function signToken(viewer: Viewer, secret: string, config: Config, tokenVersion = 0): string {
  const claims: Claims = { sub: viewer.userId, org: viewer.orgId, role: viewer.role, tv: tokenVersion };
  return jwt.sign(claims, secret, {
    algorithm: ALGORITHM,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: config.JWT_TTL_SECONDS,
  });
}

// jsonwebtoken turns a string secret into a KeyObject on every verify, first trying to parse it as
// a public key (an exception each time): 10 % of the API's CPU on a signed-in trivial query
// (bench/http --cpu-prof, docs/performance.md). The secret's KeyObject is made once instead.
let secretKey: { secret: string; key: KeyObject } | null = null;
function keyOf(secret: string): KeyObject {
  if (secretKey?.secret !== secret) secretKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return secretKey.key;
}

/** The viewer a token names; UNAUTHENTICATED for an expired, tampered, unsigned or foreign token. */
export function verifyToken(token: string, secret: string, config: Config): TokenClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, keyOf(secret), {
      algorithms: [ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
  } catch (err) {
    const reason = err instanceof jwt.TokenExpiredError ? 'has expired' : 'is invalid';
    throw unauthenticated(`The token ${reason}; sign in again`);
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.org !== 'string') {
    throw unauthenticated('The token is invalid; sign in again');
  }
  const tv = payload.tv === undefined ? 0 : payload.tv;
  if (typeof tv !== 'number' || !Number.isInteger(tv)) throw unauthenticated('The token is invalid; sign in again');
  return { userId: payload.sub, orgId: payload.org, role: payload.role as Role, tokenVersion: tv };
}
