import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { type EventActor, SUPERVISION_ACTOR_ID } from '../../src/domain/event-access';
import { checkEventChange } from '../../src/domain/event-change';
import { type EventStep, takeEventStep } from '../../src/domain/event-steps';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import { type GridEventBody, gridEventBodySchema } from '../../src/domain/grid-event';

const NOW = new Date('2026-09-28T02:00:00.000Z');
const DEPARTMENTS = new Set(['dachang-zhifa', 'dachang-police']);
const CONTEXT = { now: NOW, departmentIds: DEPARTMENTS };

const WORKER: EventActor = { id: 'demo-hb-grid01', role: 'fullTimeGridWorker' };
const ADMIN: EventActor = { id: 'demo-hb-admin', role: 'communityAdmin' };
const STREET: EventActor = { id: 'demo-dc-admin', role: 'streetAdmin' };
const ZHIFA: EventActor = { id: 'demo-hb-enforce', role: 'lawEnforcement', departmentId: 'dachang-zhifa' };
const POLICE: EventActor = { id: 'demo-dc-police', role: 'departmentStaff', departmentId: 'dachang-police' };
const SYSTEM: EventActor = { id: SUPERVISION_ACTOR_ID, role: 'system' };

const reported: GridEventBody = {
  title: '消防通道被电动车堵塞',
  categoryL1: 'safetyHazard',
  categoryL2: 'eBike',
  description: '湖滨新寓5栋楼道口停放电动车6辆',
  reportedAt: '2026-09-28T01:00:00.000Z',
  source: 'patrol',
  nature: 'individual',
  scale: 'minor',
  photoIds: ['b'.repeat(64)],
  handlingMode: 'reportUp',
  reportedBy: WORKER.id,
  reportedLevel: 'grid',
  handlingLevel: 'grid',
  flowLogs: [],
  status: 'reported',
};

