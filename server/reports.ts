// GET /reports/plan-indicators.csv and .svg, /reports/plan-evaluation.csv, .svg and .html: thin routes over services/indicators/reports.ts.
// Authorization: Bearer <token> of the REGULATOR; errors as JSON with the API's codes
// (401 UNAUTHENTICATED, 403 FORBIDDEN, 400 BAD_USER_INPUT with extensions.field).
import type express from 'express';
import type { Request, Response } from 'express';
import type { AppDeps } from '../services/context';
import { DomainError } from '../services/errors';
import {
  planEvaluationCsv, planEvaluationHtml, planEvaluationSvg, planIndicatorsCsv, planIndicatorsSvg, type Report,
} from '../services/indicators/reports';
import { buildContext } from './context';
import { financingSummaryCsv } from '../services/financing';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404 };

function route(deps: AppDeps, contentType: string, disposition: 'attachment' | 'inline', make: typeof planIndicatorsCsv) {
  return async (req: Request, res: Response) => {
    let report: Report;
    try {
      report = await make(await buildContext(deps, req, req.ip), req.query as Record<string, unknown>);
    } catch (err) {
      if (err instanceof DomainError && STATUS[err.code]) {
        res.status(STATUS[err.code]!).json({ errors: [{ message: err.message, extensions: { code: err.code, ...(err.field ? { field: err.field } : {}) } }] });
        return;
      }
      req.log.error({ err }, 'report failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `${disposition}; filename="${report.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.send(report.body);
  };
}

export function mountReports(app: express.Express, deps: AppDeps): void {
  app.get('/reports/financing-summary.csv', route(deps, 'text/csv; charset=utf-8', 'attachment', financingSummaryCsv as unknown as typeof planIndicatorsCsv));
  app.get('/reports/plan-indicators.csv', route(deps, 'text/csv; charset=utf-8', 'attachment', planIndicatorsCsv));
  app.get('/reports/plan-indicators.svg', route(deps, 'image/svg+xml; charset=utf-8', 'inline', planIndicatorsSvg));
  app.get('/reports/plan-evaluation.csv', route(deps, 'text/csv; charset=utf-8', 'attachment', planEvaluationCsv));
  app.get('/reports/plan-evaluation.svg', route(deps, 'image/svg+xml; charset=utf-8', 'inline', planEvaluationSvg));
  app.get('/reports/plan-evaluation.html', route(deps, 'text/html; charset=utf-8', 'inline', planEvaluationHtml));
}
