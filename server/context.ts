// Builds each request's context: verifies the bearer token (if any), makes fresh loaders.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AppDeps, ServiceContext } from '../services/context';
import { createLoaders } from '../services/loaders';
import { verifyToken } from '../services/identity/tokens';
import { viewerOfClaims } from '../services/identity/session';

export type GraphQLContext = ServiceContext;

export function requestIdOf(req: Request): string {
  const fromPino = (req as Request & { id?: unknown }).id;
  return typeof fromPino === 'string' || typeof fromPino === 'number' ? String(fromPino) : randomUUID();
}

/** Throws UNAUTHENTICATED (a DomainError) for a bad token; no token means an anonymous caller. */
export async function buildContext(app: AppDeps, req: Request): Promise<GraphQLContext> {
  const requestId = requestIdOf(req);
  const header = req.headers.authorization;
  const loaders = createLoaders();
  let viewer = null;
  if (header !== undefined && header !== '') {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = verifyToken(m ? m[1]! : '', app.jwtSecret, app.config);
    viewer = await viewerOfClaims(loaders, claims); // token version and role from the user document
  }
  const testNow = testClock(app, req);
  return {
    app,
    ...(testNow ? { now: () => testNow } : {}),
    viewer,
    loaders,
    log: app.log.child({ reqId: requestId }),
    requestId,
    clientAddress: req.ip ?? 'unknown',
  };
}

/**
 * NODE_ENV=test only: `x-test-now: 2026-03-01` (a date: noon in Asia/Shanghai) or an RFC 3339
 * date-time sets the clock of the request (services/clock.ts), so tests reach due dates without
 * sleeping. Ignored in any other mode.
 */
function testClock(app: AppDeps, req: Request): Date | null {
  if (app.config.NODE_ENV !== 'test') return null;
  const raw = req.headers['x-test-now'];
  if (typeof raw !== 'string' || raw === '') return null;
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T04:00:00Z` : raw);
  return Number.isNaN(at.getTime()) ? null : at;
}
