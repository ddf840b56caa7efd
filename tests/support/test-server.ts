/**
 * The real server in process for one test file: createApp on a real SQLite file in a temp dir, or
 * (dialect 'postgres') on a fresh PostgreSQL database, seeded with the demo data. Server tests
 * drive it through `app.request` (`call`, `push`, `pull`); device-side tests hand its `fetch` to
 * the sync code.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type LoginResponse, loginResponseSchema, type MutationOp } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { createApp } from '../../src/server/app';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { seedDemoData } from '../../src/server/demo/demo-seed';

export type Dialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when DATABASE_URL points at a server we may create databases on. */
export const DIALECTS: Dialect[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The origin device-side code is given for the in-process server (its `fetch` ignores it). */
export const TEST_BASE_URL = 'http://gridkeeper.test';

export const HUBIN_GRID_1 = 'dachang-hubin-01';
export const HUBIN_GRID_2 = 'dachang-hubin-02';
export const TIEQIAO_GRID_1 = 'taishan-tieqiao-01';

/** Where the fixed clock starts. */
const FIXED_NOW = '2026-11-26T08:00:00.000Z';

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes.
  body: any;
}

export interface TestServerOptions {
  /**
   * 'fixed' (the default): the server's clock stands at FIXED_NOW until a test moves `clock.now`
   * (sessions expire, audit rows age, a phone's clock is a day ahead). 'real': the wall clock,
   * for device-side tests. The sync code stamps records with the test machine's clock, and the
   * server rejects record times more than a day ahead of its own (domain/device-clock.ts), so a
   * server standing at FIXED_NOW would refuse every record a device makes once that day is past.
   */
  clock?: 'fixed' | 'real';
}

export interface TestServer {
  app: Hono;
  db: Kysely<Database>;
  /** Its storage, to open another handle on it as a second server process would. */
  config: DatabaseConfig;
  /** The server's clock; move it to expire sessions (only with the fixed clock: the real one refuses). */
  clock: { now: Date };
  /** A `fetch` that answers from the in-process app, for device-side code. */
  fetch: typeof fetch;
  login(username: string, password?: string): Promise<LoginResponse>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string },
  ): Promise<Reply>;
  push(token: string, clientId: string, mutations: unknown[]): Promise<Reply>;
  pull(token: string, clientId: string, query?: Record<string, string>): Promise<Reply>;
  count(table: 'records' | 'record_revisions' | 'audit_log' | 'mutations'): Promise<number>;
  close(): Promise<void>;
}

/** An empty database of `dialect` (a temp SQLite file or a fresh PostgreSQL database) and how to drop it. */
export function emptyStorage(dialect: Dialect): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  return dialect === 'sqlite' ? Promise.resolve(sqliteStorage()) : postgresStorage();
}

export async function startTestServer(
  dialect: Dialect = 'sqlite',
  options: TestServerOptions = {},
): Promise<TestServer> {
  const storage = await emptyStorage(dialect);
  const db = await openDatabase(storage.config);
  const clock = options.clock === 'real' ? realClock() : { now: new Date(FIXED_NOW) };
  await seedDemoData(db, clock.now);
  const app = createApp({ db, now: () => clock.now, version: 'test' });

  const call: TestServer['call'] = async (method, path, callOptions = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
    const body =
      callOptions.raw ?? (callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body));
    const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };

  return {
    app,
    db,
    config: storage.config,
    clock,
    call,
    fetch: async (input, init) => app.fetch(new Request(input, init)),
    async login(username, password = 'demo123456') {
      const reply = await call('POST', '/api/auth/login', { body: { username, password } });
      if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
      return loginResponseSchema.parse(reply.body);
    },
    push: (token, clientId, mutations) =>
      call('POST', '/api/sync/push', { token, body: { protocol: 1, clientId, mutations } }),
    pull: (token, clientId, query = {}) =>
      call('GET', `/api/sync/pull?${new URLSearchParams({ clientId, ...query })}`, { token }),
    async count(table) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      await db.destroy();
      await storage.drop();
    },
  };
}

function realClock(): { now: Date } {
  return {
    get now() {
      return new Date();
    },
    set now(_moved: Date) {
      throw new Error(
        "the test server runs on the real clock: start it with { clock: 'fixed' } to move time",
      );
    },
  };
}

let seq = 0;

/** A wire mutation for `record`; seq rises across the test file like a device's. */
export function mutation(
  record: GridRecord,
  options: { op?: MutationOp; baseRev?: number; id?: string } = {},
) {
  seq += 1;
  return {
    id: options.id ?? randomUUID(),
    seq,
    op: options.op ?? 'upsert',
    baseRev: options.baseRev ?? 0,
    record,
  };
}

function sqliteStorage() {
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-server-test-'));
  return {
    config: { sqlitePath: join(dir, 'gridkeeper.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStorage() {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const name = `gridkeeper_test_${randomUUID().replaceAll('-', '')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { config: { url: url.href }, drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
}

/** `PUT /api/photos/:sha256` of PNG bytes with `token`, answered by its status. */
export async function putPhoto(
  server: TestServer,
  sha256: string,
  bytes: Uint8Array<ArrayBuffer>,
  token: string,
): Promise<number> {
  const response = await server.app.request(`/api/photos/${sha256}`, {
    method: 'PUT',
    headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
    body: bytes,
  });
  return response.status;
}

/** `GET /api/photos/:sha256` with `token`. */
export function getPhoto(server: TestServer, sha256: string, token: string): Promise<Response> {
  return Promise.resolve(
    server.app.request(`/api/photos/${sha256}`, { headers: { authorization: `Bearer ${token}` } }),
  );
}
