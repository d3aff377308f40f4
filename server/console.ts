// The web console (web/, built by Vite into web/dist) at /: hashed assets cached for a year, the
// page itself never cached, and every other GET that asks for HTML and is not an API path answers
// index.html so that client routes (/search, /listings/:id, ...) work on reload and as shared links.
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from './paths';

export const consoleDir = path.join(projectRoot, 'web', 'dist');

/** Paths the console must never shadow: the API and the server's own routes answer them (or 404 in JSON). */
const API_PREFIXES = ['/graphql', '/healthz', '/readyz', '/webhooks', '/imports', '/reports'];

export function isApiPath(p: string): boolean {
  return API_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

/**
 * Content-Security-Policy of the console. Ant Design writes its styles into <style> elements at run
 * time (CSS-in-JS), hence 'unsafe-inline' for styles only; scripts come from this origin, plus
 * Stripe.js for the Payment Element (js.stripe.com, its frames and api.stripe.com) where it can load.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self' https://js.stripe.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https://*.stripe.com",
  "font-src 'self' data:",
  "connect-src 'self' https://api.stripe.com",
  'frame-src https://js.stripe.com https://hooks.stripe.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

/** Mounts the console when it has been built; returns false (and mounts nothing) otherwise. */
export function mountConsole(app: express.Express, dir = consoleDir): boolean {
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) return false;
  const indexHtml = fs.readFileSync(indexFile);

  // Vite names every file under assets/ by its content hash: cache for a year, never revalidate.
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      index: false,
      fallthrough: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  // Other files at the top of the build (favicon, robots.txt): revalidate every time.
  app.use(express.static(dir, { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));

  const sendIndex = (_req: Request, res: Response) => {
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(indexHtml);
  };
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (isApiPath(req.path)) return next();
    // A client route: a path that is not a file (no extension in its last segment), asked for by a
    // browser navigation (Accept names text/html). API clients (Accept: */* or JSON) keep the JSON 404.
    if (path.extname(req.path) !== '' || !(req.headers.accept ?? '').includes('text/html')) return next();
    sendIndex(req, res);
  });
  return true;
}