let logCount = 0;
function step(
  body: GridEventBody,
  actor: EventActor,
  event: GridEventEvent,
  comment?: string,
): GridEventBody {
  logCount += 1;
  const taken: EventStep = {
    event,
    logId: `0190a5d2-7a3b-7c4d-8e9f-${String(logCount).padStart(12, '0')}`,
    at: new Date(NOW.getTime() + logCount * 60_000).toISOString(),
    byName: actor.id,
    comment,
  };
  const result = takeEventStep(body, actor, taken, CONTEXT);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.reason}`);
  // Every body a step leaves is one the schema accepts.
  expect(z.safeParse(gridEventBodySchema, result.body).success).toBe(true);
  return result.body;
}

const accepted = () => step(reported, ADMIN, { type: 'accept' });
const assigned = () =>
  step(accepted(), ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-10-12' });
const processed = () =>
  step(step(assigned(), ZHIFA, { type: 'process' }), ZHIFA, { type: 'complete', note: '已清理车辆' });

function refusal(before: GridEventBody | undefined, after: GridEventBody, actor: EventActor) {
  const check = checkEventChange(before, after, actor, CONTEXT);
  return check.ok ? 'ok' : `${check.reason} @ ${check.path}`;
}

describe('an event step, taken and replayed', () => {
  it('walks the whole flow, each step accepted by the replay of the one who took it', () => {
    const flow: [EventActor, GridEventEvent][] = [
      [ADMIN, { type: 'accept' }],
      [ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-10-12' }],
      [ZHIFA, { type: 'process' }],
      [ZHIFA, { type: 'requestExtension', days: 3, reason: '需协调车主' }],
      [ADMIN, { type: 'approveExtension' }],
      [ZHIFA, { type: 'complete', note: '已清理车辆' }],
      [WORKER, { type: 'verify', passed: false, reason: '仍有两辆' }],
      [ZHIFA, { type: 'complete', note: '全部清理' }],
      [WORKER, { type: 'verify', passed: true }],
      [WORKER, { type: 'close' }],
      [WORKER, { type: 'evaluate', satisfaction: 'satisfied' }],
    ];
    let body = reported;
    expect(refusal(undefined, body, WORKER)).toBe('ok');
    for (const [actor, event] of flow) {
      const next = step(body, actor, event, event.type === 'evaluate' ? '处理及时' : undefined);
      expect(refusal(body, next, actor), event.type).toBe('ok');
      body = next;
    }
    expect(body.status).toBe('closed');
    expect(body.flowLogs.map((log) => `${log.action}:${log.toStatus}`)).toEqual([
      'accept:accepted',
      'assign:assigned',
      'process:processing',
      'requestExtension:processing',
      'approveExtension:processing',
      'complete:processed',
      'verify:processing',
      'complete:processed',
      'verify:verified',
      'close:closed',
      'evaluate:closed',
    ]);
    expect(body.extensions?.[0]).toMatchObject({ days: 3, approvedAt: body.flowLogs[4]?.at });
    expect(body.evaluation).toEqual({ satisfaction: 'satisfied', comment: '处理及时' });
  });

  it('replays several steps pushed at once, as an offline phone sends them', () => {
    const body = step(step(reported, ADMIN, { type: 'accept' }), ADMIN, {
      type: 'assign',
      departmentId: 'dachang-police',
      deadline: '2026-10-12',
    });
    expect(refusal(reported, body, ADMIN)).toBe('ok');
  });

  it('lets a worker resolve on the spot as they report (自行处置), and file it', () => {
    const filed = step(reported, WORKER, { type: 'selfResolve', note: '当场劝离车主' });
    expect(filed).toMatchObject({
      status: 'filed',
      handlingMode: 'selfResolved',
      selfResolvedNote: '当场劝离车主',
    });
    expect(refusal(undefined, filed, WORKER)).toBe('ok');
  });

  it('refuses a step from a role the table does not name, or another department', () => {
    expect(() => step(reported, WORKER, { type: 'accept' })).toThrow('notYours');
    expect(() => step(assigned(), POLICE, { type: 'process' })).toThrow('notYours');
    expect(() => step(reported, ZHIFA, { type: 'accept' })).toThrow('notYours');
    // The street admin dispatches at the community's level too; the community admin not at the street's.
    const atStreet = step(step(accepted(), ADMIN, { type: 'escalate', reason: '涉及多个社区' }), STREET, {
      type: 'escalate',
      reason: '需街道协调',
    });
    expect(atStreet.handlingLevel).toBe('street');
    expect(() => step(atStreet, ADMIN, { type: 'accept' })).toThrow('notYours');
    expect(step(atStreet, STREET, { type: 'accept' }).status).toBe('accepted');
  });

  it('refuses a 黄牌 or 红牌 from anyone but the server, and lets the server issue it', () => {
    const body = assigned();
    expect(() => step(body, ADMIN, { type: 'supervise', level: 'yellow' })).toThrow('notYours');
    const carded = step(body, SYSTEM, { type: 'supervise', level: 'yellow' });
    expect(refusal(body, carded, SYSTEM)).toBe('ok');
    // Pushed by a device, the server's entry is not the pusher's.
    expect(refusal(body, carded, ADMIN)).toBe('notYours @ flowLogs');
    const forged = { ...carded, flowLogs: carded.flowLogs.map((log) => ({ ...log, by: ADMIN.id })) };
    expect(refusal(body, forged, ADMIN)).toBe('notYours @ status');
    expect(step(body, ADMIN, { type: 'supervise', level: 'normal' }).supervision).toBe('normal');
  });

  it('replays the server’s card with the opinion it was issued with, kept as recorded', () => {
    const body = assigned();
    const opinion = '未在规定的期限里处理，系统进行自动黄牌督办';
    const carded = step(body, SYSTEM, { type: 'supervise', level: 'yellow', note: opinion });
    expect(carded.flowLogs.at(-1)).toMatchObject({ action: 'supervise', supervision: 'yellow', opinion });
    expect(refusal(body, carded, SYSTEM)).toBe('ok');
    const reworded = {
      ...carded,
      flowLogs: carded.flowLogs.map((log) =>
        log.action === 'supervise' ? { ...log, opinion: '改过' } : log,
      ),
    };
    // Once recorded, the card's words are history like any step's.
    expect(refusal(carded, reworded, SYSTEM)).toBe('flowLogs @ flowLogs');
  });

  it('refuses a dispatch to a department outside the street, and a deadline in the past', () => {
    expect(() =>
      step(accepted(), ADMIN, { type: 'assign', departmentId: 'taishan-zhifa', deadline: '2026-10-12' }),
    ).toThrow('departmentOutOfReach');
    expect(() =>
      step(accepted(), ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-09-27' }),
    ).toThrow('deadlineInPast');
  });
});

describe('a pushed change of an event', () => {
  it('refuses a second 受理 onto the status the first one left (two people at once)', () => {
    const first = accepted();
    // The second admin took the step from the same `reported` body; merged, both entries are there.
    const second = step(reported, { ...ADMIN, id: 'demo-hb-leader', role: 'gridLeader' }, { type: 'accept' });
    const merged = { ...first, flowLogs: [...first.flowLogs, ...second.flowLogs] };
    expect(refusal(first, merged, { ...ADMIN, id: 'demo-hb-leader', role: 'gridLeader' })).toBe(
      'notAllowed @ status',
    );
  });

  it('refuses a 结案 merged after someone returned the event (回退)', () => {
    const verified = step(processed(), WORKER, { type: 'verify', passed: true });
    const returned = step(step(assigned(), ZHIFA, { type: 'process' }), ZHIFA, {
      type: 'return',
      reason: '非本单位职责',
    });
    expect(returned.status).toBe('accepted');
    const closed = step(verified, WORKER, { type: 'close' });
    const closeLog = closed.flowLogs.at(-1);
    const merged = {
      ...returned,
      status: 'closed' as const,
      flowLogs: [...returned.flowLogs, ...(closeLog ? [closeLog] : [])],
    };
    expect(refusal(returned, merged, WORKER)).toBe('notAllowed @ status');
  });

  it('refuses a status, department or card changed without its step', () => {
    const body = assigned();
    expect(refusal(body, { ...body, status: 'processing' }, ZHIFA)).toBe('fieldWithoutStep @ status');
    expect(refusal(body, { ...body, departmentId: 'dachang-police' }, ADMIN)).toBe(
      'fieldWithoutStep @ departmentId',
    );
    expect(refusal(body, { ...body, supervision: 'red' }, ADMIN)).toBe('fieldWithoutStep @ supervision');
    expect(refusal(body, { ...body, handlingNote: '改了' }, ZHIFA)).toBe('fieldWithoutStep @ handlingNote');
    // Fields no step owns are edited like any record's.
    expect(refusal(body, { ...body, description: '补充：共6辆' }, ADMIN)).toBe('ok');
  });

  it('refuses a recorded step rewritten or dropped, and a step recorded under someone else', () => {
    const body = assigned();
    const [first, ...rest] = body.flowLogs;
    if (!first) throw new Error('no log');
    expect(refusal(body, { ...body, flowLogs: [{ ...first, opinion: '改写' }, ...rest] }, ADMIN)).toBe(
      'flowLogs @ flowLogs',
    );
    expect(refusal(body, { ...body, flowLogs: rest }, ADMIN)).toBe('flowLogs @ flowLogs');
    const processing = step(body, ZHIFA, { type: 'process' });
    expect(refusal(body, processing, { ...ZHIFA, id: 'demo-other' })).toBe('notYours @ flowLogs');
  });

  it('refuses an entry that says something other than the step it records', () => {
    const body = accepted();
    const next = step(body, ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-10-12' });
    const lying = next.flowLogs.map((log, i) =>
      i === next.flowLogs.length - 1 ? { ...log, toStatus: 'processing' as const } : log,
    );
    expect(refusal(body, { ...next, flowLogs: lying }, ADMIN)).toBe('flowLogs @ flowLogs');
  });

  it('keeps the step clock the server’s own', () => {
    const body = {
      ...accepted(),
      clock: {
        stepKey: 'x',
        step: 'handle' as const,
        startedAt: NOW.toISOString(),
        warnDay: '2026-09-30',
        yellowDay: '2026-10-09',
        redDay: '2026-10-16',
      },
    };
    expect(refusal(body, { ...body, clock: { ...body.clock, redDay: '2026-12-31' } }, ADMIN)).toBe(
      'clock @ clock',
    );
    expect(refusal(undefined, { ...reported, clock: body.clock }, WORKER)).toBe('clock @ clock');
  });

  it('refuses a new event reported in someone else’s name, or already dispatched', () => {
    expect(refusal(undefined, { ...reported, reportedBy: 'demo-other' }, WORKER)).toBe(
      'notYours @ reportedBy',
    );
    expect(refusal(undefined, { ...reported, status: 'accepted' }, WORKER)).toBe('fieldWithoutStep @ status');
    expect(refusal(undefined, assigned(), WORKER)).toBe('notYours @ flowLogs');
    const ownAccept = accepted();
    const asWorker = { ...ownAccept, flowLogs: ownAccept.flowLogs.map((log) => ({ ...log, by: WORKER.id })) };
    expect(refusal(undefined, asWorker, WORKER)).toBe('notYours @ status');
  });

  it('lets an inspector hand a rental hazard to a department as they report it (交办)', () => {
    const handed = {
      ...reported,
      rentalInspectionId: '0190a5d2-7a3b-7c4d-8e9f-0000000000a1',
      hazardId: '0190a5d2-7a3b-7c4d-8e9f-0000000000a2',
    };
    const result = [
      { type: 'accept' },
      { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-10-12' },
    ].reduce<GridEventBody>((body, event, i) => {
      const taken = takeEventStep(
        body,
        WORKER,
        {
          event: event as GridEventEvent,
          logId: `0190a5d2-7a3b-7c4d-8e9f-00000000f00${i}`,
          at: NOW.toISOString(),
        },
        { ...CONTEXT, handover: true },
      );
      if (!taken.ok) throw new Error(taken.reason);
      return taken.body;
    }, handed);
    expect(result.status).toBe('assigned');
    expect(refusal(undefined, result, WORKER)).toBe('ok');
    // Without a hazard it is not a handover: the worker may not dispatch.
    const { hazardId: _, rentalInspectionId: __, ...plain } = result;
    expect(refusal(undefined, plain, WORKER)).toBe('notYours @ status');
  });
});

describe('a street’s own sub-categories', () => {
  const ELEVATOR = [{ categoryL1: 'safetyHazard', code: 'elevator', label: '电梯安全' }] as const;
  const elevator: GridEventBody = { ...reported, categoryL2: 'elevator', categoryL2Label: '电梯安全' };

  it('are taken from the street that added them, and refused by name elsewhere', () => {
    expect(checkEventChange(undefined, elevator, WORKER, { ...CONTEXT, subcategories: ELEVATOR })).toEqual({
      ok: true,
    });
    expect(checkEventChange(undefined, elevator, WORKER, CONTEXT)).toMatchObject({
      ok: false,
      path: 'categoryL2',
      reason: 'unknownCategory',
    });
    // Under another level-one category the code is unknown too.
    const elsewhere = { ...elevator, categoryL1: 'emergency', photoIds: [] } as GridEventBody;
    expect(
      checkEventChange(undefined, elsewhere, WORKER, { ...CONTEXT, subcategories: ELEVATOR }),
    ).toMatchObject({
      ok: false,
      reason: 'unknownCategory',
    });
  });

  it('stay on an event after the street removed them; a changed category is checked again', () => {
    const described = { ...elevator, description: '3号电梯困人后未修复' };
    expect(checkEventChange(elevator, described, WORKER, CONTEXT)).toEqual({ ok: true });
    const recategorised = {
      ...elevator,
      categoryL1: 'emergency',
      categoryL2: 'elevatorStuck',
    } as GridEventBody;
    expect(checkEventChange(elevator, recategorised, WORKER, CONTEXT)).toMatchObject({
      ok: false,
      path: 'categoryL2',
    });
  });
});
