/**
 * `tsx src/server/main.ts`: the API and the built app on one port (DESIGN.md "Running the server").
 * Env: PORT (8080), DATA_DIR (./data), DATABASE_URL (postgres://… instead of SQLite), DEMO (on; 0 = off),
 * TRUST_PROXY (1 = behind one reverse proxy that sets X-Forwarded-For; off by default),
 * TILE_URL / TILE_TYPE / TILE_MIN_ZOOM / TILE_MAX_ZOOM / TILE_SIZE / TILE_ATTRIBUTION (an optional
 * raster basemap, tile-config.ts), SUPERVISION_INTERVAL_MS (how often this process tries the
 * supervision job; 10 minutes, 0 = never here).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { installStoredCalendar } from './admin/calendar-commands';
import { createApp } from './app';
import { DEMO_ACCOUNTS, seedDemoData } from './demo/demo-seed';
import { serveBuiltApp } from './serve-built-app';
import { ConfigError, openConfiguredDatabase, prepareDataDir, supervisionIntervalMs } from './server-config';
import { startSupervision } from './supervision/supervision-job';
import { readTileConfig } from './tile-config';

const DEFAULT_PORT = 8080;

function fail(message: string, cause?: unknown): never {
  console.error(`Gridkeeper could not start: ${message}`);
  if (cause !== undefined) console.error(cause instanceof Error ? cause.message : cause);
  process.exit(1);
}

function readPort(): number {
  const raw = process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) fail(`PORT must be a number 0..65535, got "${raw}"`);
  return port;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const port = readPort();
  const demo = !['0', 'false', 'off'].includes(process.env.DEMO ?? '');
  // Checked before the database opens, so a typo in TILE_URL fails fast and touches nothing.
  const tiles = readTileConfig();
  const supervisionMs = supervisionIntervalMs();
  const dataDir = prepareDataDir();
  const db = await openConfiguredDatabase(dataDir);
  if (demo) await seedDemoData(db);
  // Deadlines count on the holiday schedules an admin loaded, as well as the built-in years.
  await installStoredCalendar({ db });

  const app = createApp({
    db,
    version: readVersion(),
    demoAccounts: demo,
    trustProxy: process.env.TRUST_PROXY === '1',
    photoDir: resolve(dataDir, 'photos'),
    tiles,
  });
  // DIST_DIR lets a deployment (or the update test) serve a build from elsewhere.
  const distDir = resolve(process.env.DIST_DIR ?? 'dist');
  if (!serveBuiltApp(app, distDir)) {
    console.warn(
      `No built app in ${distDir}: serving the API only. Run \`npm run build\` (or \`npm start\`).`,
    );
  }

  let stopSupervision = () => {};
  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(`Gridkeeper listening on http://localhost:${info.port}`);
    if (tiles)
      console.log(
        `basemap: ${tiles.type} tiles from ${tiles.url}, offline zooms ${tiles.minZoom}–${tiles.maxZoom}`,
      );
    if (demo) {
      for (const account of DEMO_ACCOUNTS) {
        console.log(
          `demo account: ${account.username} / ${account.password} — ${account.roleLabel} — ${account.scopeLabel}`,
        );
      }
    }
    // The 黄牌/红牌 job, once the start banner is out: every process ticks, and the one that
    // claims the job in the database runs it.
    if (supervisionMs > 0)
      stopSupervision = startSupervision(db, {
        owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        now: () => new Date(),
        intervalMs: supervisionMs,
      });
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    stopSupervision();
    void db.destroy();
    if (error.code === 'EADDRINUSE') fail(`port ${port} is already in use (set PORT to a free port).`);
    if (error.code === 'EACCES') fail(`port ${port} needs privileges this user lacks (set PORT above 1023).`);
    fail(`the server failed to listen on port ${port}.`, error);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing Gridkeeper`);
    stopSupervision();
    server.close(() => {
      void db.destroy().then(() => process.exit(0));
    });
    // Open keep-alive connections would hold close() open; a phone retries a dropped sync anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) =>
  error instanceof ConfigError ? fail(error.message, error.cause) : fail('an unexpected error.', error),
);
