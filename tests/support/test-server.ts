/** An in-process server on a real SQLite file in a temp dir, for fast device-side tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { type LoginResponse, loginResponseSchema } from '../../src/domain/protocol';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { seedDemoData } from '../../src/server/demo/demo-seed';

export const TEST_BASE_URL = 'http://gridkeeper.test';

export interface TestServer {
  app: Hono;
  db: Kysely<Database>;
  /** A `fetch` that answers from the in-process app. */
  fetch: typeof fetch;
  login(username: string, password?: string): Promise<LoginResponse>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-test-'));
  const db = await openDatabase({ sqlitePath: join(dir, 'test.sqlite') });
  await seedDemoData(db);
  const app = createApp({ db });
  const fetchImpl: typeof fetch = async (input, init) => app.fetch(new Request(input, init));
  return {
    app,
    db,
    fetch: fetchImpl,
    async login(username, password = 'demo123456') {
      const response = await fetchImpl(`${TEST_BASE_URL}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status}`);
      return loginResponseSchema.parse(await response.json());
    },
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
