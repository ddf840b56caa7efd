import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { ACCOUNT, ACCOUNT_AT_ADDRESS, ADDRESS } from '../../src/server/auth/login-throttle';
import { passwordHashing } from '../../src/server/auth/password';
import { DIALECTS, startTestServer, type TestServer } from '../support/test-server';

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

  async function failuresOf(key: string): Promise<number> {
    const row = await server.db
      .selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', key)
      .executeTakeFirst();
    return Number(row?.failures ?? 0);
  }

  function advance(ms: number): void {
    clock.now = new Date(clock.now.getTime() + ms);
  }

  it('answers 429 rate_limited with Retry-After after 5 failures for one account from one address, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('hb-grid01', 'wrong password')).status).toBe(401);
    const blocked = await login('hb-grid01', RIGHT);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(blocked.body.error.message).toMatch(/Too many failed sign-ins.*try again in 15 minutes/);
    expect(blocked.headers.get('retry-after')).toBe(String(ACCOUNT_AT_ADDRESS.windowMs / 1000));
    // Other accounts from the same address are unaffected.
    expect((await login('hb-grid02', RIGHT)).status).toBe(200);
  });

  it("does not lock the real user out: a stranger's guesses at address A leave the user at address B free", async () => {
    const stranger = '198.51.100.66';
    for (let i = 0; i < 12; i += 1)
      expect((await login('hb-enforce', 'wrong password', stranger)).status).toBe(i < 5 ? 401 : 429);
    expect((await login('hb-enforce', RIGHT, stranger)).status).toBe(429);
    expect((await login('hb-enforce', RIGHT, '198.51.100.9')).status).toBe(200);
    // The refused guesses counted nowhere: the account-wide count has the 5 that were checked.
    expect(await failuresOf('account:hb-enforce')).toBe(5);
  });

  it('counts Retry-After down and lets the account in once the window is over', async () => {
    advance(10 * 60 * 1000);
    const blocked = await login('hb-grid01', RIGHT);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe(String(5 * 60));
    advance(5 * 60 * 1000);
    expect((await login('hb-grid01', RIGHT)).status).toBe(200);
  });

  it('resets the count for the account at that address on a successful sign-in', async () => {
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
    advance(ACCOUNT.windowMs);
    const guesser = '192.0.2.66';
    for (let i = 0; i < ADDRESS.max; i += 1)
      expect((await login(`nobody-${i}`, 'wrong password', guesser)).status).toBe(401);
    const blocked = await login('hb-police', RIGHT, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('hb-police', RIGHT, '192.0.2.67')).status).toBe(200);
    advance(ACCOUNT.windowMs);
    expect((await login('hb-police', RIGHT, guesser)).status).toBe(200);
  });

  it('counts an IPv6 client by its /64 network, the block one subscriber is given', async () => {
    for (let i = 1; i <= 5; i += 1)
      expect((await login('hb-grid02', 'wrong password', `2001:db8:1:2::${i}`)).status).toBe(401);
    expect((await login('hb-grid02', RIGHT, '2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(429);
    expect((await login('hb-grid02', RIGHT, '2001:0db8:0001:0003::1')).status).toBe(200);
    expect(await failuresOf('address:2001:db8:1:2::/64')).toBe(5);
  });

  it('keeps the counts in the database, so another server instance sees them', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('hb-aux', 'wrong password')).status).toBe(401);
    const other = createApp({ db: server.db, now: () => clock.now, trustProxy: true });
    const response = await other.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ username: 'hb-aux', password: RIGHT }),
    });
    expect(response.status).toBe(429);
  });

  it('limits an account across all addresses to 50 failures an hour, so distributed guessing stays slow', async () => {
    advance(ACCOUNT.windowMs);
    // 50 addresses, one guess each: every one is under its own limits.
    for (let batch = 0; batch < ACCOUNT.max; batch += 10) {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => login('tq-police', 'wrong password', `100.64.1.${batch + i}`)),
      );
      expect(statuses.map((r) => r.status)).toEqual(Array(10).fill(401));
    }
    advance(30 * 60 * 1000);
    const blocked = await login('tq-police', RIGHT, '100.64.2.1');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe(String(30 * 60));
    advance(30 * 60 * 1000);
    expect((await login('tq-police', RIGHT, '100.64.2.1')).status).toBe(200);
  });

  it('counts the attempt before the password is checked: of 40 simultaneous guesses, only 5 are checked', async () => {
    advance(ACCOUNT.windowMs);
    const address = '192.0.2.40';
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => login('tq-grid01', 'wrong password', address)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(ACCOUNT_AT_ADDRESS.max);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - ACCOUNT_AT_ADDRESS.max);
    expect((await login('tq-grid01', RIGHT, address)).status).toBe(429);
    // Refused attempts took no slot elsewhere: the address and the account each counted 5.
    expect(await failuresOf(`address:${address}`)).toBe(ACCOUNT_AT_ADDRESS.max);
    expect(await failuresOf('account:tq-grid01')).toBe(ACCOUNT_AT_ADDRESS.max);
  });

  it('of 40 simultaneous guesses from one address at 40 accounts, only 20 are checked', async () => {
    const address = '192.0.2.41';
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(`burst-${i}`, 'wrong password', address)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(ADDRESS.max);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - ADDRESS.max);
    expect((await login('hb-admin', RIGHT, address)).status).toBe(429);
  });

  it('lets another user sign in during a burst of guesses, and other requests are not held up', async () => {
    advance(ACCOUNT.windowMs);
    const finished: string[] = [];
    const burst = Array.from({ length: 20 }, (_, i) =>
      login(`crowd-${i}`, 'wrong password', `100.64.3.${i}`).then((reply) => {
        finished.push('guess');
        return reply.status;
      }),
    );
    const user = login('hb-mediator', RIGHT, '100.64.4.1');
    const health = Promise.resolve(app.request('/api/health')).then((response) => {
      finished.push('health');
      return response.status;
    });
    expect(await health).toBe(200);
    expect((await user).status).toBe(200);
    expect(await Promise.all(burst)).toEqual(Array(20).fill(401));
    // Health answered while the hashing queue was still working through the guesses.
    expect(finished.indexOf('health')).toBeLessThan(finished.length - 1);
    expect(finished.at(-1)).toBe('guess');
  });

  it('answers 503 at once, counting nothing, when the password hashing queue is full', async () => {
    advance(ACCOUNT.windowMs);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const blockers = Array.from({ length: passwordHashing.concurrency + passwordHashing.maxWaiting }, () =>
      passwordHashing.run(() => held),
    );
    try {
      const busy = await login('hb-leader', RIGHT, '100.64.5.1');
      expect(busy.status).toBe(503);
      expect(busy.body.error.code).toBe('rate_limited');
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await failuresOf('pair:100.64.5.1|hb-leader')).toBe(0);
      expect(await failuresOf('account:hb-leader')).toBe(0);
      expect(await failuresOf('address:100.64.5.1')).toBe(0);
    } finally {
      release();
      await Promise.all(blockers);
    }
    expect((await login('hb-leader', RIGHT, '100.64.5.1')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless the server trusts a proxy', async () => {
    const direct = createApp({ db: server.db, now: () => clock.now });
    advance(ACCOUNT.windowMs);
    for (let i = 0; i < ADDRESS.max; i += 1) {
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
    advance(ACCOUNT.windowMs);
    const direct = createApp({ db: server.db, now: () => clock.now });
    const listening = serve({ fetch: direct.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((done) => listening.once('listening', done));
    const { port } = listening.address() as AddressInfo;
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= ADDRESS.max; i += 1) {
        const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `socket-${i}`, password: 'wrong password' }),
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, ADDRESS.max).every((status) => status === 401)).toBe(true);
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
