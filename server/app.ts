// The HTTP app (Express 5): health, readiness, GraphQL, webhooks; JSON errors only.
import { inRequestScope } from '../services/sharedStamp';
import type http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { expressMiddleware } from '@as-integrations/express5';
import type { ApolloServer } from '@apollo/server';
import type { AppDeps } from '../services/context';
import type { GraphQLContext } from './context';
import { dbIsReady } from './db';
import type { PreparedQueries } from './preparedQueries';
import { GRAPHQL_CACHE_CONTROL, graphqlContext, graphqlFastPath, httpRequestScope } from './graphqlHttp';
import { mountReports } from './reports';
import { refuseDeclaredOversize } from './declaredSize';
import { assignRequestId, defineRequestLog, logCompletion } from './requestLog';
import { mountImports } from './imports';
import { mountConsole } from './console';
import { unavailableGate } from './unavailable';

export interface RouteHooks {
  /** Extra routes that must see the raw body (e.g. Stripe webhooks), mounted before JSON parsing. */
  beforeJson?: (app: express.Express) => void;
  /** False while the embedded database is being restarted: /readyz and every request answer 503. */
  dbAvailable?: () => boolean;
  /** Queries answered without Apollo's pipeline (server/preparedQueries.ts); none when absent. */
  prepared?: PreparedQueries;
}

/**
 * The server's request listener: POST /graphql with a JSON body on the fast path
 * (server/graphqlHttp.ts), everything else through the Express app below.
 */
export function createRequestListener(deps: AppDeps, apollo: ApolloServer<GraphQLContext>, hooks: RouteHooks = {}): http.RequestListener {
  const app = createApp(deps, apollo, hooks);
  const fast = graphqlFastPath(deps, apollo, {
    bodyLimit: deps.config.BODY_LIMIT,
    trustProxy: app.get('trust proxy fn') as (addr: string, i: number) => boolean,
    dbAvailable: hooks.dbAvailable ?? (() => true),
    prepared: hooks.prepared,
  });
  return (req, res) => {
    if (!fast(req, res)) app(req, res);
  };
}

export function createApp(deps: AppDeps, apollo: ApolloServer<GraphQLContext>, hooks: RouteHooks = {}): express.Express {
  const { config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY); // false, a hop count or proxy subnets; never true (config.ts)

  // ETags are for cacheable GETs; every answer here is per caller (Apollo's no-store below), and
  // computing one hashed every response body.
  app.set('etag', false);

  // Request id, `req.log` and the request log line (server/requestLog.ts).
  defineRequestLog(app.request, log);
  app.use((req: Request, res: Response, next: NextFunction) => {
    assignRequestId(req, res);
    if (req.url !== '/healthz' && req.url !== '/readyz') logCompletion(log, req, res);
    next();
  });

  app.use(refuseDeclaredOversize(config.BODY_LIMIT, { '/imports/register': config.IMPORT_MAX_BYTES }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const dbAvailable = hooks.dbAvailable ?? (() => true);
  app.get('/readyz', async (_req, res) => {
    const ready = dbAvailable() && (await dbIsReady(Math.min(config.DB_TIMEOUT_MS, 2000)));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  app.use(unavailableGate(dbAvailable));

  hooks.beforeJson?.(app);
  mountReports(app, deps);
  mountImports(app, deps);

  app.use(
    '/graphql',
    express.json({ limit: config.BODY_LIMIT }),
    // Each request in its own scope (after the body is read, so the scope reaches the resolvers):
    // caches share one shared-stamp read per request (services/sharedStamp.ts).
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('cache-control', GRAPHQL_CACHE_CONTROL); // answers are per caller (server/apollo.ts)
      inRequestScope(next, httpRequestScope(res));
    },
    expressMiddleware(apollo, { context: ({ req }) => graphqlContext(deps, req, req.ip) }),
  );

  // The web console at / (after every API route, so it never shadows one; server/console.ts).
  if (!mountConsole(app)) log.warn('web console not built (web/dist/index.html missing): run npm run build');

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Body parser and other middleware errors: always JSON, never an HTML stack trace.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; expose?: boolean; message?: string };
    if (e.type === 'entity.too.large') {
      const limit = req.path === '/imports/register' ? config.IMPORT_MAX_BYTES : config.BODY_LIMIT;
      res.status(413).json({ errors: [{ message: `Request body is larger than ${limit}`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500 && e.expose) {
      res.status(e.status).json({ errors: [{ message: e.message ?? 'Bad request', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    req.log.error({ err }, 'unhandled HTTP error');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  return app;
}

export type { http };
