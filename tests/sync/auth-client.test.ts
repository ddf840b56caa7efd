import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../src/sync/auth-client';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { closeSessionDb, loadSession } from '../../src/sync/session-store';
import { faultyFetch } from '../support/faulty-fetch';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
});

afterAll(async () => {
  closeLocalDbs();
  closeSessionDb();
  await server.close();
});

describe('sign-in on the device', () => {
  it('stores the session and keeps the user’s grids for offline use', async () => {
    const result = await login({ fetch: server.fetch, baseUrl: TEST_BASE_URL }, 'hb-grid01', 'demo123456');
    expect(result.ok).toBe(true);
    const session = await loadSession();
    expect(session).toMatchObject({ user: { role: 'fullTimeGridWorker' }, expired: false });
    const grids = await openLocalDb(session?.user.id ?? '').grids.toArray();
    expect(grids.map((g) => g.id)).toEqual(['dachang-hubin-01']);
    expect(grids[0]?.name).toBeTruthy();
  });

  it('tells a wrong password, no network and a locked account apart', async () => {
    const deps = { fetch: server.fetch, baseUrl: TEST_BASE_URL };
    expect(await login(deps, 'hb-grid02', 'wrong-password')).toMatchObject({
      ok: false,
      reason: 'invalid_credentials',
    });
    const net = faultyFetch(server.fetch);
    net.inject('/api/auth/login', 'offline');
    expect(await login({ ...deps, fetch: net.fetch }, 'hb-grid02', 'demo123456')).toMatchObject({
      ok: false,
      reason: 'offline',
    });
    for (let attempt = 0; attempt < 5; attempt++) await login(deps, 'hb-grid02', 'wrong-password');
    expect(await login(deps, 'hb-grid02', 'demo123456')).toMatchObject({ ok: false, reason: 'rate_limited' });
  });
});
