import { describe, expect, it } from 'vitest';
import { startOfLocalWeek } from '../../src/domain/due-dates';
import type { EventActor } from '../../src/domain/event-access';
import { checkEventChange, eventOfLog } from '../../src/domain/event-change';
import { takeEventStep } from '../../src/domain/event-steps';
import type { GridEventBody } from '../../src/domain/grid-event';
import { type GridEventRecord, recordSchema } from '../../src/domain/record-envelope';
import { DEMO_ACCOUNT_SEEDS, demoUserId } from '../../src/server/demo/demo-accounts';
import { buildDemoOrgs, DEMO_DEPARTMENTS } from '../../src/server/demo/demo-orgs';
import { buildDemoRecords } from '../../src/server/demo/demo-records';

describe('demo records', () => {
  it.each([
    ['a Thursday morning', '2026-11-26T02:00:00.000Z'],
    ['half a minute into a Monday in China', '2026-11-22T16:00:30.000Z'],
    ['two hours into a Monday in China', '2026-11-22T18:00:00.000Z'],
  ])('are valid and located, with this week’s walked patrol, on %s', (_when, at) => {
    const now = new Date(at);
    const records = buildDemoRecords(buildDemoOrgs().communities, now);
    for (const record of records) {
      const parsed = recordSchema.safeParse(record);
      expect(parsed.success ? [] : parsed.error.issues, record.id).toEqual([]);
      expect(record.body.location, record.id).toBeDefined();
    }
    const walked = records.filter((r) => r.kind === 'patrol' && (r.body.track?.length ?? 0) > 0);
    expect(walked.length).toBeGreaterThan(0);
    for (const patrol of walked) {
      if (patrol.kind !== 'patrol') continue;
      expect(Date.parse(patrol.body.startedAt)).toBeLessThanOrEqual(now.getTime());
      // Except in the first minutes of a week, the walk is this week's.
      if (now.getTime() - startOfLocalWeek(now).getTime() > 5 * 60_000) {
        expect(Date.parse(patrol.body.startedAt)).toBeGreaterThanOrEqual(startOfLocalWeek(now).getTime());
      }
    }
  });
});

describe('demo 上报事件', () => {
  const now = new Date('2026-11-26T02:00:00.000Z');
  const { communities } = buildDemoOrgs();
  const events = buildDemoRecords(communities, now).filter(
    (record): record is GridEventRecord => record.kind === 'gridEvent',
  );
  const accounts = new Map<string, EventActor>(
    DEMO_ACCOUNT_SEEDS.map((seed) => [
      demoUserId(seed.username),
      { id: demoUserId(seed.username), role: seed.role, departmentId: seed.departmentId },
    ]),
  );

  it('wait in 湖滨社区 at each queue: 待受理, 待处置 at 综合执法 and 派出所, 待核查, and one 自行处置 filed', () => {
    const hubin = events.filter((event) => event.gridId.startsWith('dachang-hubin-'));
    expect(hubin.map((event) => event.body.status).sort()).toEqual([
      'assigned',
      'assigned',
      'filed',
      'processed',
      'reported',
    ]);
    const dispatchedTo = hubin
      .filter((event) => event.body.status === 'assigned')
      .map((e) => e.body.departmentId);
    expect(dispatchedTo.sort()).toEqual(['dachang-police', 'dachang-zhifa']);
    expect(hubin.find((event) => event.body.status === 'filed')?.body.handlingMode).toBe('selfResolved');
    // Reported by the grid's demo worker where it has one.
    expect(hubin.every((event) => event.body.reportedBy === demoUserId('hb-grid01'))).toBe(true);
    const tieqiao = events.find((event) => event.gridId === 'taishan-tieqiao-01');
    expect(tieqiao?.body).toMatchObject({ reportedBy: demoUserId('tq-grid01'), reportedByName: '李娜' });
    // Every community has one waiting to be accepted.
    for (const community of communities) {
      const own = events.filter((event) => community.gridIds.includes(event.gridId));
      expect(
        own.some((event) => event.body.status === 'reported'),
        community.id,
      ).toBe(true);
    }
  });

  it.each(events.map((event) => [event.body.title, event.gridId, event] as const))(
    'replay on the server step by step: %s (%s)',
    (_title, _gridId, event) => {
      const departmentIds = new Set(
        DEMO_DEPARTMENTS.filter((d) => event.gridId.startsWith(`${d.streetId}-`)).map((d) => d.id),
      );
      const context = { now, departmentIds };
      const { clock: _clock, ...stored } = event.body;
      const reporter = accounts.get(stored.reportedBy) ?? {
        id: stored.reportedBy,
        role: 'fullTimeGridWorker',
      };
      // As pushed by its reporter: reported, no step taken yet, no clock.
      let before: GridEventBody = {
        ...stored,
        status: 'reported',
        handlingMode: 'reportUp',
        handlingLevel: stored.reportedLevel,
        flowLogs: [],
      };
      for (const field of ['departmentId', 'deadline', 'selfResolvedNote', 'handlingNote'] as const)
        delete before[field];
      expect(checkEventChange(undefined, before, reporter, context)).toEqual({ ok: true });
      // Then each entry as its own push by the account that took it, which the server re-takes.
      for (const log of stored.flowLogs) {
        const actor = accounts.get(log.by);
        expect(actor, `${log.action} by ${log.by}`).toBeDefined();
        if (!actor) return;
        const step = { event: eventOfLog(log), logId: log.id, at: log.at, byName: log.byName };
        const taken = takeEventStep(before, actor, step, { now: new Date(log.at), departmentIds });
        if (!taken.ok) throw new Error(`${log.action}: ${taken.reason}`);
        expect(taken.log).toEqual(log);
        expect(checkEventChange(before, taken.body, actor, { now: new Date(log.at), departmentIds })).toEqual(
          {
            ok: true,
          },
        );
        before = taken.body;
      }
      expect(before).toEqual(stored);
    },
  );
});
