// Request ids and the request log, in place of pino-http (which built a child logger carrying the
// serialized request, and attached three listeners, on every request even when the level drops the
// line: 9 % of the CPU of a signed-in trivial query, docs/performance.md).
//
// - Every response carries x-request-id: the client's when well-formed (1-100 of [A-Za-z0-9_.-]),
//   else a new UUID. `req.id` holds it.
// - `req.log` is the logger with the serialized request bound (as pino-http's), made on first use.
// - One line per finished request when `info` is enabled, as pino-http wrote it: "request completed"
//   with `req`, `res` and `responseTime` (ms), or "request errored" at `error` for a 5xx. The logger's redaction (authorization, cookies) applies to it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { Logger } from './logger';

const REQUEST_ID = /^[\w.-]{1,100}$/;

declare module 'http' {
  interface IncomingMessage {
    /** The request id (assignRequestId). */
    id?: string;
    /** The request's logger (defineRequestLog). */
    log: Logger;
  }
}

/** Sets the request id (and its response header). */
export function assignRequestId(req: IncomingMessage & { id?: string }, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  req.id = id;
  return id;
}

const reqLogs = new WeakMap<IncomingMessage, Logger>();

/** The request's logger (the request serialized into its bindings), made once per request when used. */
export function requestLogger(log: Logger, req: IncomingMessage): Logger {
  let l = reqLogs.get(req);
  if (!l) reqLogs.set(req, (l = log.child({ req: pino.stdSerializers.req(req) })));
  return l;
}

/** Defines `req.log` on a request prototype (Express's app.request): lazily, per request. */
export function defineRequestLog(proto: object, log: Logger): void {
  Object.defineProperty(proto, 'log', {
    configurable: true,
    get(this: IncomingMessage) {
      return requestLogger(log, this);
    },
  });
}

/** After the request id is set: logs the request when it finishes (if `info` is enabled). */
export function logCompletion(log: Logger, req: IncomingMessage, res: ServerResponse): void {
  if (!log.isLevelEnabled('info')) return;
  const start = Date.now();
  const done = () => {
    res.off('finish', done);
    res.off('close', done);
    const responseTime = Date.now() - start;
    const out = pino.stdSerializers.res(res);
    if (res.statusCode >= 500) {
      const err = new Error(`failed with status code ${res.statusCode}`);
      requestLogger(log, req).error({ res: out, err, responseTime }, 'request errored');
    } else {
      requestLogger(log, req).info({ res: out, responseTime }, 'request completed');
    }
  };
  res.on('finish', done);
  res.on('close', done);
}
