import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFigures, storedFigures } from '../../src/sync/figures-client';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

const offline: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

describe('a supervisor’s area figures on the device', () => {
  it('keeps the server’s answer per period and shows it offline', async () => {
    const admin = await server.login('dc-admin');
    const db = openLocalDb(`${admin.user.id}-figures`);
    const fresh = await loadFigures(
      { fetch: server.fetch, baseUrl: TEST_BASE_URL },
      db,
      admin.token,
      'month',
    );
    expect(fresh.kind).toBe('fresh');
    if (fresh.kind !== 'fresh') return;
    expect(fresh.figures.period).toBe('month');
    expect(fresh.figures.grids.length).toBe(admin.user.scope.gridIds.length);

    const away = await loadFigures({ fetch: offline, baseUrl: TEST_BASE_URL }, db, admin.token, 'month');
    expect(away).toEqual({ kind: 'stored', figures: fresh.figures, reason: 'offline' });
    // Another period was never fetched: nothing to show for it.
    expect(await loadFigures({ fetch: offline, baseUrl: TEST_BASE_URL }, db, admin.token, 'day')).toEqual({
      kind: 'stored',
      figures: undefined,
      reason: 'offline',
    });
  });

  it('keeps the last good snapshot when the server answers something this build cannot read', async () => {
    const admin = await server.login('dc-admin');
    const db = openLocalDb(`${admin.user.id}-figures-bad`);
    const good = await loadFigures({ fetch: server.fetch, baseUrl: TEST_BASE_URL }, db, admin.token, 'week');
    const garbled: typeof fetch = async () =>
      new Response(JSON.stringify({ asOf: 'yesterday', period: 'week' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const bad = await loadFigures({ fetch: garbled, baseUrl: TEST_BASE_URL }, db, admin.token, 'week');
    expect(bad).toMatchObject({ kind: 'stored', reason: 'error' });
    expect(good.kind === 'fresh' && bad.kind === 'stored' && bad.figures).toEqual(
      good.kind === 'fresh' && good.figures,
    );
    expect(await storedFigures(db, 'week')).toEqual(good.kind === 'fresh' ? good.figures : undefined);
  });

  it('says the login has expired rather than showing old figures as if nothing were wrong', async () => {
    const admin = await server.login('dc-admin');
    const db = openLocalDb(`${admin.user.id}-figures-expired`);
    expect(
      await loadFigures({ fetch: server.fetch, baseUrl: TEST_BASE_URL }, db, 'not-a-token', 'day'),
    ).toEqual({
      kind: 'unauthorized',
    });
  });
});
