import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../../src/app/forms/field-errors';
import { en } from '../../src/app/i18n/en';
import { t } from '../../src/app/i18n/i18n';
import { screenStringsZhCN } from '../../src/app/i18n/screen-strings';
import type { MessageKey } from '../../src/app/i18n/zh-cn';
import { eventStepOutcome } from '../../src/app/kinds/grid-event/event-step-outcome';
import { EVENT_STEP_SPECS, proposedDeadline } from '../../src/app/kinds/grid-event/event-step-specs';
import { bodyFrom, draftFrom } from '../../src/app/kinds/grid-event/grid-event-draft';
import { missingFields, type StepValues } from '../../src/app/workflow/step-spec';
import type { Department } from '../../src/domain/departments';
import { type EventActor, eventActionsFor } from '../../src/domain/event-access';
import { checkEventChange, EVENT_CHANGE_MESSAGES } from '../../src/domain/event-change';
import { takeEventStep } from '../../src/domain/event-steps';
import {
  GRID_EVENT_EVENT_TYPES,
  type GridEventEvent,
  type GridEventEventType,
} from '../../src/domain/event-workflow';
import { type GridEventBody, gridEventBodySchema } from '../../src/domain/grid-event';
import { sampleGridEvent } from '../support/sample-records';

const WORKER: EventActor = { id: 'demo-hb-grid01', role: 'fullTimeGridWorker' };
const ADMIN: EventActor = { id: 'demo-hb-admin', role: 'communityAdmin' };
const ZHIFA: EventActor = { id: 'demo-hb-enforce', role: 'lawEnforcement', departmentId: 'dachang-zhifa' };
const DEPARTMENTS: Department[] = [
  { id: 'dachang-zhifa', name: '大厂综合执法中队', type: 'lawEnforcement', streetId: 'dachang' },
  { id: 'dachang-police', name: '大厂派出所', type: 'police', streetId: 'dachang' },
];
const DEPARTMENT_IDS = new Set(DEPARTMENTS.map((d) => d.id));
const NOW = new Date('2026-11-20T02:00:00.000Z');
const PHOTO = 'c'.repeat(64);

let n = 0;
const newId = () => `0190a5d2-7a3b-7c4d-8e9f-${String(++n).padStart(12, '0')}`;

/** The sample event, reported by the worker at grid level, moved on by `steps` as the server would. */
function after(steps: [EventActor, GridEventEvent][], start: Partial<GridEventBody> = {}): GridEventBody {
  let body: GridEventBody = { ...sampleGridEvent(newId(), 'dachang-hubin-01', WORKER.id).body, ...start };
  for (const [actor, event] of steps) {
    const taken = takeEventStep(
      body,
      actor,
      { event, logId: newId(), at: NOW.toISOString() },
      { now: NOW, departmentIds: DEPARTMENT_IDS },
    );
    if (!taken.ok) throw new Error(`${event.type}: ${taken.reason}`);
    body = taken.body;
  }
  return body;
}

const accepted = (): GridEventBody => after([[ADMIN, { type: 'accept' }]]);
const assigned = (): GridEventBody =>
  after([
    [ADMIN, { type: 'accept' }],
    [ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline: '2026-11-27' }],
  ]);
const processing = (): GridEventBody => {
  const body = assigned();
  return after([[ZHIFA, { type: 'process' }]], body);
};
const processed = (): GridEventBody =>
  after([[ZHIFA, { type: 'complete', note: '已清理通道' }]], processing());

/** Each step: who takes it, on what, and what the user fills in beyond the sheet's defaults. */
const CASES: {
  action: GridEventEventType;
  actor: EventActor;
  before: () => GridEventBody;
  fill?: StepValues;
}[] = [
  { action: 'selfResolve', actor: WORKER, before: () => after([]), fill: { note: '当场劝离，通道已畅通' } },
  { action: 'accept', actor: ADMIN, before: () => after([]) },
  { action: 'reject', actor: ADMIN, before: () => after([]), fill: { reason: '重复上报' } },
  { action: 'escalate', actor: ADMIN, before: () => after([]), fill: { reason: '涉及多个社区' } },
  {
    action: 'return',
    actor: ADMIN,
    before: () => after([], { handlingLevel: 'community' }),
    fill: { reason: '请网格先行核实' },
  },
  { action: 'assign', actor: ADMIN, before: accepted },
  { action: 'process', actor: ZHIFA, before: assigned },
  {
    action: 'complete',
    actor: ZHIFA,
    before: processing,
    fill: { note: '已清理通道', photos: [{ sha256: PHOTO }] },
  },
  { action: 'requestExtension', actor: ZHIFA, before: processing, fill: { days: '3', reason: '等待车主' } },
  {
    action: 'approveExtension',
    actor: ADMIN,
    before: () => after([[ZHIFA, { type: 'requestExtension', days: 3, reason: '等待车主' }]], processing()),
  },
  { action: 'verify', actor: WORKER, before: processed, fill: { passed: 'no', reason: '仍有两辆未清' } },
  {
    action: 'close',
    actor: WORKER,
    before: () => after([[WORKER, { type: 'verify', passed: true }]], processed()),
  },
  {
    action: 'evaluate',
    actor: WORKER,
    before: () =>
      after(
        [
          [WORKER, { type: 'verify', passed: true }],
          [WORKER, { type: 'close' }],
        ],
        processed(),
      ),
    fill: { satisfaction: 'satisfied', comment: '处置及时' },
  },
  { action: 'urge', actor: WORKER, before: () => after([]) },
  { action: 'supervise', actor: ADMIN, before: accepted },
];

