// Builds each request's context: verifies the bearer token (if any), makes fresh loaders.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AppDeps, ServiceContext } from '../services/context';
import { createLoaders } from '../services/loaders';
import { verifyToken } from '../services/identity/tokens';

export type GraphQLContext = ServiceContext;

export function requestIdOf(req: Request): string {
  const fromPino = (req as Request & { id?: unknown }).id;
  return typeof fromPino === 'string' || typeof fromPino === 'number' ? String(fromPino) : randomUUID();
}

/** Throws UNAUTHENTICATED (a DomainError) for a bad token; no token means an anonymous caller. */
export function buildContext(app: AppDeps, req: Request): GraphQLContext {
  const requestId = requestIdOf(req);
  const header = req.headers.authorization;
  let viewer = null;
  if (header !== undefined && header !== '') {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    viewer = verifyToken(m ? m[1]! : '', app.jwtSecret, app.config);
  }
  return {
    app,
    viewer,
    loaders: createLoaders(),
    log: app.log.child({ reqId: requestId }),
    requestId,
    clientAddress: req.ip ?? 'unknown',
  };
}
