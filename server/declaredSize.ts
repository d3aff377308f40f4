// A request that declares a body over BODY_LIMIT is answered 413 at once, from its headers. Left to
// the body parser, the 413 came only after the whole declared body had been received (body-parser
// drains the request before answering), so a client could hold a connection open by announcing
// gigabytes. After the answer the body is read and thrown away for at most LINGER_MS, then the
// connection is closed (a lingering close, as nginx does): closing at once made the kernel reset the
// connection under a client still writing, which then lost the 413 it had been sent (EPIPE).
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** "1mb" -> 1048576 (the BODY_LIMIT forms config.ts accepts: b, kb, mb). */
export function limitBytes(limit: string): number {
  const m = /^(\d+)(b|kb|mb)$/.exec(limit);
  if (!m) throw new Error(`bad body limit ${limit}`);
  return Number(m[1]) * (m[2] === 'mb' ? 1024 * 1024 : m[2] === 'kb' ? 1024 : 1);
}

export interface Refusal {
  status: number;
  body: { errors: { message: string; extensions: { code: string } }[] };
}

/** The answer to a request whose declared Content-Length is over `limit` or not a number, or null. */
export function declaredSizeRefusal(declared: string | undefined, limit: { limit: string; max: number }): Refusal | null {
  if (declared === undefined || (/^\d+$/.test(declared) && Number(declared) <= limit.max)) return null;
  const tooLarge = /^\d+$/.test(declared);
  const message = tooLarge ? `Request body is larger than ${limit.limit}` : 'Content-Length is not a number';
  return { status: tooLarge ? 413 : 400, body: { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] } };
}

/** How long a refused body is drained before the connection is closed under it. */
export const LINGER_MS = 5000;

/** Reads and discards what is left of `req`, closing the connection if that takes over LINGER_MS. */
function drainOrClose(req: IncomingMessage): void {
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  const stop = () => clearTimeout(timer);
  req.once('end', stop);
  req.socket.once('close', stop);
  req.resume();
}

/**
 * Answers a refusal with `send` (status, body, extra headers): a 413 then drains the body (above);
 * a Content-Length that is not a number gives no length to read by, so that connection is closed.
 */
export function answerRefusal(req: IncomingMessage, refusal: Refusal, send: (status: number, body: Refusal['body'], headers: Record<string, string>) => void): void {
  if (refusal.status === 413) {
    send(refusal.status, refusal.body, {});
    drainOrClose(req);
    return;
  }
  send(refusal.status, refusal.body, { connection: 'close' });
}

/** `perPath`: routes with a limit of their own (e.g. the register import's IMPORT_MAX_BYTES). */
export function refuseDeclaredOversize(defaultLimit: string, perPath: Record<string, string> = {}) {
  const limits = new Map(Object.entries(perPath).map(([p, l]) => [p, { limit: l, max: limitBytes(l) }]));
  const fallback = { limit: defaultLimit, max: limitBytes(defaultLimit) };
  return (req: Request, res: Response, next: NextFunction): void => {
    const refusal = declaredSizeRefusal(req.headers['content-length'], limits.get(req.path) ?? fallback);
    if (refusal) {
      answerRefusal(req, refusal, (status, body, headers) => {
        for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        res.status(status).json(body);
      });
      return;
    }
    next();
  };
}
