import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app';
import { startTestServer } from '../support/test-server';

const SECRET_PASSWORD = 'correct horse battery staple';

/**
 * The server logs nothing per request, only unexpected errors. Those lines must never carry a
 * bearer token or a password, whatever the request held.
 */
describe('server logs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keep tokens and passwords out of the lines logged for an unexpected error', async () => {
    const server = await startTestServer('sqlite');
    const { token } = await server.login('hb-grid01');
    const app = createApp({ db: server.db });
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(
          args
            .map((arg) => (arg instanceof Error ? `${arg.stack} ${String(arg.cause)}` : String(arg)))
            .join(' '),
        );
      });
    // A closed database: every route that touches it fails unexpectedly and logs.
    await server.close();

    const me = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hb-grid01', password: SECRET_PASSWORD }),
    });

    expect(me.status).toBe(500);
    expect(login.status).toBe(500);
    expect(await me.json()).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const logged = lines.join('\n');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(SECRET_PASSWORD);
    expect(logged.toLowerCase()).not.toContain('authorization');
  });
});
