// POST /imports/register: a register extract as the request body (Content-Type text/csv), streamed
// into memory up to IMPORT_MAX_BYTES (16mb by default, about 100,000 rows) and refused with 413
// beyond. ?dryRun=true reports without writing. Authorization: Bearer <token> of the REGULATOR.
// Answers the same JSON as the importRegisterExtract mutation (services/assets/registerImport.ts).
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from '../services/context';
import { DomainError } from '../services/errors';
import { importRegisterExtract } from '../services/assets/registerImport';
import { buildContext } from './context';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };

function errorBody(code: string, message: string, field?: string) {
  return { errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] };
}

export function mountImports(app: express.Express, deps: AppDeps): void {
  const limit = deps.config.IMPORT_MAX_BYTES;
  app.post(
    '/imports/register',
    // Authenticate before reading the body: a stranger's 50 MB upload is refused unread.
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (!(await buildContext(deps, req, req.ip)).viewer) {
          res.status(401).json(errorBody('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>'));
          return;
        }
      } catch (err) {
        if (err instanceof DomainError) {
          res.status(401).json(errorBody(err.code, err.message));
          return;
        }
        throw err;
      }
      next();
    },
    express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit, defaultCharset: 'utf-8' }),
    async (req: Request, res: Response) => {
      if (typeof req.body !== 'string') {
        res.status(415).json(errorBody('BAD_USER_INPUT', 'Send the extract as the body with Content-Type: text/csv', 'csv'));
        return;
      }
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      try {
        res.json(await importRegisterExtract(await buildContext(deps, req, req.ip), req.body, dryRun));
      } catch (err) {
        if (err instanceof DomainError && STATUS[err.code]) {
          res.status(STATUS[err.code]!).json(errorBody(err.code, err.message, err.field));
          return;
        }
        req.log.error({ err }, 'register import failed');
        res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
      }
    },
  );
}
