// A request that declares a body over BODY_LIMIT is answered 413 at once, from its headers. Left to
// the body parser, the 413 came only after the whole declared body had been received (body-parser
// drains the request before answering), so a client could hold a connection open by announcing
// gigabytes. The connection is closed after the answer: the unread body is not waited for.
import type { NextFunction, Request, Response } from 'express';

/** "1mb" -> 1048576 (the BODY_LIMIT forms config.ts accepts: b, kb, mb). */
export function limitBytes(limit: string): number {
  const m = /^(\d+)(b|kb|mb)$/.exec(limit);
  if (!m) throw new Error(`bad body limit ${limit}`);
  return Number(m[1]) * (m[2] === 'mb' ? 1024 * 1024 : m[2] === 'kb' ? 1024 : 1);
}

/** `perPath`: routes with a limit of their own (e.g. the register import's IMPORT_MAX_BYTES). */
export function refuseDeclaredOversize(defaultLimit: string, perPath: Record<string, string> = {}) {
  const limits = new Map(Object.entries(perPath).map(([p, l]) => [p, { limit: l, max: limitBytes(l) }]));
  const fallback = { limit: defaultLimit, max: limitBytes(defaultLimit) };
  return (req: Request, res: Response, next: NextFunction): void => {
    const { limit, max } = limits.get(req.path) ?? fallback;
    const declared = req.headers['content-length'];
    if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > max)) {
      const tooLarge = /^\d+$/.test(declared);
      res.setHeader('connection', 'close');
      res.status(tooLarge ? 413 : 400).json({
        errors: [{ message: tooLarge ? `Request body is larger than ${limit}` : 'Content-Length is not a number', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    next();
  };
}
