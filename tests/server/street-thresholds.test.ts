import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STREET_THRESHOLDS } from '../../src/domain/street-thresholds';
import { createApp } from '../../src/server/app';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-accounts';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import { DIALECTS, emptyStorage } from '../support/test-server';
import { type AdminRun, adminRunner } from './admin-runner';

const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(DIALECTS)('per-street checklist thresholds (%s)', (dialect) => {
  let storage: { config: DatabaseConfig; drop(): Promise<void> };
  let db: Kysely<Database>;
  let app: Hono;

  beforeAll(async () => {
    storage = await emptyStorage(dialect);
    db = await openDatabase(storage.config);
    await seedDemoData(db, NOW);
    app = createApp({ db, now: () => NOW, demoAccounts: true });
  });
  afterAll(async () => {
    await db.destroy();
    await storage.drop();
  });

  const admin: AdminRun = (...argv) =>
    adminRunner(
      () => openDatabase(storage.config),
      () => NOW,
    )(...argv);

  /** The thresholds each grid of `username` carries, by grid id. */
  async function gridThresholds(username: string): Promise<Map<string, Record<string, number>>> {
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const grids = await app.request('/api/grids', { headers: { authorization: `Bearer ${token}` } });
    const body = (await grids.json()) as {
      features: { properties: { id: string; thresholds: Record<string, number> } }[];
    };
    return new Map(body.features.map((f) => [f.properties.id, f.properties.thresholds]));
  }

  it('gives every grid the defaults while its street sets nothing', async () => {
    const grids = await gridThresholds('hb-grid01');
    expect(grids.size).toBeGreaterThan(0);
    for (const thresholds of grids.values()) expect(thresholds).toEqual(DEFAULT_STREET_THRESHOLDS);
  });

  it('applies a street’s own values to its grids only, keeps them across changes and audits each', async () => {
    const set = await admin('set-thresholds', '--street', 'dachang', '--values', 'minAreaPerPersonM2=5');
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(set.out).toContain('minAreaPerPersonM2=5');
    await admin('set-thresholds', '--street', 'dachang', '--values', 'groupRentalPersons=15');

    for (const thresholds of (await gridThresholds('hb-grid01')).values()) {
      expect(thresholds).toEqual({
        ...DEFAULT_STREET_THRESHOLDS,
        minAreaPerPersonM2: 5,
        groupRentalPersons: 15,
      });
    }
    for (const thresholds of (await gridThresholds('tq-grid01')).values()) {
      expect(thresholds).toEqual(DEFAULT_STREET_THRESHOLDS);
    }
    const shown = await admin('show-thresholds', '--street', 'dachang');
    expect(shown.out).toContain('* minAreaPerPersonM2 = 5');
    expect(shown.out).toContain('  maxPersonsPerRoom = 2');

    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'admin.setThresholds')
      .execute();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows.at(-1)?.after ?? 'null')).toEqual({
      streetId: 'dachang',
      thresholds: { minAreaPerPersonM2: 5, groupRentalPersons: 15 },
    });

    const reset = await admin('set-thresholds', '--street', 'dachang', '--reset');
    expect(reset.code).toBe(0);
    for (const thresholds of (await gridThresholds('hb-grid01')).values()) {
      expect(thresholds).toEqual(DEFAULT_STREET_THRESHOLDS);
    }
  });

  it('refuses unknown thresholds, out-of-range values and non-street orgs, changing nothing', async () => {
    const before = await db.selectFrom('street_settings').selectAll().execute();
    const cases = [
      ['--street', 'dachang', '--values', 'maxFloors=6'],
      ['--street', 'dachang', '--values', 'minAreaPerPersonM2=40000'],
      ['--street', 'dachang', '--values', 'groupRentalRooms=ten'],
      ['--street', 'dachang-hubin', '--values', 'groupRentalRooms=12'],
      ['--street', 'nowhere', '--values', 'groupRentalRooms=12'],
      ['--street', 'dachang'],
    ];
    for (const args of cases) {
      const result = await admin('set-thresholds', ...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.err, args.join(' ')).not.toBe('');
    }
    expect(await db.selectFrom('street_settings').selectAll().execute()).toEqual(before);
  });
});
