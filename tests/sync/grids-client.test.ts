import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STREET_THRESHOLDS } from '../../src/domain/street-thresholds';
import { insertStreetSubcategory } from '../../src/server/db/event-subcategories.repository';
import { saveStreetOverrides } from '../../src/server/db/street-settings.repository';
import { refreshGrids } from '../../src/sync/grids-client';
import { closeLocalDbs, openLocalDb, thresholdsOfGrid } from '../../src/sync/local-db';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  await saveStreetOverrides(
    server.db,
    'dachang',
    { minAreaPerPersonM2: 5 },
    new Date().toISOString(),
    'test',
  );
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

describe('grids on the device', () => {
  it('keeps each grid with its street’s thresholds, for checklists made offline', async () => {
    const worker = await server.login('hb-grid01');
    const db = openLocalDb(`${worker.user.id}-grids`);
    expect(await refreshGrids({ fetch: server.fetch, baseUrl: TEST_BASE_URL }, db, worker.token)).toBe(true);
    const gridId = worker.user.scope.gridIds[0] ?? '';
    expect(await thresholdsOfGrid(db, gridId)).toEqual({
      ...DEFAULT_STREET_THRESHOLDS,
      minAreaPerPersonM2: 5,
    });
    // A grid the device does not know (yet) falls back to the defaults instead of failing.
    expect(await thresholdsOfGrid(db, 'nowhere-01')).toEqual(DEFAULT_STREET_THRESHOLDS);
  });

  it('ignores thresholds a newer server knows and this build does not', async () => {
    const worker = await server.login('hb-grid01');
    const db = openLocalDb(`${worker.user.id}-grids-newer`);
    const newer: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      const body = (await response.json()) as { features: { properties: { thresholds: object } }[] };
      for (const feature of body.features)
        feature.properties.thresholds = { ...feature.properties.thresholds, maxFloors: 6 };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    expect(await refreshGrids({ fetch: newer, baseUrl: TEST_BASE_URL }, db, worker.token)).toBe(true);
    const grid = (await db.grids.toArray())[0];
    expect(grid?.thresholds).toEqual({ ...DEFAULT_STREET_THRESHOLDS, minAreaPerPersonM2: 5 });
  });

  it('keeps the holiday schedules the server loaded, each year checked on its own', async () => {
    const worker = await server.login('hb-grid01');
    const db = openLocalDb(`${worker.user.id}-grids-calendar`);
    const good = {
      year: 2035,
      holidays: [{ name: '国庆节', from: '2035-10-01', to: '2035-10-07' }],
      workdays: [],
    };
    // A year that contradicts itself (a weekday as a make-up working day) is dropped, not the rest.
    const bad = { year: 2036, holidays: [], workdays: ['2036-10-08'] };
    const withCalendar: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      const body = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, calendar: [good, bad, 'nonsense'] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    expect(await refreshGrids({ fetch: withCalendar, baseUrl: TEST_BASE_URL }, db, worker.token)).toBe(true);
    expect(JSON.parse(String((await db.meta.get('calendarYears'))?.value))).toEqual([good]);
    expect(await db.grids.count()).toBeGreaterThan(0);
  });

  it('keeps the street’s own event sub-categories on each of its grids, dropping an entry that fails the checks', async () => {
    const worker = await server.login('hb-grid01');
    await insertStreetSubcategory(
      server.db,
      'dachang',
      { categoryL1: 'safetyHazard', code: 'elevator', label: '电梯安全' },
      new Date().toISOString(),
      'test',
    );
    const db = openLocalDb(`${worker.user.id}-grids-subcategories`);
    const tampered: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      const body = (await response.json()) as { eventSubcategories: unknown[] };
      body.eventSubcategories.push(
        { streetId: 'dachang', categoryL1: 'dispute', code: 'family', label: '家庭' },
        { streetId: 'dachang', categoryL1: 'safetyHazard', code: 'lift', label: '电梯\u202e' },
        { streetId: 'taishan', categoryL1: 'safetyHazard', code: 'crane', label: '塔吊' },
      );
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    expect(await refreshGrids({ fetch: tampered, baseUrl: TEST_BASE_URL }, db, worker.token)).toBe(true);
    const grids = await db.grids.toArray();
    expect(grids.length).toBeGreaterThan(0);
    for (const grid of grids)
      expect(grid.eventSubcategories).toEqual([
        { categoryL1: 'safetyHazard', code: 'elevator', label: '电梯安全' },
      ]);
  });
});
