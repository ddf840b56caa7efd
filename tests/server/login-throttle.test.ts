import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { LOGIN_WINDOW_MS, MAX_ADDRESS_FAILURES } from '../../src/server/auth/login-throttle';
import { DIALECTS, startTestServer, type TestServer } from './server-fixture';

const RIGHT = 'demo123456';

describe.each(DIALECTS)('login rate limiting (%s)', (dialect) => {
  let server: TestServer;
  let app: Hono;
  const clock = { now: new Date('2026-11-26T08:00:00.000Z') };
  beforeAll(async () => {
    server = await startTestServer(dialect);
    app = createApp({ db: server.db, now: () => clock.now, trustProxy: true });
  });
  afterAll(() => server.close());

  async function login(username: string, password: string, address = '203.0.113.7') {
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.1, ${address}` },
      body: JSON.stringify({ username, password }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: error bodies of several shapes.
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  }

  function advance(ms: number): void {
    clock.now = new Date(clock.now.getTime() + ms);
  }

  it('answers 429 rate_limited with Retry-After after 5 failures for one account, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('hb-grid01', 'wrong password')).status).toBe(401);
    const blocked = await login('hb-grid01', RIGHT);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(blocked.body.error.message).toMatch(/Too many failed sign-ins.*try again in 15 minutes/);
    expect(blocked.headers.get('retry-after')).toBe(String(LOGIN_WINDOW_MS / 1000));
    // Another address does not help: the count is the account's.
    expect((await login('hb-grid01', RIGHT, '198.51.100.9')).status).toBe(429);
    // Other accounts are unaffected.
    expect((await login('hb-grid02', RIGHT)).status).toBe(200);
  });

  it('counts Retry-After down and lets the account in once the window is over', async () => {
    advance(10 * 60 * 1000);
    const blocked = await login('hb-grid01', RIGHT);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe(String(5 * 60));
    advance(5 * 60 * 1000);
    expect((await login('hb-grid01', RIGHT)).status).toBe(200);
  });

  it('resets the account count on a successful sign-in', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login('hb-leader', 'wrong password')).status).toBe(401);
    expect((await login('hb-leader', RIGHT)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login('hb-leader', 'wrong password')).status).toBe(401);
    expect((await login('hb-leader', RIGHT)).status).toBe(200);
  });

  it('limits unknown usernames the same way, so a 429 reveals no account', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('ghost', 'wrong password')).status).toBe(401);
    expect((await login('ghost', 'wrong password')).status).toBe(429);
  });

  it('answers 429 to one address after 20 failures across accounts, and leaves other addresses alone', async () => {
    advance(LOGIN_WINDOW_MS);
    const guesser = '192.0.2.66';
    for (let i = 0; i < MAX_ADDRESS_FAILURES; i += 1)
      expect((await login(`nobody-${i}`, 'wrong password', guesser)).status).toBe(401);
    const blocked = await login('hb-police', RIGHT, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('hb-police', RIGHT, '192.0.2.67')).status).toBe(200);
    advance(LOGIN_WINDOW_MS);
    expect((await login('hb-police', RIGHT, guesser)).status).toBe(200);
  });

  it('keeps the counts in the database, so another server instance sees them', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('hb-aux', 'wrong password')).status).toBe(401);
    const other = createApp({ db: server.db, now: () => clock.now });
    const response = await other.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hb-aux', password: RIGHT }),
    });
    expect(response.status).toBe(429);
  });

  it('ignores X-Forwarded-For unless the server trusts a proxy', async () => {
    const direct = createApp({ db: server.db, now: () => clock.now });
    advance(LOGIN_WINDOW_MS);
    for (let i = 0; i < MAX_ADDRESS_FAILURES; i += 1) {
      // A client spoofing a fresh address each time: without TRUST_PROXY it counts for no address.
      const response = await direct.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
        body: JSON.stringify({ username: `spoof-${i}`, password: 'wrong password' }),
      });
      expect(response.status).toBe(401);
    }
    const rows = await server.db.selectFrom('login_throttle').select('key').execute();
    expect(rows.some((row) => row.key.startsWith('address:192.0.2.'))).toBe(false);
  });

  it('counts by the socket address when served by @hono/node-server', async () => {
    advance(LOGIN_WINDOW_MS);
    const direct = createApp({ db: server.db, now: () => clock.now });
    const listening = serve({ fetch: direct.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((done) => listening.once('listening', done));
    const { port } = listening.address() as AddressInfo;
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= MAX_ADDRESS_FAILURES; i += 1) {
        const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `socket-${i}`, password: 'wrong password' }),
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, MAX_ADDRESS_FAILURES).every((status) => status === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      const rows = await server.db.selectFrom('login_throttle').select('key').execute();
      expect(rows.map((row) => row.key)).toContainEqual(
        expect.stringMatching(/^address:(::ffff:)?127\.0\.0\.1$/),
      );
    } finally {
      await new Promise((done) => listening.close(done));
    }
  });
});
