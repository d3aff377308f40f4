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
  return {
    app,
    viewer,
    loaders,
    log: app.log.child({ reqId: requestId }),
    requestId,
    clientAddress: req.ip ?? 'unknown',
  };
}
