import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { type TileSource, tileOrigin } from '../domain/map-config';
import type { ErrorBody } from '../domain/protocol';
import { ApiError } from './api-error';
import type { AppDeps } from './app-env';
import { revealRoute } from './audit/reveal-route';
import { authRoutes } from './auth/auth-routes';
import { isDatabaseUnavailable } from './db/database-unavailable';
import type { Database } from './db/schema';
import { exportRoute } from './export/export-route';
import { figuresRoute } from './figures-route';
import { gridsRoute } from './grids-route';
import { mapConfigRoute } from './map-config-route';
import { photoRoutes } from './photos/photo-routes';
import { pullRoute } from './pull/pull-route';
import { pushRoute } from './push/push-route';
import { securityHeaders } from './security-headers';

/** What a 503 asks the device to wait while the database fails over. */
const RETRY_AFTER_UNAVAILABLE_S = 2;

export interface CreateAppOptions {
  db: Kysely<Database>;
  /** The clock; tests move it to expire sessions. */
  now?: () => Date;
  version?: string;
  /** Whether demo accounts may sign in; on by default, off when the server runs with DEMO=0. */
  demoAccounts?: boolean;
  /** Whether one reverse proxy in front sets X-Forwarded-For; off by default (env TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** Where photo files live (DATA_DIR/photos); when absent, as in tests, a temp dir made at the first photo. */
  photoDir?: string;
  /** The basemap's tile source (env TILE_URL…); none by default. */
  tiles?: TileSource | null;
}

/** The REST API of DESIGN.md "Sync protocol v1", under /api. Static files are main.ts's business. */
export function createApp(options: CreateAppOptions): Hono {
  const deps: AppDeps = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    version: options.version ?? '0.0.0',
    demoAccounts: options.demoAccounts ?? true,
    trustProxy: options.trustProxy ?? false,
  };
  const app = new Hono();
  // First, so that its headers land on every answer: routes, errors and the static app (serveBuiltApp).
  const tiles = options.tiles ?? null;
  app.use('*', securityHeaders(tiles ? tileOrigin(tiles.url) : undefined));

  app.get('/api/health', (c) => c.json({ ok: true, version: deps.version }));
  app.route('/api', authRoutes(deps));
  app.route('/api', pushRoute(deps));
  app.route('/api', pullRoute(deps));
  app.route('/api', gridsRoute(deps));
  app.route('/api', figuresRoute(deps));
  app.route('/api', exportRoute(deps));
  app.route('/api', revealRoute(deps));
  app.route('/api', mapConfigRoute(deps, tiles));
  app.route(
    '/api',
    photoRoutes(deps, options.photoDir ?? join(tmpdir(), `gridkeeper-photos-${randomUUID()}`)),
  );

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError)
      return c.json(
        error.wipe
          ? { error: { ...errorBody(error.code, error.message).error, wipe: true } }
          : errorBody(error.code, error.message, error.issues),
        error.status,
        error.headers,
      );
    // The primary died or is failing over: nothing was acknowledged, the device retries.
    if (isDatabaseUnavailable(error)) {
      console.warn('Database unavailable on %s %s: %s', c.req.method, c.req.path, error.message);
      return c.json(errorBody('internal', 'The database is unavailable; retry shortly'), 503, {
        'retry-after': String(RETRY_AFTER_UNAVAILABLE_S),
      });
    }
    console.error('Unexpected error on %s %s:', c.req.method, c.req.path, error);
    return c.json(errorBody('internal', 'Internal server error'), 500);
  });
  return app;
}

function errorBody(
  code: ErrorBody['code'],
  message: string,
  issues?: ErrorBody['issues'],
): { error: ErrorBody } {
  return { error: issues ? { code, message, issues } : { code, message } };
}
