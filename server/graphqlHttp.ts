// POST /graphql with a JSON body, served without Express (docs/performance.md, "bench:http").
//
// Profiled, Express's body parser and response helpers cost more per request than Apollo Server
// itself (a bare Express 5 + express.json + Apollo answered `{ __typename }` in about 250 µs of
// CPU, Apollo alone on node:http in about 80). So the one route every console page uses runs here,
// with the same steps and answers as the Express chain in app.ts, in the same order:
//   request id + request log -> declared size (413/400) -> database unavailable (503) -> JSON body
//   (400 when not valid JSON, as express.json's strict mode) -> per-request scope -> Apollo.
// Anonymous queries may be answered from the response cache (server/responseCache.ts) instead.
// A query whose text Apollo already accepted runs without Apollo's pipeline when it answers without
// an error (server/preparedQueries.ts); everything else is Apollo's.
// Anything unusual (another method or path, a content type other than application/json in UTF-8, a
// Content-Encoding, no Content-Length) is left to Express, which answers it exactly as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import proxyaddr from 'proxy-addr';
import type { AppDeps } from '../services/context';
import { DomainError } from '../services/errors';
import { inRequestScope, type RequestScope } from '../services/sharedStamp';
import { buildContext, requestIdOf, type GraphQLContext } from './context';
import { answerRefusal, declaredSizeRefusal, limitBytes } from './declaredSize';
import { domainErrorToGraphQL } from './errorFormat';
import { assignRequestId, logCompletion } from './requestLog';
import type { PreparedQueries } from './preparedQueries';
import { ResponseCache, type CachedAnswer, type FlightEnd } from './responseCache';
import { DB_UNAVAILABLE_MESSAGE, isDbUnavailableError, SERVICE_UNAVAILABLE, unavailableBody } from './unavailable';

/** Every GraphQL answer is per caller: never stored by a cache on the way. */
export const GRAPHQL_CACHE_CONTROL = 'no-store';

/** The request's context for Apollo, with the errors of building it answered as GraphQL errors. */
export async function graphqlContext(deps: AppDeps, req: IncomingMessage, clientAddress: string | undefined): Promise<GraphQLContext> {
  try {
    return await buildContext(deps, req, clientAddress);
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
}

/** The per-request scope of an HTTP request (services/sharedStamp.ts): `responded` once its response is finished or closed. */
export function httpRequestScope(res: ServerResponse): RequestScope {
  const scope: RequestScope = { responded: false };
  res.once('close', () => (scope.responded = true));
  return scope;
}

/**
 * Sends a complete GraphQL answer (Apollo's, a prepared query's, or one the response cache replays).
 * `x-response-cache` and `x-prepared-query` say which, in test mode only: elsewhere they would tell
 * anyone whether someone else asked the same text lately.
 */
function sendAnswer(res: ServerResponse, answer: CachedAnswer, cacheState: 'hit' | 'miss' | undefined, prepared = false): void {
  res.setHeader('cache-control', GRAPHQL_CACHE_CONTROL);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  if (cacheState) res.setHeader('x-response-cache', cacheState);
  if (prepared) res.setHeader('x-prepared-query', 'hit');
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.statusCode = answer.status;
  res.end(answer.body);
}

const JSON_UTF8 = /^application\/json\s*(?:;\s*charset\s*=\s*(?:utf-8|"utf-8")\s*)?$/i;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** What express.json (strict) makes of a UTF-8 body: undefined when it is not valid JSON. */
export function parseJsonBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // the decoder drops a BOM
  if (body.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(body)?.[1];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export interface FastPathOptions {
  bodyLimit: string;
  trustProxy: (addr: string, i: number) => boolean;
  dbAvailable: () => boolean;
  prepared?: PreparedQueries;
}

/** A handler that serves POST /graphql with a JSON body and returns true, or returns false (for Express). */
export function graphqlFastPath(deps: AppDeps, apollo: ApolloServer<GraphQLContext>, opts: FastPathOptions) {
  const limit = { limit: opts.bodyLimit, max: limitBytes(opts.bodyLimit) };
  const { log } = deps;

  const cache = new ResponseCache(deps.config.RESPONSE_CACHE_TTL_MS);
  const diagnostics = deps.config.NODE_ENV === 'test'; // (sendAnswer's headers)

  async function run(req: IncomingMessage, res: ServerResponse, text: string, scope: RequestScope): Promise<void> {
    const startedAt = Date.now();
    const authorization = req.headers.authorization;
    const testNow = req.headers['x-test-now'];
    const key = cache.keyOf({ url: req.url ?? '', authorization, testNow: typeof testNow === 'string' ? testNow : undefined }, text);
    let end: FlightEnd = () => undefined;
    if (key !== null) {
      const hit = await cache.lookup(key, scope);
      if (!hit) end = cache.begin(key, scope);
      else {
        sendAnswer(res, hit, diagnostics ? 'hit' : undefined);
        return;
      }
    }
    try {
      await answer(req, res, text, scope, key, startedAt, end);
    } finally {
      end(null); // (a second call does nothing)
    }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, text: string, scope: RequestScope, key: string | null, startedAt: number, end: FlightEnd): Promise<void> {
    const body = parseJsonBody(text);
    if (body === undefined) {
      sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    // A complete answer: sent, and kept by the response cache when the request may use it.
    const finish = async (sent: CachedAnswer, prepared: boolean): Promise<void> => {
      sendAnswer(res, sent, diagnostics && key !== null ? 'miss' : undefined, diagnostics && prepared);
      if (key !== null) end((await cache.store(key, scope, sent, startedAt)) ? sent : null);
    };
    const context = () => graphqlContext(deps, req, proxyaddr(req, opts.trustProxy));
    const prepared = await opts.prepared?.answer(body, req.headers.accept, context);
    if (prepared) {
      scope.answered = { query: true, errors: false }; // (what responseCacheListener says of it)
      return finish({ status: 200, headers: [['content-type', prepared.contentType]], body: prepared.body }, true);
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: q >= 0 ? url.slice(q) : '', body },
      context,
    });
    const status = response.status ?? 200;
    if (response.body.kind === 'complete') {
      return finish({ status, headers: [...response.headers], body: response.body.string }, false);
    }
    res.setHeader('cache-control', GRAPHQL_CACHE_CONTROL);
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = status;
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (url !== '/graphql' && !url.startsWith('/graphql?')) return false;
    const type = req.headers['content-type'];
    const encoding = req.headers['content-encoding'];
    const declared = req.headers['content-length'];
    if (type === undefined || !JSON_UTF8.test(type) || (encoding !== undefined && encoding.toLowerCase() !== 'identity')) return false;
    if (declared === undefined || req.headers['transfer-encoding'] !== undefined) return false;

    assignRequestId(req, res);
    logCompletion(log, req, res);
    const refusal = declaredSizeRefusal(declared, limit);
    if (refusal) {
      answerRefusal(req, refusal, (status, body, headers) => sendJson(res, status, body, headers));
      return true;
    }
    if (!opts.dbAvailable()) {
      sendJson(res, 503, unavailableBody(), { 'retry-after': '2' });
      return true;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      const scope = httpRequestScope(res);
      inRequestScope(
        () =>
          run(req, res, text, scope).catch((err: unknown) => {
            log.child({ reqId: requestIdOf(req) }).error({ err }, 'unhandled HTTP error');
            if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
            else res.destroy();
          }),
        scope,
      );
    });
    return true;
  };
}
