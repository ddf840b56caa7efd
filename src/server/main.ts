/**
 * `tsx src/server/main.ts`: the API and the built app on one port (DESIGN.md "Running the server").
 * Env: PORT (8080), DATA_DIR (./data), DATABASE_URL (postgres://… instead of SQLite), DEMO (on; 0 = off),
 * TRUST_PROXY (1 = behind one reverse proxy that sets X-Forwarded-For; off by default).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { createApp } from './app';
import { openDatabase } from './db/database';
import type { Database } from './db/schema';
import { DEMO_ACCOUNTS, seedDemoData } from './demo/demo-seed';
import { serveBuiltApp } from './serve-built-app';

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

/** DATA_DIR with its photos folder, created if missing: photos live on disk with either database. */
function prepareDataDir(): string {
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  try {
    mkdirSync(resolve(dataDir, 'photos'), { recursive: true });
  } catch (error) {
    fail(`the data directory ${dataDir} cannot be created (set DATA_DIR to a writable directory).`, error);
  }
  return dataDir;
}

async function openData(dataDir: string): Promise<Kysely<Database>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    try {
      return await openDatabase({ url });
    } catch (error) {
      fail('the PostgreSQL database in DATABASE_URL is unusable.', error);
    }
  }
  const sqlitePath = resolve(dataDir, 'gridkeeper.sqlite');
  try {
    return await openDatabase({ sqlitePath });
  } catch (error) {
    fail(`the database file ${sqlitePath} is unusable (set DATA_DIR to a writable directory).`, error);
  }
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
  const dataDir = prepareDataDir();
  const db = await openData(dataDir);
  if (demo) await seedDemoData(db);

  const app = createApp({
    db,
    version: readVersion(),
    demoAccounts: demo,
    trustProxy: process.env.TRUST_PROXY === '1',
    photoDir: resolve(dataDir, 'photos'),
  });
  // DIST_DIR lets a deployment (or the update test) serve a build from elsewhere.
  const distDir = resolve(process.env.DIST_DIR ?? 'dist');
  if (!serveBuiltApp(app, distDir)) {
    console.warn(
      `No built app in ${distDir}: serving the API only. Run \`npm run build\` (or \`npm start\`).`,
    );
  }

  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(`Gridkeeper listening on http://localhost:${info.port}`);
    if (demo) {
      for (const account of DEMO_ACCOUNTS) {
        console.log(
          `demo account: ${account.username} / ${account.password} — ${account.roleLabel} — ${account.scopeLabel}`,
        );
      }
    }
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
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
    server.close(() => {
      void db.destroy().then(() => process.exit(0));
    });
    // Open keep-alive connections would hold close() open; a phone retries a dropped sync anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => fail('an unexpected error.', error));
