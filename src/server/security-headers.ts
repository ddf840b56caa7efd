import type { MiddlewareHandler } from 'hono';

/**
 * The built app has no inline script (checked in dist/index.html) and loads everything from its
 * own origin; components set inline `style` attributes, hence 'unsafe-inline' for styles only.
 * Photo thumbnails are blob: URLs. The one outside origin ever allowed is a configured tile
 * server's (TILE_URL), for images and fetches only: MapLibre fetches raster tiles.
 */
export function contentSecurityPolicy(tileOrigin?: string): string {
  const tiles = tileOrigin ? ` ${tileOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' blob: data:${tiles}`,
    `connect-src 'self'${tiles}`,
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The policy of a deployment with no outside tile server. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

const PHOTO_PATH = /^\/api\/photos\/[^/]+$/;

/**
 * Sets the security headers on every response, API and static app alike, errors included; API
 * answers are `no-store` (they hold personal data) except a photo GET that set its own caching.
 */
export function securityHeaders(tileOrigin?: string): MiddlewareHandler {
  const securityHeaders: Readonly<Record<string, string>> = {
    'Content-Security-Policy': contentSecurityPolicy(tileOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    const path = c.req.path;
    if (path !== '/api' && !path.startsWith('/api/')) return;
    const ownPhotoCaching = c.req.method === 'GET' && PHOTO_PATH.test(path) && headers.has('Cache-Control');
    if (!ownPhotoCaching) headers.set('Cache-Control', 'no-store');
  };
}
