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

  /** Set only in test mode by the x-test-now header (services/clock.ts); unset: the process clock. */
  now?: () => Date;

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
  const context = new RequestContext(app, viewer, loaders, requestId, clientAddress ?? 'unknown');
  const testNow = testClock(app, req);
  if (testNow) context.now = () => testNow;
  return context;
}

/**
 * NODE_ENV=test only: `x-test-now: 2026-03-01` (a date: noon in Asia/Shanghai) or an RFC 3339
 * date-time sets the clock of the request (services/clock.ts), so tests reach due dates without
 * sleeping. Ignored in any other mode.
 */
function testClock(app: AppDeps, req: IncomingMessage): Date | null {
  if (app.config.NODE_ENV !== 'test') return null;
  const raw = req.headers['x-test-now'];
  if (typeof raw !== 'string' || raw === '') return null;
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T04:00:00Z` : raw);
  return Number.isNaN(at.getTime()) ? null : at;
}
