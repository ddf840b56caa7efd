/**
 * What each 上报事件 step asks for, as data (workflow/step-spec.ts): the fields of its bottom sheet,
 * their starting values, and how the filled-in values become the step event-steps.ts takes. The
 * state machine still has the last word (a deadline before today, an extension while one waits).
 */
import type { Department } from '../../../domain/departments';
import { addWorkingDays, localDayOf } from '../../../domain/due-dates';
import { DEFAULT_EVENT_TIME_LIMITS } from '../../../domain/event-supervision';
import {
  type GridEventEvent,
  type GridEventEventType,
  MAX_EXTENSION_WORKING_DAYS,
} from '../../../domain/event-workflow';
import { type GridEventBody, SATISFACTION_LEVELS } from '../../../domain/grid-event';
import { label, t } from '../../i18n/i18n';
import { photosOf, type StepSpec, textOf } from '../../workflow/step-spec';

export interface EventStepContext {
  body: GridEventBody;
  now: Date;
  /** The 职能部门 of the event's street, as last synced. */
  departments: readonly Department[];
}

/** A step and what it carries beside the state machine's event: 评价's comment, 处置完成's photos. */
export interface EventStepAction {
  event: GridEventEvent;
  comment?: string;
  photoIds?: string[];
}

const REASON = {
  key: 'reason',
  label: 'eventStepField.reason',
  kind: 'area',
  required: true,
  maxLength: 1000,
} as const;
const NOTE = {
  key: 'note',
  label: 'eventStepField.note',
  kind: 'area',
  required: true,
  maxLength: 1000,
} as const;
const none = () => [];
const nothing = () => ({});
const instantStep = (event: GridEventEvent): StepSpec<EventStepContext, EventStepAction> => ({
  fields: none,
  initial: nothing,
  toAction: () => ({ event }),
  instant: true,
});
const withReason = (type: 'reject' | 'return' | 'escalate'): StepSpec<EventStepContext, EventStepAction> => ({
  fields: () => [REASON],
  initial: () => ({ reason: '' }),
  toAction: (v) => ({ event: { type, reason: textOf(v, 'reason') } }),
});

/** 交办's proposed deadline: the handle step's yellow limit in working days from today. */
export function proposedDeadline(now: Date): string {
  return addWorkingDays(localDayOf(now), DEFAULT_EVENT_TIME_LIMITS.handle.yellow);
}

export const EVENT_STEP_SPECS: Record<GridEventEventType, StepSpec<EventStepContext, EventStepAction>> = {
  selfResolve: {
    fields: () => [NOTE],
    initial: () => ({ note: '' }),
    toAction: (v) => ({ event: { type: 'selfResolve', note: textOf(v, 'note') } }),
  },
  accept: instantStep({ type: 'accept' }),
  reject: withReason('reject'),
  assign: {
    fields: (c) => [
      {
        key: 'department',
        label: 'eventStepField.department',
        kind: 'select',
        required: true,
        ...(c.departments.length === 0 && { placeholder: 'eventStepField.departmentNone' as const }),
        options: c.departments.map((d) => ({
          value: d.id,
          label: `${d.name}（${label('departmentType', d.type)}）`,
        })),
      },
      {
        key: 'deadline',
        label: 'eventStepField.deadline',
        kind: 'date',
        required: true,
        min: localDayOf(c.now),
      },
    ],
    initial: (c) => ({ department: c.departments[0]?.id ?? '', deadline: proposedDeadline(c.now) }),
    toAction: (v) => ({
      event: { type: 'assign', departmentId: textOf(v, 'department'), deadline: textOf(v, 'deadline') },
    }),
  },
  process: instantStep({ type: 'process' }),
  complete: {
    fields: () => [
      { ...NOTE, label: 'eventStepField.result' },
      { key: 'photos', label: 'eventStepField.photos', kind: 'photos' },
    ],
    initial: () => ({ note: '', photos: [] }),
    toAction: (v) => ({
      event: { type: 'complete', note: textOf(v, 'note') },
      photoIds: photosOf(v, 'photos').map((photo) => photo.sha256),
    }),
  },
  verify: {
    fields: () => [
      {
        key: 'passed',
        label: 'eventStepField.passed',
        kind: 'one',
        required: true,
        options: [
          { value: 'yes', label: t('eventStepField.passedYes') },
          { value: 'no', label: t('eventStepField.passedNo') },
        ],
      },
      { ...REASON, when: (v) => v.passed === 'no' },
    ],
    initial: () => ({ passed: '', reason: '' }),
    toAction: (v) =>
      v.passed === 'yes'
        ? { event: { type: 'verify', passed: true } }
        : { event: { type: 'verify', passed: false, reason: textOf(v, 'reason') } },
  },
  close: { ...instantStep({ type: 'close' }), note: 'eventStepNote.close' },
  evaluate: {
    fields: () => [
      {
        key: 'satisfaction',
        label: 'eventStepField.satisfaction',
        kind: 'one',
        required: true,
        options: SATISFACTION_LEVELS.map((value) => ({ value, label: label('eventSatisfaction', value) })),
      },
      { key: 'comment', label: 'eventStepField.comment', kind: 'area', maxLength: 500 },
    ],
    initial: () => ({ satisfaction: '', comment: '' }),
    toAction: (v) => ({
      event: {
        type: 'evaluate',
        satisfaction: textOf(v, 'satisfaction') as (typeof SATISFACTION_LEVELS)[number],
      },
      comment: textOf(v, 'comment'),
    }),
  },
  return: withReason('return'),
  escalate: withReason('escalate'),
  requestExtension: {
    fields: () => [
      {
        key: 'days',
        label: 'eventStepField.days',
        kind: 'number',
        required: true,
        hint: `1–${MAX_EXTENSION_WORKING_DAYS}`,
      },
      REASON,
    ],
    initial: () => ({ days: '', reason: '' }),
    toAction: (v) => ({
      event: { type: 'requestExtension', days: Number(textOf(v, 'days')), reason: textOf(v, 'reason') },
    }),
  },
  approveExtension: instantStep({ type: 'approveExtension' }),
  urge: instantStep({ type: 'urge' }),
  supervise: instantStep({ type: 'supervise', level: 'normal' }),
};
