import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

const NO_CACHE = 'no-cache';
/** Vite puts content-hashed files under /assets/: a new build gives new names, so they never go stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built app from `distDir` after the API routes: files as they are, and index.html for
 * client-side routes (GETs outside /api without a file extension). Without a build, pages answer
 * 503 saying so, and this answers false.
 */
export function serveBuiltApp(app: Hono, distDir: string): boolean {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    app.get('*', (c, next) =>
      isApiPath(c.req.path)
        ? next()
        : c.text(`The app is not built (no ${indexPath}): run npm run build.`, 503),
    );
    return false;
  }
  // serveStatic resolves its root against the working directory.
  const root = relative(process.cwd(), distDir) || '.';

  const files = serveStatic({ root });

  // Middleware (`use`), not handlers: each may fall through to the next with `next()`.
  app.use('*', async (c, next) => {
    if (isApiPath(c.req.path) || isHiddenPath(c.req.path)) return next();
    const response = await files(c, next);
    // Set here, not in serveStatic's onFound: that runs after the response is built and is lost.
    // When no file matched, serveStatic has already run the next middleware and answers no Response.
    if (response instanceof Response) response.headers.set('Cache-Control', cacheControl(c.req.path));
    return response;
  });
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== 'GET' || isApiPath(path) || isHiddenPath(path) || extname(path) !== '')
      return next();
    c.header('Cache-Control', NO_CACHE);
    return c.html(await readFile(indexPath, 'utf8'));
  });
  return true;
}

/**
 * A dotfile or anything in a dot-directory (dist/.vite/manifest.json, the build's metadata): the app
 * never asks for one, so none is served. Percent-encoded paths (`/%2evite/…`) serveStatic refuses itself.
 */
function isHiddenPath(path: string): boolean {
  return /(?:^|\/)\./.test(path);
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function cacheControl(requestPath: string): string {
  // Everything else (index.html, sw.js, the manifest, icons) is revalidated, or an update never reaches the phone.
  return requestPath.startsWith('/assets/') ? IMMUTABLE : NO_CACHE;
}
