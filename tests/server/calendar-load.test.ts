/**
 * Next year's holiday schedule, loaded by an admin (issue 12): checked before anything is stored,
 * audited, served to devices with their grids and counted on by the server. The year is made up
 * (2030) so no test depends on a schedule the State Council has not published.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/domain/due-dates';
import { calendarCovers } from '../../src/domain/work-calendar';
import { createApp } from '../../src/server/app';
import { type DatabaseConfig, openDatabase } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-accounts';
import { seedDemoData } from '../../src/server/demo/demo-seed';
import { DIALECTS, emptyStorage } from '../support/test-server';
import { type AdminRun, adminRunner } from './admin-runner';

const NOW = new Date('2026-12-02T08:00:00.000Z');
const SCHEDULE_2030 = {
  year: 2030,
  holidays: [{ name: '国庆节', from: '2030-10-01', to: '2030-10-07' }],
  workdays: ['2030-09-29', '2030-10-12'],
};

describe.each(DIALECTS)('loading a year’s holiday schedule (%s)', (dialect) => {
  let storage: { config: DatabaseConfig; drop(): Promise<void> };
  let db: Kysely<Database>;
  let app: Hono;
  const dir = mkdtempSync(join(tmpdir(), 'gk-calendar-'));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    storage = await emptyStorage(dialect);
    db = await openDatabase(storage.config);
    await seedDemoData(db, NOW);
    app = createApp({ db, now: () => NOW, demoAccounts: true });
  });
  afterAll(async () => {
    await db.destroy();
    await storage.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const admin: AdminRun = (...argv) =>
    adminRunner(
      () => openDatabase(storage.config),
      () => NOW,
    )(...argv);

  async function servedCalendar(): Promise<unknown> {
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hb-grid01', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const grids = await app.request('/api/grids', { headers: { authorization: `Bearer ${token}` } });
    return ((await grids.json()) as { calendar?: unknown }).calendar;
  }

  const storedYears = () => db.selectFrom('calendar_years').select('year').execute();

  it('refuses a file that is not a schedule, or one that contradicts itself, and stores nothing', async () => {
    const notJson = await admin('load-calendar', '--file', file('bad.json', '{"year": 2030,'));
    expect(notJson.code).not.toBe(0);
    expect(notJson.err).toContain('as JSON');
    const wrongField = await admin(
      'load-calendar',
      '--file',
      file('field.json', { ...SCHEDULE_2030, workdays: ['2030-02-30'] }),
    );
    expect(wrongField.err).toContain('workdays.0');
    const weekday = await admin(
      'load-calendar',
      '--file',
      file('weekday.json', { ...SCHEDULE_2030, workdays: ['2030-10-09'] }),
    );
    expect(weekday.err).toContain('2030-10-09 is a make-up working day but not a weekend');
    const missing = await admin('load-calendar', '--file', join(dir, 'none.json'));
    expect(missing.code).not.toBe(0);
    expect(await storedYears()).toEqual([]);
    expect(await servedCalendar()).toEqual([]);
  });

  it('stores and audits a good year, serves it with the grids and counts on it', async () => {
    const loaded = await admin('load-calendar', '--file', file('2030.json', SCHEDULE_2030));
    expect(loaded.err).toBe('');
    expect(loaded.out).toContain('Loaded 2030: 国庆节 2030-10-01…2030-10-07');
    expect(await servedCalendar()).toEqual([SCHEDULE_2030]);
    // Serving installed it in this process too: Mon 9-30 + 1 working day skips the holiday.
    expect(calendarCovers('2030-10-01')).toBe(true);
    expect(addWorkingDays('2030-09-30', 1)).toBe('2030-10-08');
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'before', 'after'])
      .where('action', '=', 'admin.loadCalendar')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? 'null')).toEqual(SCHEDULE_2030);
    expect(audit[0]?.before).toBe('null');
  });

  it('replaces a year loaded again, auditing what it replaced', async () => {
    const amended = { ...SCHEDULE_2030, workdays: ['2030-09-29'] };
    await admin('load-calendar', '--file', file('2030b.json', amended));
    expect(await servedCalendar()).toEqual([amended]);
    const rows = await db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'admin.loadCalendar')
      .execute();
    const replacing = rows.find((row) => JSON.parse(row.after ?? 'null')?.workdays?.length === 1);
    expect(rows).toHaveLength(2);
    expect(JSON.parse(replacing?.before ?? 'null')).toEqual(SCHEDULE_2030);
  });
});
