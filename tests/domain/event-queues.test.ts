import { describe, expect, it } from 'vitest';
import type { EventActor } from '../../src/domain/event-access';
import { eventQueue, queueCounts, queueOf } from '../../src/domain/event-queues';
import { takeEventStep } from '../../src/domain/event-steps';
import { clockForEvent, DEFAULT_EVENT_TIME_LIMITS } from '../../src/domain/event-supervision';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { todayTasks } from '../../src/domain/today-tasks';
import { sampleGridEvent } from '../support/sample-records';

const WORKER: EventActor = { id: 'demo-hb-grid01', role: 'fullTimeGridWorker' };
const OTHER_WORKER: EventActor = { id: 'demo-hb-grid02', role: 'partTimeGridWorker' };
const ADMIN: EventActor = { id: 'demo-hb-admin', role: 'communityAdmin' };
const ZHIFA: EventActor = { id: 'demo-hb-enforce', role: 'lawEnforcement', departmentId: 'dachang-zhifa' };
const POLICE: EventActor = { id: 'demo-dc-police', role: 'departmentStaff', departmentId: 'dachang-police' };
const NOW = new Date('2026-11-20T02:00:00.000Z');

let n = 0;
function event(steps: [EventActor, GridEventEvent][], clocked = true): GridEventRecord {
  n += 1;
  const base = sampleGridEvent(
    `0190a5d2-7a3b-7c4d-8e9f-${String(n).padStart(12, '0')}`,
    'dachang-hubin-01',
    WORKER.id,
  );
  let body = base.body;
  for (const [i, [actor, step]] of steps.entries()) {
    const taken = takeEventStep(
      body,
      actor,
      {
        event: step,
        logId: `0190a5d2-7a3b-7c4d-8e9f-${String(n * 100 + i).padStart(12, '0')}`,
        at: NOW.toISOString(),
      },
      { now: NOW, departmentIds: new Set(['dachang-zhifa', 'dachang-police']) },
    );
    if (!taken.ok) throw new Error(taken.reason);
    body = taken.body;
  }
  const clock = clockForEvent(body, DEFAULT_EVENT_TIME_LIMITS);
  return { ...base, body: clocked && clock ? { ...body, clock } : body };
}

const accept: [EventActor, GridEventEvent] = [ADMIN, { type: 'accept' }];
const assign: [EventActor, GridEventEvent] = [
  ADMIN,
  { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-12-01' },
];
const handled: [EventActor, GridEventEvent][] = [
  accept,
  assign,
  [ZHIFA, { type: 'process' }],
  [ZHIFA, { type: 'complete', note: '已处置' }],
];

describe('each user’s event queues', () => {
  const reported = event([]);
  const accepted = event([accept]);
  const assigned = event([accept, assign]);
  const processed = event(handled);
  const all = [reported, accepted, assigned, processed];

  it('puts each event in the queue of whoever takes its next step', () => {
    expect(all.map((r) => queueOf(r, ADMIN))).toEqual(['accept', 'dispatch', undefined, 'verify']);
    expect(all.map((r) => queueOf(r, ZHIFA))).toEqual([undefined, undefined, 'handle', undefined]);
    expect(all.map((r) => queueOf(r, POLICE))).toEqual([undefined, undefined, undefined, undefined]);
    // The reporter verifies what they reported; another worker has nothing to do with it.
    expect(all.map((r) => queueOf(r, WORKER))).toEqual([undefined, undefined, undefined, 'verify']);
    expect(all.map((r) => queueOf(r, OTHER_WORKER))).toEqual([undefined, undefined, undefined, undefined]);
    expect(queueCounts(eventQueue(all, ADMIN, NOW))).toEqual({
      accept: 1,
      dispatch: 1,
      handle: 0,
      verify: 1,
    });
  });

  it('lists the overdue first', () => {
    const late = new Date('2026-11-25T02:00:00.000Z'); // past 受理's red limit, within 办理's
    const order = eventQueue([accepted, reported], ADMIN, late).map((item) => [item.recordId, item.overdue]);
    expect(order).toEqual([
      [reported.id, true],
      [accepted.id, false],
    ]);
  });

  it('warns in 今日待办 only of the events waiting for this user', () => {
    const late = new Date('2026-11-24T02:00:00.000Z');
    const ids = (actor: EventActor) => todayTasks(all, late, { actor }).map((task) => task.recordId);
    expect(ids(ADMIN)).toContain(reported.id);
    expect(ids(ZHIFA)).not.toContain(reported.id);
    expect(ids(WORKER)).not.toContain(reported.id);
    // Without an actor (the server's view) every event's clock counts.
    expect(todayTasks(all, late).map((task) => task.recordId)).toContain(reported.id);
  });
});
