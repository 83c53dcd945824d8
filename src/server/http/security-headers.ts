/**
 * Response headers that keep personal data out of caches and the web app out of other sites'
 * frames. One hook for every answer, so a new route cannot forget them.
 */
import type { FastifyInstance } from 'fastify';

/**
 * The web app's Content-Security-Policy. Scripts only from our own origin (Vite emits no inline
 * script); styles allow 'unsafe-inline' because Ant Design injects its CSS-in-JS as <style>
 * elements at run time; images allow data: and blob: for the inline favicon, ECharts' exports
 * and (later) photos taken offline.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI (`/api/docs`) sets its own script policy; ours only forbids framing it. */
const DOCS_CSP = "frame-ancestors 'none'";

export interface SecurityHeadersOptions {
  /** HSTS only when the deployment is served over HTTPS (the same switch as secure cookies). */
  https: boolean;
}

/**
 * Adds the security headers to every answer, and `Cache-Control: no-store` to every API answer:
 * households, reveals, `auth/me` and exports carry personal data, and an API answer that does
 * not is cheap to fetch again, so one rule covers them all without a list to keep up to date.
 *
 * @example
 * registerSecurityHeaders(app, { https: env.COOKIE_SECURE });
 */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions) {
  // Set on the raw response at the start: Node merges them into whatever is written later, so
  // streamed answers that take over the response (XLSX exports) carry them too, and a route or
  // the static server can still override one (e.g. the assets' Cache-Control).
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const raw = reply.raw;
    raw.setHeader('x-content-type-options', 'nosniff');
    raw.setHeader('referrer-policy', 'no-referrer');
    raw.setHeader('x-frame-options', 'DENY');
    raw.setHeader('cross-origin-opener-policy', 'same-origin');
    if (options.https) raw.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    raw.setHeader('content-security-policy', path.startsWith('/api/docs') ? DOCS_CSP : WEB_CSP);
    if (path.startsWith('/api/')) raw.setHeader('cache-control', 'no-store');
  });
}

/**
 * Cache-Control for the built web app: Vite's hashed files under /assets/ never change, so they
 * are immutable for a year; everything else (index.html, the service worker) must be revalidated
 * so an update reaches open tabs.
 */
export function webCacheControl(filePath: string): string {
  return /[\\/]assets[\\/][^\\/]+$/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
