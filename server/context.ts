// Builds each request's context: verifies the bearer token (if any), makes fresh loaders.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppDeps, ServiceContext, Viewer } from '../services/context';
import type { Loaders } from '../services/loaders';
import type { Logger } from './logger';
import { createLoaders } from '../services/loaders';
import { verifyToken } from '../services/identity/tokens';
import { viewerOfClaims } from '../services/identity/session';

export type GraphQLContext = ServiceContext;

/**
 * A request's context. Its logger (a pino child carrying the request id) is made on first use:
 * most requests log nothing. A getter on the prototype, because Apollo copies the context's own
 * properties into a new object of the same prototype (Object.assign would call an own getter).
 */
class RequestContext implements ServiceContext {
  private logger: Logger | undefined = undefined;
  constructor(
    readonly app: AppDeps,
    readonly viewer: Viewer | null,
    readonly loaders: Loaders,
    readonly requestId: string,
    readonly clientAddress: string,
  ) {}

  get log(): Logger {
    return (this.logger ??= this.app.log.child({ reqId: this.requestId }));
  }
}

export function requestIdOf(req: IncomingMessage): string {
  const given = (req as IncomingMessage & { id?: unknown }).id; // server/requestLog.ts assignRequestId
  return typeof given === 'string' || typeof given === 'number' ? String(given) : randomUUID();
}

/**
 * Throws UNAUTHENTICATED (a DomainError) for a bad token; no token means an anonymous caller.
 * `clientAddress`: the socket address, or the proxy-trusted one (TRUST_PROXY, as Express's req.ip).
 */
export async function buildContext(app: AppDeps, req: IncomingMessage, clientAddress: string | undefined): Promise<GraphQLContext> {
  const requestId = requestIdOf(req);
  const header = req.headers.authorization;
  const loaders = createLoaders();
  let viewer = null;
  if (header !== undefined && header !== '') {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = verifyToken(m ? m[1]! : '', app.jwtSecret, app.config);
    viewer = await viewerOfClaims(claims); // token version and role from the user document
  }
  return new RequestContext(app, viewer, loaders, requestId, clientAddress ?? 'unknown');
}