describe('上报事件 step sheets', () => {
  it('covers every step of the workflow', () => {
    expect(new Set(CASES.map((c) => c.action))).toEqual(new Set(GRID_EVENT_EVENT_TYPES));
  });

  it.each(CASES)(
    'saves $action as a change the server’s replay accepts',
    ({ action, actor, before, fill }) => {
      const body = before();
      expect(eventActionsFor(actor, body)).toContain(action);
      const spec = EVENT_STEP_SPECS[action];
      const context = { body, now: NOW, departments: DEPARTMENTS };
      const values = { ...spec.initial(context), ...fill };
      const shown = spec.fields(context).filter((field) => field.when?.(values) ?? true);
      expect(missingFields(shown, values)).toEqual([]);
      const outcome = eventStepOutcome(
        body,
        spec.toAction(values, context),
        actor,
        { now: NOW, userId: actor.id, userName: '测试', newId },
        DEPARTMENTS,
      );
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.body.flowLogs).toHaveLength(body.flowLogs.length + 1);
      expect(outcome.body.flowLogs.at(-1)).toMatchObject({ action, by: actor.id, byName: '测试' });
      expect(gridEventBodySchema.safeParse(outcome.body).success).toBe(true);
      expect(
        checkEventChange(body, outcome.body, actor, { now: NOW, departmentIds: DEPARTMENT_IDS }),
      ).toEqual({
        ok: true,
      });
    },
  );

  it('proposes the first department and the handle step’s yellow limit as 交办’s deadline', () => {
    const context = { body: accepted(), now: NOW, departments: DEPARTMENTS };
    // 2026-11-20 is a Friday: five working days later is the next Friday.
    expect(proposedDeadline(NOW)).toBe('2026-11-27');
    expect(EVENT_STEP_SPECS.assign.initial(context)).toEqual({
      department: 'dachang-zhifa',
      deadline: '2026-11-27',
    });
    const deadline = EVENT_STEP_SPECS.assign.fields(context).find((field) => field.key === 'deadline');
    expect(deadline?.min).toBe('2026-11-20');
  });

  it('adds 处置完成’s photos to the event’s own, once', () => {
    const body = { ...processing(), photoIds: [PHOTO] };
    const values = { note: '已清理', photos: [{ sha256: PHOTO }, { sha256: 'd'.repeat(64) }] };
    const context = { body, now: NOW, departments: DEPARTMENTS };
    const outcome = eventStepOutcome(
      body,
      EVENT_STEP_SPECS.complete.toAction(values, context),
      ZHIFA,
      { now: NOW, userId: ZHIFA.id, userName: '执法', newId },
      DEPARTMENTS,
    );
    expect(outcome.ok && outcome.body.photoIds).toEqual([PHOTO, 'd'.repeat(64)]);
  });

  it('refuses in Chinese what the state machine refuses, and saves nothing', () => {
    const body = accepted();
    const context = { body, now: NOW, departments: DEPARTMENTS };
    const outcome = eventStepOutcome(
      body,
      EVENT_STEP_SPECS.assign.toAction({ department: 'dachang-zhifa', deadline: '2026-11-19' }, context),
      ADMIN,
      { now: NOW, userId: ADMIN.id, userName: '社区', newId },
      DEPARTMENTS,
    );
    expect(outcome).toEqual({ ok: false, message: '办理期限不能早于今天' });
    const other = eventStepOutcome(
      body,
      EVENT_STEP_SPECS.assign.toAction({ department: 'taishan-zhifa', deadline: '2026-11-27' }, context),
      ADMIN,
      { now: NOW, userId: ADMIN.id, userName: '社区', newId },
      DEPARTMENTS,
    );
    expect(other).toEqual({ ok: false, message: t('eventRefusal.departmentOutOfReach' as MessageKey) });
  });
});

