import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema, meResponseSchema } from '../../src/domain/protocol';
import {
  DIALECTS,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  startTestServer,
  type TestServer,
} from '../support/test-server';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(DIALECTS)('auth (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  describe('login', () => {
    it('answers a token, the user with the grids in scope, and an expiry 30 days away', async () => {
      const reply = await server.call('POST', '/api/auth/login', {
        body: { username: 'hb-grid01', password: 'demo123456' },
      });
      expect(reply.status).toBe(200);
      const body = loginResponseSchema.parse(reply.body);
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.user).toMatchObject({
        name: '王丽',
        role: 'fullTimeGridWorker',
        scope: { gridIds: [HUBIN_GRID_1] },
      });
      expect(Date.parse(body.expiresAt) - server.clock.now.getTime()).toBe(30 * DAY_MS);
    });

    it('gives a community-level account every grid of its community', async () => {
      const { user } = await server.login('hb-leader');
      expect(user.scope.gridIds).toEqual([HUBIN_GRID_1, HUBIN_GRID_2, 'dachang-hubin-03']);
    });

    it('gives a street-level account every grid of every community in the street', async () => {
      const { user } = await server.login('dc-admin');
      expect(user.scope.gridIds.length).toBeGreaterThanOrEqual(6);
      expect(user.scope.gridIds.every((id) => id.startsWith('dachang-'))).toBe(true);
    });

    it('answers 401 with the same message for a wrong password and an unknown user', async () => {
      const wrong = await server.call('POST', '/api/auth/login', {
        body: { username: 'hb-grid01', password: 'nope' },
      });
      const unknown = await server.call('POST', '/api/auth/login', {
        body: { username: 'ghost', password: 'nope' },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error.code).toBe('unauthorized');
      expect(unknown.body).toEqual(wrong.body);
    });

    it('answers 400 validation for malformed JSON, missing fields and unknown fields', async () => {
      const malformed = await server.call('POST', '/api/auth/login', { raw: '{"username":' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('validation');

      const missing = await server.call('POST', '/api/auth/login', { body: { username: 'hb-grid01' } });
      expect(missing.status).toBe(400);
      expect(missing.body.error.issues).toEqual([expect.objectContaining({ path: 'password' })]);

      const extra = await server.call('POST', '/api/auth/login', {
        body: { username: 'hb-grid01', password: 'demo123456', remember: true },
      });
      expect(extra.status).toBe(400);
    });
  });

  describe('me', () => {
    it('answers the signed-in user with a valid token', async () => {
      const login = await server.login('hb-police');
      const reply = await server.call('GET', '/api/me', { token: login.token });
      expect(reply.status).toBe(200);
      expect(meResponseSchema.parse(reply.body)).toEqual({ user: login.user, expiresAt: login.expiresAt });
    });

    it('answers 401 unauthorized without a token or with an unknown one', async () => {
      const none = await server.call('GET', '/api/me');
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('unauthorized');
      const forged = await server.call('GET', '/api/me', { token: 'A'.repeat(43) });
      expect(forged.status).toBe(401);
    });

    it('takes the Bearer scheme in any case (RFC 9110: auth schemes are case-insensitive)', async () => {
      const { token } = await server.login('hb-police');
      for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
        const response = await server.app.request('/api/me', {
          headers: { authorization: `${scheme} ${token}` },
        });
        expect(response.status, scheme).toBe(200);
      }
      // Only the scheme: the token itself is compared as sent.
      const shouted = await server.app.request('/api/me', {
        headers: { authorization: `Bearer ${token.toUpperCase()}` },
      });
      expect(shouted.status).toBe(401);
      const otherScheme = await server.app.request('/api/me', {
        headers: { authorization: `Basic ${token}` },
      });
      expect(otherScheme.status).toBe(401);
    });

    it('answers 401 once the session has expired, and not a moment before', async () => {
      const login = await server.login('hb-aux');
      const start = server.clock.now;
      try {
        server.clock.now = new Date(Date.parse(login.expiresAt) - 1000);
        expect((await server.call('GET', '/api/me', { token: login.token })).status).toBe(200);
        server.clock.now = new Date(Date.parse(login.expiresAt) + 1000);
        const expired = await server.call('GET', '/api/me', { token: login.token });
        expect(expired.status).toBe(401);
        expect(expired.body.error).toMatchObject({
          code: 'unauthorized',
          message: expect.stringMatching(/^Session expired/),
        });
      } finally {
        server.clock.now = start;
      }
    });
  });

  describe('logout', () => {
    it('revokes the token it was called with and leaves other sessions alive', async () => {
      const phone = await server.login('hb-mediator');
      const tablet = await server.login('hb-mediator');
      expect((await server.call('POST', '/api/auth/logout', { token: phone.token })).status).toBe(200);
      const revoked = await server.call('GET', '/api/me', { token: phone.token });
      expect(revoked.status).toBe(401);
      expect(revoked.body.error).toMatchObject({
        code: 'unauthorized',
        message: expect.stringMatching(/^Session revoked/),
      });
      expect((await server.call('GET', '/api/me', { token: tablet.token })).status).toBe(200);
    });

    it('stores only a hash of the token', async () => {
      const { token } = await server.login('hb-admin');
      const rows = await server.db.selectFrom('sessions').select('token_hash').execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((row) => row.token_hash.includes(token))).toBe(false);
    });
  });
});
