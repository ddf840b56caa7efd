import { describe, expect, it } from 'vitest';
import { levelAfter, transitionGridEvent } from '../../src/domain/event-transition';
import {
  allowedGridEventEvents,
  GRID_EVENT_EVENT_TYPES,
  GRID_EVENT_STATUSES,
  type GridEventContext,
  type GridEventEvent,
  type GridEventEventType,
  type GridEventStatus,
  isOpenEvent,
} from '../../src/domain/event-workflow';

const NOW = new Date('2026-09-28T10:00:00+08:00');

/** Held by the community, reported by the grid, an extension waiting: the guards pass (but a new request). */
const CONTEXT: GridEventContext = {
  now: NOW,
  level: 'community',
  reportedLevel: 'grid',
  urgent: false,
  extensionPending: true,
  supervision: undefined,
};

/** One event of each type whose data passes every guard in CONTEXT. */
const VALID_EVENTS: Record<GridEventEventType, GridEventEvent> = {
  selfResolve: { type: 'selfResolve', note: '已当场劝离占道摊贩' },
  accept: { type: 'accept' },
  reject: { type: 'reject', reason: '重复上报' },
  assign: { type: 'assign', departmentId: 'dept-chengguan', deadline: '2026-10-09' },
  process: { type: 'process' },
  complete: { type: 'complete', note: '违建已拆除' },
  verify: { type: 'verify', passed: true },
  close: { type: 'close' },
  evaluate: { type: 'evaluate', satisfaction: 'satisfied' },
  return: { type: 'return', reason: '非本单位职责' },
  escalate: { type: 'escalate', reason: '涉及多个部门' },
  requestExtension: { type: 'requestExtension', days: 5, reason: '需协调产权单位' },
  approveExtension: { type: 'approveExtension' },
  urge: { type: 'urge' },
  supervise: { type: 'supervise', level: 'normal' },
};

const ALL: Record<GridEventEventType, '-'> = Object.fromEntries(
  GRID_EVENT_EVENT_TYPES.map((type) => [type, '-']),
) as Record<GridEventEventType, '-'>;
const OPEN_NOTES = { urge: 'same', supervise: 'same' } as const;
const HELD_NOTES = { requestExtension: 'same', approveExtension: 'same' } as const;

/** The whole machine: every status, every event; '-' = refused, 'same' = stays. Update it with the table. */
const EXPECTED: Record<GridEventStatus, Record<GridEventEventType, GridEventStatus | 'same' | '-'>> = {
  reported: {
    ...ALL,
    selfResolve: 'filed',
    accept: 'accepted',
    reject: 'rejected',
    escalate: 'reported',
    return: 'reported',
    ...OPEN_NOTES,
  },
  filed: { ...ALL },
  rejected: { ...ALL },
  accepted: { ...ALL, assign: 'assigned', escalate: 'reported', return: 'reported', ...OPEN_NOTES },
  assigned: { ...ALL, process: 'processing', return: 'accepted', ...HELD_NOTES, ...OPEN_NOTES },
  processing: { ...ALL, complete: 'processed', return: 'accepted', ...HELD_NOTES, ...OPEN_NOTES },
  processed: { ...ALL, verify: 'verified', ...OPEN_NOTES },
  verified: { ...ALL, close: 'closed', ...OPEN_NOTES },
  closed: { ...ALL, evaluate: 'same' },
};

describe('grid event workflow, every status × every event', () => {
  for (const state of GRID_EVENT_STATUSES) {
    for (const type of GRID_EVENT_EVENT_TYPES) {
      const expected = EXPECTED[state][type];
      it(`${state} + ${type} → ${expected}`, () => {
        // A request waits for none pending; an approval needs one.
        const context = { ...CONTEXT, extensionPending: type !== 'requestExtension' };
        const result = transitionGridEvent(state, VALID_EVENTS[type], context);
        if (expected === '-') expect(result).toEqual({ ok: false, reason: 'notAllowed' });
        else expect(result).toEqual({ ok: true, state: expected === 'same' ? state : expected });
      });
    }
  }

  it('offers exactly the events the table accepts', () => {
    for (const state of GRID_EVENT_STATUSES) {
      const accepted = GRID_EVENT_EVENT_TYPES.filter((type) => EXPECTED[state][type] !== '-');
      expect(allowedGridEventEvents(state), state).toEqual(accepted);
    }
  });

  it('calls filed, rejected and closed finished, everything else open', () => {
    expect(GRID_EVENT_STATUSES.filter(isOpenEvent)).toEqual([
      'reported',
      'accepted',
      'assigned',
      'processing',
      'processed',
      'verified',
    ]);
  });
});

