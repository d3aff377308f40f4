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

// Tokens already verified, by their exact text: the signature, algorithm, issuer and audience of a
// given string under a given key do not change, so a client sending the same token again skips
// jsonwebtoken's decoding and HMAC (4 % of the CPU of a signed-in trivial query, bench/http). Only
// tokens that passed every check are kept; the expiry is checked again on every use, exactly as
// jsonwebtoken does (expired once now >= exp, in whole seconds). Bounded: starts over when full.
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { claims: TokenClaims; exp: number | undefined; nbf: number | undefined }>();
let verifiedUnder = '';

function expiredOrEarly(exp: number | undefined, nbf: number | undefined): boolean {
  const now = Math.floor(Date.now() / 1000);
  return (exp !== undefined && now >= exp) || (nbf !== undefined && now < nbf);
}

/** The viewer a token names; UNAUTHENTICATED for an expired, tampered, unsigned or foreign token. */
export function verifyToken(token: string, secret: string, config: Config): TokenClaims {
  const under = `${secret}\u0000${config.JWT_ISSUER}\u0000${config.JWT_AUDIENCE}`;
  if (under !== verifiedUnder) {
    verified.clear();
    verifiedUnder = under;
  }
  const known = verified.get(token);
  if (known && !expiredOrEarly(known.exp, known.nbf)) return { ...known.claims };
  if (known) verified.delete(token);
  const claims = verifyAfresh(token, secret, config);
  if (verified.size >= VERIFIED_MAX) verified.clear();
  const { exp, nbf } = jwt.decode(token, { json: true }) ?? {};
  verified.set(token, { claims: { ...claims }, exp, nbf });
  return claims;
}

function verifyAfresh(token: string, secret: string, config: Config): TokenClaims {
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
