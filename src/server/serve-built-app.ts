import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';

const NO_CACHE = 'no-cache';
/** Vite puts content-hashed files under /assets/: a new build gives new names, so they never go stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built app from `distDir` after the API routes: files as they are, and index.html for
 * client-side routes (GETs outside /api without a file extension). Without a build, pages answer
 * 503 saying so, and this answers false.
 */
export function serveBuiltApp(app: Hono<AppEnv>, distDir: string): boolean {
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

  const files = serveStatic<AppEnv>({
    root,
    onFound: (path, c) => c.header('Cache-Control', cacheControl(path)),
  });

  app.get('*', (c, next) => (isApiPath(c.req.path) ? next() : files(c, next)));
  app.get('*', async (c, next) => {
    if (isApiPath(c.req.path) || extname(c.req.path) !== '') return next();
    c.header('Cache-Control', NO_CACHE);
    return c.html(await readFile(indexPath, 'utf8'));
  });
  return true;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function cacheControl(path: string): string {
  // The service worker and the shell must be revalidated, or an update never reaches the phone.
  if (path.endsWith('sw.js') || path.endsWith('.html') || path.endsWith('.webmanifest')) return NO_CACHE;
  if (path.includes('/assets/') || path.startsWith('assets/')) return IMMUTABLE;
  return NO_CACHE;
}
