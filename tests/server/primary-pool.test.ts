/**
 * The multi-host DATABASE_URL: how it is split into hosts, which failures count as "the database
 * is not there right now" (answered 503), and, on PostgreSQL, that the server connects past a host
 * that is down. The failover itself is tests/server/failover.test.ts.
 */
import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../../src/server/db/database-unavailable';
import { hostUrls } from '../../src/server/db/primary-pool';
import type { Database } from '../../src/server/db/schema';
import { freePort } from '../e2e/support/server-process';
import { emptyStorage } from '../support/test-server';

describe('hostUrls', () => {
  it('makes one connection string per host, in order, keeping credentials and parameters', () => {
    expect(
      hostUrls(
        'postgres://u:p%40ss@10.0.0.1:5432,10.0.0.2:5433/grid?sslmode=require&target_session_attrs=read-write',
      ),
    ).toEqual([
      { host: '10.0.0.1:5432', url: 'postgres://u:p%40ss@10.0.0.1:5432/grid?sslmode=require' },
      { host: '10.0.0.2:5433', url: 'postgres://u:p%40ss@10.0.0.2:5433/grid?sslmode=require' },
    ]);
  });

  it('leaves a single-host URL as it is', () => {
    expect(hostUrls('postgresql://postgres@127.0.0.1:54330/postgres')).toEqual([
      { host: '127.0.0.1:54330', url: 'postgresql://postgres@127.0.0.1:54330/postgres' },
    ]);
  });

  it('refuses session attributes that would let the server land on a standby', () => {
    expect(() => hostUrls('postgres://u@a,b/db?target_session_attrs=read-only')).toThrow(/read-write/);
    expect(() => hostUrls('postgres://u@a,b/db?target_session_attrs=any')).toThrow(/not supported/);
    expect(() => hostUrls('postgres://u@a,,b/db')).toThrow(/empty host/);
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it('is true for a lost or refused connection, a shutdown, and a read-only server', () => {
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('25006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('08006') }))).toBe(true);
    expect(isDatabaseUnavailable(new DatabaseUnavailableError('no primary'))).toBe(true);
  });

  it('is false for errors a retry would not fix', () => {
    expect(isDatabaseUnavailable(withCode('23505'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('SQLITE_CONSTRAINT'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
  });
});

describe('the API without a database', () => {
  it('answers 503 with Retry-After, not 500, while no primary can be reached', async () => {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: {
          connect: () => Promise.reject(new DatabaseUnavailableError('no writable PostgreSQL primary')),
          end: async () => undefined,
        },
      }),
    });
    const app = createApp({ db });
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hb-grid01', password: 'demo123456' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'The database is unavailable; retry shortly' },
    });
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))('a multi-host DATABASE_URL on PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('skips a host that refuses connections and uses the next one', async () => {
    const storage = await emptyStorage('postgres');
    cleanups.push(storage.drop);
    const url = new URL('url' in storage.config ? storage.config.url : '');
    const down = `127.0.0.1:${await freePort()}`;
    const multiHost = `postgres://${url.username}@${down},${url.host}${url.pathname}?target_session_attrs=read-write`;
    const db = await openDatabase({ url: multiHost });
    try {
      const users = await db.selectFrom('users').select('id').execute();
      expect(users).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('fails with a message naming every host when none takes writes', async () => {
    const hosts = [`127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`];
    await expect(openDatabase({ url: `postgres://postgres@${hosts.join(',')}/postgres` })).rejects.toThrow(
      new RegExp(`no writable PostgreSQL primary \\(${hosts[0]}: .*; ${hosts[1]}: `),
    );
  });
});
