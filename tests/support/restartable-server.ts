/**
 * The real server (createApp + openDatabase) on a real SQLite file or PostgreSQL database that a
 * test can restart like a crashed process: close the Kysely db, reopen the same storage, build a
 * new app. Many short-lived servers come from one seeded template (a file copy on SQLite,
 * `CREATE DATABASE … TEMPLATE` on PostgreSQL), so a fresh one costs milliseconds, and the sessions
 * made on the template sign devices in on every copy.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type LoginResponse, loginResponseSchema } from '../../src/domain/protocol';
import { createApp } from '../../src/server/app';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import type { Dialect } from './test-server';

export interface RestartableServer {
  /** Answers from whichever app is running now. */
  fetch: typeof fetch;
  /** The database handle of the running server (a new one after each restart). */
  db(): Kysely<Database>;
  /** Closes the database and starts a new app on the same storage, as after a crash. */
  restart(): Promise<void>;
  restarts: number;
  close(): Promise<void>;
}

export interface ServerTemplate {
  dialect: Dialect;
  /** Sessions made on the template, valid on every server made from it. */
  sessions: ReadonlyMap<string, LoginResponse>;
  instantiate(): Promise<RestartableServer>;
  drop(): Promise<void>;
}

/** Seeds a template database and signs `usernames` in on it. */
export async function createServerTemplate(
  dialect: Dialect,
  usernames: readonly string[],
): Promise<ServerTemplate> {
  const storage = dialect === 'sqlite' ? sqliteStorage() : await postgresStorage();
  const db = await openDatabase(storage.config);
  const sessions = new Map<string, LoginResponse>();
  try {
    await seedDemoData(db);
    const app = createApp({ db });
    for (const username of usernames) sessions.set(username, await login(app, username));
  } finally {
    await db.destroy();
  }
  return {
    dialect,
    sessions,
    instantiate: async () => startServer(await storage.copy()),
    drop: storage.drop,
  };
}

async function login(app: Hono, username: string): Promise<LoginResponse> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo123456' }),
  });
  if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status}`);
  return loginResponseSchema.parse(await response.json());
}

interface Storage {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function startServer(storage: Storage): Promise<RestartableServer> {
  let db = await openDatabase(storage.config);
  let app = createApp({ db });
  // Restarts asked for at once (two requests both "crash" it) run one after the other.
  let restarting: Promise<void> = Promise.resolve();
  const server: RestartableServer = {
    fetch: async (input, init) => app.fetch(new Request(input, init)),
    db: () => db,
    restarts: 0,
    restart() {
      restarting = restarting.then(async () => {
        await db.destroy();
        db = await openDatabase(storage.config);
        app = createApp({ db });
        server.restarts += 1;
      });
      return restarting;
    },
    async close() {
      await restarting;
      await db.destroy();
      await storage.drop();
    },
  };
  return server;
}

function sqliteStorage(): Storage & { copy(): Promise<Storage> } {
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-model-'));
  const template = join(dir, 'template.sqlite');
  let copies = 0;
  return {
    config: { sqlitePath: template },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
    // The template is closed (its WAL checkpointed) before any copy is made.
    async copy() {
      copies += 1;
      const path = join(dir, `server-${copies}.sqlite`);
      copyFileSync(template, path);
      return {
        config: { sqlitePath: path },
        drop: async () => {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
        },
      };
    },
  };
}

async function postgresStorage(): Promise<Storage & { copy(): Promise<Storage> }> {
  const adminUrl = process.env.DATABASE_URL ?? '';
  // One connection for the many CREATE and DROP DATABASE statements, not one each.
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1 });
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  };
  const freshName = () => `gridkeeper_model_${randomUUID().replaceAll('-', '')}`;
  const template = freshName();
  await admin.query(`CREATE DATABASE ${template}`);
  return {
    config: { url: urlOf(template) },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${template}`);
      await admin.end();
    },
    async copy() {
      const name = freshName();
      // FILE_COPY copies the small template's files: half the time of PostgreSQL 15's default,
      // which writes every block to the WAL.
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
      return {
        config: { url: urlOf(name) },
        drop: () => admin.query(`DROP DATABASE IF EXISTS ${name}`).then(() => {}),
      };
    },
  };
}