describe('上报事件 report form', () => {
  const draft = {
    ...draftFrom(undefined),
    title: '消防通道被堵',
    categoryL1: 'safetyHazard',
    categoryL2: 'eBike',
    description: '5栋楼道口停放电动车',
    photos: [{ sha256: PHOTO }],
  };
  const reporter = { id: WORKER.id, name: '王丽', role: WORKER.role };

  it('reports up as a new event the server’s check accepts', () => {
    const body = bodyFrom(draft, undefined, reporter, NOW) as GridEventBody;
    expect(body).toMatchObject({ status: 'reported', reportedLevel: 'grid', handlingLevel: 'grid' });
    expect(gridEventBodySchema.safeParse(body).success).toBe(true);
    expect(checkEventChange(undefined, body, WORKER, { now: NOW, departmentIds: DEPARTMENT_IDS })).toEqual({
      ok: true,
    });
  });

  it('files an event resolved on the spot with its 自行处置 step', () => {
    const body = bodyFrom(
      { ...draft, handlingMode: 'selfResolved', selfResolvedNote: '当场劝离' },
      undefined,
      reporter,
      NOW,
    ) as GridEventBody;
    expect(body).toMatchObject({
      status: 'filed',
      handlingMode: 'selfResolved',
      selfResolvedNote: '当场劝离',
    });
    expect(body.flowLogs.map((log) => log.action)).toEqual(['selfResolve']);
    expect(checkEventChange(undefined, body, WORKER, { now: NOW, departmentIds: DEPARTMENT_IDS })).toEqual({
      ok: true,
    });
  });

  it('starts as 巡查发现 and keeps the parties typed, blank texts left out', () => {
    expect(draftFrom(undefined).source).toBe('patrol');
    const party = { id: newId(), name: ' 张三 ', phone: '13812345678', idNo: '', address: '' };
    const body = bodyFrom({ ...draft, parties: [party] }, undefined, reporter, NOW) as GridEventBody;
    expect(body.parties).toEqual([{ id: party.id, name: '张三', phone: '13812345678' }]);
    expect(gridEventBodySchema.safeParse(body).success).toBe(true);
    expect(draftFrom(body).parties).toEqual([{ ...party, name: '张三' }]);
  });

  it('names a party without a name or with a bad phone in Chinese', () => {
    const parties = [
      { id: newId(), name: '', phone: '', idNo: '', address: '' },
      { id: newId(), name: '李四', phone: '12345', idNo: '', address: '' },
    ];
    const body = bodyFrom({ ...draft, parties }, undefined, reporter, NOW);
    const parsed = gridEventBodySchema.safeParse(body);
    if (parsed.success) throw new Error('expected the parties to be refused');
    const issues = parsed.error.issues.map((issue) => ({
      path: `body.${issue.path.join('.')}`,
      message: issue.message,
    }));
    const errors = fieldErrorsFrom('gridEvent', issues, body);
    expect(errors['parties.0.name']).toBe('err.partyName');
    expect(errors['parties.1.phone']).toBe('err.phone');
  });

  it('reports a 社区管理员’s event at the community and a 街道管理员’s at the street', () => {
    const level = (role: string) =>
      (bodyFrom(draft, undefined, { ...reporter, role }, NOW) as GridEventBody).reportedLevel;
    expect([level('gridLeader'), level('communityAdmin'), level('streetAdmin')]).toEqual([
      'community',
      'community',
      'street',
    ]);
  });
});

describe('上报事件 refusals from the server', () => {
  it('has Chinese and English words for every refusal of the server’s replay', () => {
    for (const reason of Object.keys(EVENT_CHANGE_MESSAGES)) {
      const key = `eventRefusal.${reason}`;
      expect(screenStringsZhCN, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
    }
  });

  it('says in Chinese what the server refused, recognised by its message', () => {
    // Two 受理 at once: the second is re-taken on `accepted` and refused (event-change.ts).
    const body = accepted();
    const second = takeEventStep(
      body,
      ADMIN,
      { event: { type: 'accept' }, logId: newId(), at: NOW.toISOString() },
      { now: NOW, departmentIds: DEPARTMENT_IDS },
    );
    expect(second).toEqual({ ok: false, reason: 'notAllowed' });
    const refused = checkEventChange(
      body,
      {
        ...body,
        flowLogs: [
          ...body.flowLogs,
          { ...body.flowLogs[0], id: newId() } as GridEventBody['flowLogs'][number],
        ],
      },
      ADMIN,
      { now: NOW, departmentIds: DEPARTMENT_IDS },
    );
    if (refused.ok) throw new Error('expected a refusal');
    const errors = fieldErrorsFrom('gridEvent', [{ path: `body.${refused.path}`, message: refused.message }]);
    expect(Object.values(errors).map((key) => t(key))).toEqual([
      '事件已不在可办理此步骤的状态，请刷新后查看最新情况',
    ]);
  });
});
