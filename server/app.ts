// The HTTP app (Express 5): health, readiness, GraphQL, webhooks; JSON errors only.
import { randomUUID } from 'node:crypto';
import { inRequestScope } from '../services/sharedStamp';
import type http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import { expressMiddleware } from '@as-integrations/express5';
import { GraphQLError } from 'graphql';
import type { ApolloServer } from '@apollo/server';
import type { AppDeps } from '../services/context';
import { DomainError } from '../services/errors';
import { buildContext, requestIdOf, type GraphQLContext } from './context';
import { dbIsReady } from './db';
import { domainErrorToGraphQL } from './errorFormat';
import { mountReports } from './reports';
import { refuseDeclaredOversize } from './declaredSize';
import { mountImports } from './imports';
import { mountConsole } from './console';
import { DB_UNAVAILABLE_MESSAGE, isDbUnavailableError, SERVICE_UNAVAILABLE, unavailableGate } from './unavailable';

export interface RouteHooks {
  /** Extra routes that must see the raw body (e.g. Stripe webhooks), mounted before JSON parsing. */
  beforeJson?: (app: express.Express) => void;
  /** False while the embedded database is being restarted: /readyz and every request answer 503. */
  dbAvailable?: () => boolean;
}

export function createApp(deps: AppDeps, apollo: ApolloServer<GraphQLContext>, hooks: RouteHooks = {}): express.Express {
  const { config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY); // false, a hop count or proxy subnets; never true (config.ts)

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

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
    (_req: Request, _res: Response, next: NextFunction) => inRequestScope(next),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await buildContext(deps, req);
        } catch (err) {
          if (err instanceof DomainError) {
            const gql = domainErrorToGraphQL(err);
            throw new GraphQLError(gql.message, { extensions: { ...gql.extensions, http: { status: 401 } } });
          }
          if (isDbUnavailableError(err)) {
            // The session check (services/identity/session.ts) reads the user: the database is down.
            deps.log.child({ reqId: requestIdOf(req) }).error({ err }, 'unexpected error');
            throw new GraphQLError(DB_UNAVAILABLE_MESSAGE, {
              extensions: { code: SERVICE_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', '2']]) } },
            });
          }
          throw err;
        }
      },
    }),
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
