/**
 * A street's own 上报事件 sub-categories (issue 12 §1): added, listed and removed through the admin
 * CLI, each audited; bad input refused with the option named and nothing changed; sent to the
 * street's phones with their grids (and to no other street's); a pushed event may choose one of
 * its street's, an unknown one is refused naming body.categoryL2, and an event keeps one the street
 * removes later.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { openDatabase } from '../../src/server/db/database';
import { sampleGridEvent } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  mutation,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';
import { type AdminRun, adminRunner } from './admin-runner';

describe.each(DIALECTS)('a street’s own event sub-categories (%s)', (dialect) => {
  let server: TestServer;
  let admin: AdminRun;
  const who: Record<string, LoginResponse> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = adminRunner(
      () => openDatabase(server.config),
      () => server.clock.now,
    );
    for (const account of ['hb-grid01', 'tq-grid01']) who[account] = await server.login(account);
  });
  afterAll(() => server.close());

  const rows = () =>
    server.db.selectFrom('event_subcategories').selectAll().orderBy('street_id').orderBy('code').execute();
  const audits = () =>
    server.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['admin.addEventSubcategory', 'admin.removeEventSubcategory'])
      .orderBy('id')
      .execute();

  function event(reporter: string, gridId: string, categoryL2: string, label?: string): GridEventRecord {
    const sample = sampleGridEvent(randomUUID(), gridId, who[reporter]?.user.id);
    const now = server.clock.now.toISOString();
    const { location } = sample.body;
    const body = {
      ...sample.body,
      categoryL1: 'safetyHazard' as const,
      categoryL2,
      ...(label && { categoryL2Label: label }),
      reportedAt: now,
      ...(location && { location: { ...location, capturedAt: now } }),
    };
    return { ...sample, createdAt: now, updatedAt: now, body } as GridEventRecord;
  }

  async function pushed(reporter: string, record: GridEventRecord) {
    const reply = await server.push(who[reporter]?.token ?? '', randomUUID(), [
      mutation(record, { baseRev: record.rev }),
    ]);
    return reply.body.results[0];
  }

  it('adds one to a street, audits it, lists it, and sends it only to that street’s phones', async () => {
    const added = await admin(
      'add-event-subcategory',
      ...['--street', 'dachang', '--category', 'safetyHazard', '--code', 'elevator', '--label', '电梯安全'],
    );
    expect(added).toMatchObject({ code: 0, out: 'dachang: added safetyHazard/elevator 电梯安全.' });
    expect(await rows()).toMatchObject([
      { street_id: 'dachang', category_l1: 'safetyHazard', code: 'elevator', label: '电梯安全' },
    ]);
    expect(await audits()).toMatchObject([
      { action: 'admin.addEventSubcategory', after: expect.stringContaining('"code":"elevator"') },
    ]);
    const shown = await admin('show-event-subcategories', '--street', 'dachang');
    expect(shown.out).toMatch(/^safetyHazard\s+elevator\s+电梯安全$/);

    const hubin = await server.call('GET', '/api/grids', { token: who['hb-grid01']?.token ?? '' });
    expect(hubin.body.eventSubcategories).toEqual([
      { streetId: 'dachang', categoryL1: 'safetyHazard', code: 'elevator', label: '电梯安全' },
    ]);
    const tieqiao = await server.call('GET', '/api/grids', { token: who['tq-grid01']?.token ?? '' });
    expect(tieqiao.body.eventSubcategories).toEqual([]);
  });

  it('takes an event under its street’s own sub-category, and refuses it in another street, naming the field', async () => {
    const inStreet = await pushed('hb-grid01', event('hb-grid01', HUBIN_GRID_1, 'elevator', '电梯安全'));
    expect(inStreet.status).toBe('applied');
    expect(inStreet.record.body).toMatchObject({ categoryL2: 'elevator', categoryL2Label: '电梯安全' });

    const before = await server.count('records');
    const elsewhere = await pushed('tq-grid01', event('tq-grid01', TIEQIAO_GRID_1, 'elevator', '电梯安全'));
    expect(elsewhere).toMatchObject({
      status: 'rejected',
      error: {
        code: 'validation',
        message: 'Unknown sub-category for this category (safetyHazard/elevator)',
        issues: [{ path: 'body.categoryL2' }],
      },
    });
    const unknown = await pushed('hb-grid01', event('hb-grid01', HUBIN_GRID_1, 'escalator'));
    expect(unknown).toMatchObject({ status: 'rejected', error: { issues: [{ path: 'body.categoryL2' }] } });
    expect(await server.count('records')).toBe(before);
  });

  it('removes one: new events may not choose it, an event filed under it keeps it through an edit', async () => {
    const filed = await pushed('hb-grid01', event('hb-grid01', HUBIN_GRID_1, 'elevator', '电梯安全'));
    expect(filed.status).toBe('applied');
    const removed = await admin(
      'remove-event-subcategory',
      ...['--street', 'dachang', '--category', 'safetyHazard', '--code', 'elevator'],
    );
    expect(removed).toMatchObject({ code: 0, out: 'dachang: removed safetyHazard/elevator 电梯安全.' });
    expect(await rows()).toEqual([]);
    // The server's clock stands still here: the two rows share their time, so compare them as a set.
    expect((await audits()).map((row) => row.action).sort()).toEqual([
      'admin.addEventSubcategory',
      'admin.removeEventSubcategory',
    ]);

    const stored = filed.record as GridEventRecord;
    const edited = {
      ...stored,
      updatedAt: server.clock.now.toISOString(),
      body: { ...stored.body, description: '3号电梯困人，物业未到场' },
    };
    expect((await pushed('hb-grid01', edited)).status).toBe('applied');
    const fresh = await pushed('hb-grid01', event('hb-grid01', HUBIN_GRID_1, 'elevator', '电梯安全'));
    expect(fresh.status).toBe('rejected');
  });

  it('refuses bad input, naming the option, and changes nothing', async () => {
    await admin(
      'add-event-subcategory',
      ...['--street', 'dachang', '--category', 'cityEvent', '--code', 'parking', '--label', '停车秩序'],
    );
    const before = { rows: await rows(), audits: (await audits()).length };
    const base = { street: 'dachang', category: 'cityEvent', code: 'sharedBikes', label: '共享单车' };
    const cases: [Partial<typeof base>, string][] = [
      [{ category: 'dispute' }, '--category "dispute" takes no sub-categories of a street\'s own'],
      [{ category: 'weather' }, '--category "weather" takes no'],
      [{ code: 'cityscape' }, '--code "cityscape" is a built-in sub-category of cityEvent'],
      [{ code: 'Shared Bikes' }, '--code "Shared Bikes" must be a lower-camel-case code'],
      [{ code: 'parking' }, '--code "parking" is already a sub-category of cityEvent in this street'],
      [{ label: '   ' }, '--label must be the Chinese name'],
      [{ label: '共享单车\u0000' }, '--label must be'],
      [{ label: '这个名称一共有二十一个字符长所以太长了啊呀' }, '--label must be'],
      [{ street: 'dachang-hubin' }, '--street "dachang-hubin" is a community'],
      [{ street: 'nowhere\u0000' }, '--street: unknown org id'],
    ];
    for (const [change, message] of cases) {
      const args = { ...base, ...change };
      const run = await admin(
        'add-event-subcategory',
        ...Object.entries(args).flatMap(([key, value]) => [`--${key}`, value]),
      );
      expect(run.code, message).toBe(1);
      expect(run.err, message).toContain(message);
    }
    const missing = await admin(
      'remove-event-subcategory',
      ...['--street', 'dachang', '--category', 'cityEvent', '--code', 'cityscape'],
    );
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('built-in ones cannot be removed');
    expect(await rows()).toEqual(before.rows);
    expect(await audits()).toHaveLength(before.audits);
  });
});
