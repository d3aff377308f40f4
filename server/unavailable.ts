// "Database unavailable": while the database cannot be reached (the embedded FerretDB is being
// restarted, or MONGODB_URI's server is down) requests get HTTP 503 with one clear error,
// extensions.code SERVICE_UNAVAILABLE and a Retry-After header, instead of a masked internal error.
// Two ways in: the gate below answers before anything runs while the supervisor knows the database
// is down; and a driver connectivity error met while a request runs is reported the same way.
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLRequestListener } from '@apollo/server';
import type { GraphQLContext } from './context';

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const DB_UNAVAILABLE_MESSAGE = 'Database unavailable; try again in a few seconds';
const RETRY_AFTER_SECONDS = '2';

const CONNECTIVITY_ERROR =
  /^Mongo(ose)?(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|PoolCleared|PoolClosed)Error$/;

/** True for a driver error that means "the database cannot be reached", not a fault of the request. */
export function isDbUnavailableError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (typeof name === 'string' && CONNECTIVITY_ERROR.test(name)) return true;
    if (typeof message === 'string' && /before initial connection is complete|connection .* closed/i.test(message) && /^Mongo/.test(String(name))) return true;
  }
  return false;
}

export function unavailableBody(): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message: DB_UNAVAILABLE_MESSAGE, extensions: { code: SERVICE_UNAVAILABLE } }] };
}

/** Express middleware: 503 before anything runs while `available()` is false. */
export function unavailableGate(available: () => boolean) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (available()) return next();
    res.status(503).setHeader('retry-after', RETRY_AFTER_SECONDS);
    res.json(unavailableBody());
  };
}

/** Apollo plugin: a response carrying SERVICE_UNAVAILABLE is sent as HTTP 503 with Retry-After. */
export function unavailableStatusListener(): GraphQLRequestListener<GraphQLContext> {
  return {
    async willSendResponse({ response }) {
      if (response.body.kind !== 'single') return;
      const errors = response.body.singleResult.errors ?? [];
      if (!errors.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) return;
      response.http.status = 503;
      response.http.headers.set('retry-after', RETRY_AFTER_SECONDS);
    },
  };
}

