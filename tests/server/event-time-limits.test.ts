/**
 * A street's 上报事件 time limits through the admin CLI (issue 12 §6): set per category and step,
 * listed and cleared, each change audited; bad input refused with the option named and nothing
 * changed; the push stamps each new step's clock with the limits in force, a running clock keeps
 * its days; and `run-supervision --now` issues what is due on that day.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { openDatabase } from '../../src/server/db/database';
import { findRecord } from '../../src/server/db/records.repository';
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

/** Thursday 11-26, 16:00 in China: the test server's clock. */
const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(DIALECTS)('per-street 上报事件 time limits (%s)', (dialect) => {
  let server: TestServer;
  let admin: AdminRun;
  const who: Record<string, LoginResponse> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = adminRunner(
      () => openDatabase(server.config),
      () => server.clock.now,
    );
    for (const account of ['hb-grid01', 'hb-admin', 'tq-grid01']) who[account] = await server.login(account);
  });
  afterAll(() => server.close());

  const limitRows = () =>
    server.db.selectFrom('event_time_limits').selectAll().orderBy('category_l1').orderBy('step').execute();
  const audits = () =>
    server.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'admin.setEventLimits')
      .orderBy('at')
      .execute();

  /** Reported now in `gridId` by `reporter`: the 受理 clock, as the server stamped it. */
  async function reportedClock(categoryL1: 'safetyHazard' | 'cityEvent', reporter: string, gridId: string) {
    const sample = sampleGridEvent(randomUUID(), gridId, who[reporter]?.user.id);
    const now = server.clock.now.toISOString();
    const { location } = sample.body;
    const body = {
      ...sample.body,
      categoryL1,
      categoryL2: categoryL1 === 'safetyHazard' ? 'eBike' : 'cityscape',
      reportedAt: now,
      ...(location && { location: { ...location, capturedAt: now } }),
    };
    const report = { ...sample, createdAt: now, updatedAt: now, body } as GridEventRecord;
    const pushed = await server.push(who[reporter]?.token ?? '', randomUUID(), [mutation(report)]);
    expect(pushed.body.results[0].status).toBe('applied');
    const stored = pushed.body.results[0].record as GridEventRecord;
    return { id: stored.id, clock: stored.body.clock };
  }

  it('sets a category’s step limits in one street, lists them, audits each change, and stamps new steps with them', async () => {
    const set = await admin(
      'set-event-limits',
      '--street',
      'dachang',
      '--category',
      'safetyHazard',
      '--step',
      'accept',
      '--yellow',
      '3',
      '--red',
      '6',
    );
    expect(set).toMatchObject({ code: 0, err: '' });
    expect(set.out).toBe('dachang safetyHazard 受理 accept: yellow 3, red 6 working days.');
    const shown = await admin('show-event-limits', '--street', 'dachang');
    expect(shown.out).toContain('* safetyHazard       受理 accept: yellow 3, red 6 working days');
    expect(shown.out).toContain('  safetyHazard       办理 handle: yellow 5, red 10 working days');
    expect(shown.out).toContain('  cityEvent          受理 accept: yellow 1, red 2 working days');
    expect((await admin('show-event-limits', '--street', 'taishan')).out).not.toContain('*');
    const [entry] = await audits();
    expect(entry?.user_id).toBe('cli:tester');
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ streetId: 'dachang', limits: {} });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual({
      streetId: 'dachang',
      limits: { safetyHazard: { accept: { yellow: 3, red: 6 } } },
    });

    // Reported Thu 11-26: three working days of 受理 end Tue 12-1, six on Fri 12-4.
    const hazard = await reportedClock('safetyHazard', 'hb-grid01', HUBIN_GRID_1);
    expect(hazard.clock).toMatchObject({ step: 'accept', yellowDay: '2026-12-01', redDay: '2026-12-04' });
    // Another category, and another street, keep the defaults: one and two working days.
    const garbage = await reportedClock('cityEvent', 'hb-grid01', HUBIN_GRID_1);
    expect(garbage.clock).toMatchObject({ yellowDay: '2026-11-27', redDay: '2026-11-30' });
    const taishan = await reportedClock('safetyHazard', 'tq-grid01', TIEQIAO_GRID_1);
    expect(taishan.clock).toMatchObject({ yellowDay: '2026-11-27', redDay: '2026-11-30' });

    // Changing the limits moves no clock already running: the stored event keeps its days.
    await admin(
      'set-event-limits',
      '--street',
      'dachang',
      '--category',
      'safetyHazard',
      '--step',
      'accept',
      '--yellow',
      '8',
      '--red',
      '9',
    );
    const wording = await findRecord(server.db, hazard.id);
    const withTitle = {
      ...(wording as GridEventRecord),
      body: { ...(wording as GridEventRecord).body, title: '5栋消防通道被堵' },
    };
    const edited = await server.push(who['hb-admin']?.token ?? '', randomUUID(), [
      mutation(withTitle, { baseRev: withTitle.rev }),
    ]);
    expect(edited.body.results[0].record.body.clock).toEqual(hazard.clock);
    expect(await audits()).toHaveLength(2);
  });

  it('clears one step, a category or all of a street’s limits, and says when there is nothing to clear', async () => {
    for (const [category, step] of [
      ['dispute', 'accept'],
      ['dispute', 'verify'],
      ['emergency', 'accept'],
    ] as const)
      expect(
        (
          await admin(
            'set-event-limits',
            '--street',
            'dachang',
            '--category',
            category,
            '--step',
            step,
            '--yellow',
            '1',
            '--red',
            '3',
          )
        ).code,
      ).toBe(0);
    const cleared = await admin(
      'clear-event-limits',
      '--street',
      'dachang',
      '--category',
      'dispute',
      '--step',
      'verify',
    );
    expect(cleared.out).toBe('Cleared 1 limit of dachang: the defaults apply there now.');
    expect((await admin('clear-event-limits', '--street', 'dachang', '--category', 'dispute')).out).toContain(
      'Cleared 1 limit',
    );
    expect((await limitRows()).map((row) => `${row.category_l1}/${row.step}`)).toEqual([
      'emergency/accept',
      'safetyHazard/accept',
    ]);
    expect((await admin('clear-event-limits', '--street', 'dachang')).out).toBe(
      'Cleared 2 limits of dachang: the defaults apply there now.',
    );
    const audited = (await audits()).length;
    const none = await admin('clear-event-limits', '--street', 'dachang');
    expect(none).toMatchObject({ code: 0, out: 'dachang sets none of these limits: nothing to clear.' });
    expect(await audits()).toHaveLength(audited);
    expect(JSON.parse((await audits()).at(-1)?.after ?? 'null')).toEqual({ streetId: 'dachang', limits: {} });
  });

  it('refuses bad limits, naming the option, and changes nothing', async () => {
    await admin(
      'set-event-limits',
      '--street',
      'dachang',
      '--category',
      'publicSecurity',
      '--step',
      'accept',
      '--yellow',
      '2',
      '--red',
      '4',
    );
    const rows = await limitRows();
    const audited = (await audits()).length;
    const base = { street: 'dachang', category: 'publicSecurity', step: 'accept', yellow: '2', red: '4' };
    const cases: [Partial<typeof base>, string][] = [
      [{ yellow: '0' }, '--yellow must be a whole number of working days from 1 to 60, got "0"'],
      [{ yellow: '2.5' }, '--yellow must be a whole number'],
      [{ yellow: 'three' }, '--yellow must be a whole number'],
      [
        { yellow: '5', red: '5' },
        '--red must be a whole number of working days after --yellow (5) and at most 60, got "5"',
      ],
      [{ red: '61' }, '--red must be'],
      [{ yellow: '60', red: '61' }, '--red must be'],
      [{ category: 'weather' }, '--category "weather" is not a level-one event category'],
      [{ category: 'toString' }, '--category "toString" is not'],
      [{ step: 'fix' }, '--step "fix" is not a step. Steps: accept (受理), handle (办理), verify (验证)'],
      [{ street: 'dachang-hubin' }, '--street "dachang-hubin" is a community'],
      [{ street: 'nowhere' }, '--street: unknown org id "nowhere"'],
    ];
    for (const [change, message] of cases) {
      const args = { ...base, ...change };
      const run = await admin(
        'set-event-limits',
        ...Object.entries(args).flatMap(([key, value]) => [`--${key}`, value]),
      );
      expect(run.code, message).toBe(1);
      expect(run.err, message).toContain(message);
    }
    expect((await admin('set-event-limits', '--street', 'dachang', '--step', 'accept')).code).toBe(2);
    expect((await admin('clear-event-limits', '--street', 'dachang', '--step', 'later')).code).toBe(1);
    expect(await limitRows()).toEqual(rows);
    expect(await audits()).toHaveLength(audited);
  });

  it('issues the cards due on the day run-supervision is given, and refuses a --now it cannot read', async () => {
    const bad = await admin('run-supervision', '--now', '2026-12-01');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--now must be a date and time with its zone');
    const garbage = await reportedClock('cityEvent', 'hb-grid01', HUBIN_GRID_1);
    // 受理's one working day from Thu 11-26 is Fri 11-27; on Mon 11-30 it is 黄牌.
    const early = await admin('run-supervision', '--now', '2026-11-27T18:00:00+08:00');
    expect(early.code).toBe(0);
    expect((await findRecord(server.db, garbage.id))?.body).not.toHaveProperty('supervision');
    const run = await admin('run-supervision', '--now', '2026-11-30T09:00:00+08:00');
    expect(run.out).toMatch(/^Issued \d+ cards? on \d+ events? due at 2026-11-30T01:00:00.000Z\.$/);
    expect((await findRecord(server.db, garbage.id))?.body).toMatchObject({ supervision: 'yellow' });
    // A run by hand does not move the servers' schedule.
    const job = await server.db.selectFrom('scheduled_jobs').selectAll().executeTakeFirst();
    expect(job).toMatchObject({ lease_owner: null, lease_until: null });
    expect(job?.next_run_at).toBe(NOW.toISOString());
  });
});
