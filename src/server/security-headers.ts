import type { MiddlewareHandler } from 'hono';

/**
 * The built app has no inline script (checked in dist/index.html) and loads everything from its
 * own origin; components set inline `style` attributes, hence 'unsafe-inline' for styles only.
 * Photo thumbnails are blob: URLs. A map with remote tiles or a blob: worker must add them here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const PHOTO_PATH = /^\/api\/photos\/[^/]+$/;

/**
 * Sets the security headers on every response, API and static app alike, errors included; API
 * answers are `no-store` (they hold personal data) except a photo GET that set its own caching.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    const path = c.req.path;
    if (path !== '/api' && !path.startsWith('/api/')) return;
    const ownPhotoCaching = c.req.method === 'GET' && PHOTO_PATH.test(path) && headers.has('Cache-Control');
    if (!ownPhotoCaching) headers.set('Cache-Control', 'no-store');
  };
}