describe('grid event guards', () => {
  const refused = (state: GridEventStatus, event: GridEventEvent, context: Partial<GridEventContext> = {}) =>
    transitionGridEvent(state, event, { ...CONTEXT, ...context });

  it('sends a failed verification back to 处置, with its reason', () => {
    expect(refused('processed', { type: 'verify', passed: false, reason: '仍有残留' })).toEqual({
      ok: true,
      state: 'processing',
    });
    expect(refused('processed', { type: 'verify', passed: false, reason: ' ' })).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
  });

  it('asks for the reason of 不予立案, 回退 and 上报上级, and the note of 自行处置 and 处置完成', () => {
    expect(refused('reported', { type: 'reject', reason: '' })).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
    expect(refused('assigned', { type: 'return', reason: '\n' })).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
    expect(refused('accepted', { type: 'escalate', reason: '' })).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
    expect(refused('reported', { type: 'selfResolve', note: ' ' })).toEqual({
      ok: false,
      reason: 'noteRequired',
    });
    expect(refused('processing', { type: 'complete', note: '' })).toEqual({
      ok: false,
      reason: 'noteRequired',
    });
  });

  it('dispatches only to a department, on a real day not in the past', () => {
    const assign = (deadline: string, departmentId = 'dept-fire') =>
      refused('accepted', { type: 'assign', departmentId, deadline });
    expect(assign('2026-09-28')).toEqual({ ok: true, state: 'assigned' });
    expect(assign('2026-09-27')).toEqual({ ok: false, reason: 'deadlineInPast' });
    expect(assign('2026-02-30')).toEqual({ ok: false, reason: 'deadlineInvalid' });
    expect(assign('2026-10-09', ' ')).toEqual({ ok: false, reason: 'departmentRequired' });
  });

  it('goes no higher than the street, and back down only for an event that came up', () => {
    expect(refused('reported', VALID_EVENTS.escalate, { level: 'street' })).toEqual({
      ok: false,
      reason: 'topLevel',
    });
    expect(refused('reported', VALID_EVENTS.return, { level: 'grid', reportedLevel: 'grid' })).toEqual({
      ok: false,
      reason: 'notEscalated',
    });
    // A department returns what it was sent whatever the level: to the dispatcher.
    expect(refused('processing', VALID_EVENTS.return, { level: 'grid', reportedLevel: 'grid' })).toEqual({
      ok: true,
      state: 'accepted',
    });
    expect(levelAfter('grid', 'up')).toBe('community');
    expect(levelAfter('community', 'up')).toBe('street');
    expect(levelAfter('community', 'down')).toBe('grid');
    expect(levelAfter('street', 'up')).toBe('street');
  });

  it('takes one extension request at a time, of 1 to 30 days, and approves only one that waits', () => {
    const request = (days: number) =>
      refused(
        'processing',
        { type: 'requestExtension', days, reason: '等配件' },
        { extensionPending: false },
      );
    expect(request(5)).toEqual({ ok: true, state: 'processing' });
    expect(request(0)).toEqual({ ok: false, reason: 'extensionDaysInvalid' });
    expect(request(31)).toEqual({ ok: false, reason: 'extensionDaysInvalid' });
    expect(request(2.5)).toEqual({ ok: false, reason: 'extensionDaysInvalid' });
    expect(refused('processing', VALID_EVENTS.requestExtension)).toEqual({
      ok: false,
      reason: 'extensionPending',
    });
    expect(refused('assigned', VALID_EVENTS.approveExtension, { extensionPending: false })).toEqual({
      ok: false,
      reason: 'noExtensionPending',
    });
  });

  it('marks 加急 once, and a card only rises: 普通 → 黄牌 → 红牌, never the same card twice', () => {
    expect(refused('accepted', VALID_EVENTS.urge, { urgent: true })).toEqual({
      ok: false,
      reason: 'alreadyUrgent',
    });
    const supervise = (level: 'normal' | 'yellow' | 'red', supervision?: 'normal' | 'yellow' | 'red') =>
      refused('assigned', { type: 'supervise', level }, { supervision });
    expect(supervise('yellow', 'normal')).toEqual({ ok: true, state: 'assigned' });
    expect(supervise('red', 'yellow')).toEqual({ ok: true, state: 'assigned' });
    expect(supervise('yellow', 'yellow')).toEqual({ ok: false, reason: 'supervisionNotHigher' });
    expect(supervise('normal', 'red')).toEqual({ ok: false, reason: 'supervisionNotHigher' });
  });
});
