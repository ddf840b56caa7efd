/**
 * 上报事件 body (DOMAIN.md §3.3, issue 12): something found in the field, handled on the spot or
 * sent up, dispatched, supervised and closed. The status moves only through event-workflow.ts;
 * what the body must hold follows the status (a department and deadline once dispatched, the
 * handling note once 处置完成, the reason of 不予立案). Flow logs and extensions are child lists:
 * people append, the server merges; the server also replays every new flow log entry through the
 * state machine (event-change.ts), so a merge can never leave an illegal state.
 */
import * as z from 'zod/mini';
import { EVENT_CATEGORY_CODES, eventCategory, isKnownCategory } from './event-categories';
import { EVENT_STEPS } from './event-supervision';
import {
  EVENT_LEVELS,
  GRID_EVENT_EVENT_TYPES,
  GRID_EVENT_STATUSES,
  MAX_EXTENSION_WORKING_DAYS,
  SUPERVISION_LEVELS,
} from './event-workflow';
import { geoPointSchema } from './geo-point';
import { photoIdsSchema } from './photo';
import { subcategoryCodeSchema } from './street-subcategories';
import {
  dateSchema,
  dateTimeSchema,
  idCardNoSchema,
  optionalMultilineText,
  optionalText,
  phoneSchema,
  requiredMultilineText,
  requiredText,
} from './text';

/** 来源方式 (§3.3). */
export const EVENT_SOURCES = [
  'patrol',
  'visit',
  'resident',
  'hotline12345',
  'police110',
  'digitalCity',
  'superior',
  'sensor',
] as const;
export const EVENT_NATURES = ['individual', 'group'] as const;
export const EVENT_SCALES = ['minor', 'larger', 'major'] as const;
/** 处置方式: 自行处置 (直接办结) or 上报流转. */
export const HANDLING_MODES = ['selfResolved', 'reportUp'] as const;
export const SATISFACTION_LEVELS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

/** A department's org id (departments.ts), as grids are named. */
export const orgIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

/** A sub-category code: built in (event-categories.ts) or one a street added. */

export const eventPartySchema = z.strictObject({
  id: z.uuid(),
  name: requiredText(50),
  idNo: z.optional(idCardNoSchema),
  phone: z.optional(phoneSchema),
  address: optionalText(200),
});

/** 延期: asked for by the department holding it, approved by the one that dispatched it. */
export const eventExtensionSchema = z.strictObject({
  id: z.uuid(),
  days: z.int().check(z.gte(1), z.lte(MAX_EXTENSION_WORKING_DAYS)),
  reason: requiredText(200),
  requestedAt: dateTimeSchema,
  approvedAt: z.optional(dateTimeSchema),
});

/** 流转记录: one step, appended as it happens. */
export const eventFlowLogSchema = z.strictObject({
  id: z.uuid(),
  at: dateTimeSchema,
  /** User id of who acted (the server's id for a card it issued); `byName` as shown then. */
  by: requiredText(64),
  byName: optionalText(50),
  action: z.enum(GRID_EVENT_EVENT_TYPES),
  fromStatus: z.enum(GRID_EVENT_STATUSES),
  toStatus: z.enum(GRID_EVENT_STATUSES),
  fromLevel: z.optional(z.enum(EVENT_LEVELS)),
  toLevel: z.optional(z.enum(EVENT_LEVELS)),
  /** The data of the step, so the server can replay it (event-change.ts): 交办's deadline, 核查's
   * result, a card's level, an extension's days, an evaluation. */
  departmentId: z.optional(orgIdSchema),
  deadline: z.optional(dateSchema),
  passed: z.optional(z.boolean()),
  supervision: z.optional(z.enum(SUPERVISION_LEVELS)),
  days: z.optional(z.int().check(z.gte(1), z.lte(MAX_EXTENSION_WORKING_DAYS))),
  satisfaction: z.optional(z.enum(SATISFACTION_LEVELS)),
  opinion: optionalMultilineText(1000),
});

/**
 * The clock of the step the event waits on, as the server computed it when the step began (with the
 * street's limits and the holiday calendar): only the server writes it, devices count down from it.
 */
export const eventClockSchema = z.strictObject({
  /** The flow log entry that started the step (`report` for the first): a card is issued once per key. */
  stepKey: requiredText(64),
  step: z.enum(EVENT_STEPS),
  startedAt: dateTimeSchema,
  warnDay: dateSchema,
  yellowDay: dateSchema,
  redDay: dateSchema,
});

const DISPATCHED: readonly string[] = ['assigned', 'processing', 'processed', 'verified', 'closed'];
const HANDLED: readonly string[] = ['processed', 'verified', 'closed'];

export const gridEventBodySchema = z
  .strictObject({
    title: requiredText(100),
    eventNo: optionalText(40),
    categoryL1: z.enum(EVENT_CATEGORY_CODES),
    categoryL2: subcategoryCodeSchema,
    /** The street's name of a sub-category it added (street-subcategories.ts), as it was when chosen. */
    categoryL2Label: optionalText(20),
    description: requiredMultilineText(2000),
    occurredAt: z.optional(dateTimeSchema),
    reportedAt: dateTimeSchema,
    source: z.enum(EVENT_SOURCES),
    nature: z.enum(EVENT_NATURES),
    scale: z.enum(EVENT_SCALES),
    involvedCount: z.optional(z.int().check(z.gte(1), z.lte(100_000))),
    involvedAmountYuan: z.optional(z.number().check(z.gte(0), z.lte(100_000_000_000))),
    urgent: z.optional(z.boolean()),
    parties: z.optional(z.array(eventPartySchema).check(z.maxLength(20))),
    address: optionalText(200),
    location: z.optional(geoPointSchema),
    photoIds: photoIdsSchema,
    handlingMode: z.enum(HANDLING_MODES),
    selfResolvedNote: optionalMultilineText(1000),
    reportedLevel: z.enum(EVENT_LEVELS),
    handlingLevel: z.enum(EVENT_LEVELS),
    /** Who reported it (user id) and their name then: the reporter may 核查 what was done. */
    reportedBy: requiredText(64),
    reportedByName: optionalText(50),
    departmentId: z.optional(orgIdSchema),
    deadline: z.optional(dateSchema),
    handlingNote: optionalMultilineText(2000),
    rejectReason: optionalMultilineText(500),
    supervision: z.optional(z.enum(SUPERVISION_LEVELS)),
    clock: z.optional(eventClockSchema),
    extensions: z.optional(z.array(eventExtensionSchema).check(z.maxLength(10))),
    evaluation: z.optional(
      z.strictObject({ satisfaction: z.enum(SATISFACTION_LEVELS), comment: optionalMultilineText(500) }),
    ),
    patrolId: z.optional(z.uuid()),
    rentalInspectionId: z.optional(z.uuid()),
    hazardId: z.optional(z.uuid()),
    disputeId: z.optional(z.uuid()),
    flowLogs: z.array(eventFlowLogSchema).check(z.maxLength(500)),
    status: z.enum(GRID_EVENT_STATUSES),
  })
  .check(
    // A 矛盾纠纷 event's sub-category is a dispute type; the others may be a street's own, which only
    // the street knows: the server's push checks them (event-change.ts), the device's form offers them.
    z.refine((b) => b.categoryL1 !== 'dispute' || isKnownCategory(b.categoryL1, b.categoryL2), {
      message: 'Unknown sub-category for this category',
      path: ['categoryL2'],
    }),
    z.refine((b) => eventCategory(b.categoryL1)?.photoRequired !== true || (b.photoIds?.length ?? 0) > 0, {
      message: 'A safety hazard is reported with at least one photo',
      path: ['photoIds'],
    }),
    z.refine((b) => b.handlingMode !== 'selfResolved' || (b.selfResolvedNote ?? '').trim() !== '', {
      message: 'Say how it was resolved on the spot',
      path: ['selfResolvedNote'],
    }),
    z.refine((b) => (b.handlingMode === 'selfResolved') === (b.status === 'filed'), {
      message: 'An event resolved on the spot is filed, and only such an event is',
      path: ['status'],
    }),
    z.refine(
      (b) => !DISPATCHED.includes(b.status) || (b.departmentId !== undefined && b.deadline !== undefined),
      {
        message: 'A dispatched event names its department and deadline',
        path: ['departmentId'],
      },
    ),
    z.refine((b) => !HANDLED.includes(b.status) || (b.handlingNote ?? '').trim() !== '', {
      message: 'A handled event says what was done',
      path: ['handlingNote'],
    }),
    z.refine((b) => b.status !== 'rejected' || (b.rejectReason ?? '').trim() !== '', {
      message: 'A rejected event gives its reason',
      path: ['rejectReason'],
    }),
    z.refine((b) => b.evaluation === undefined || b.status === 'closed', {
      message: 'Only a closed event is evaluated',
      path: ['evaluation'],
    }),
    z.refine((b) => EVENT_LEVELS.indexOf(b.handlingLevel) >= EVENT_LEVELS.indexOf(b.reportedLevel), {
      message: 'An event is held at the level it was reported at or above',
      path: ['handlingLevel'],
    }),
  );
export type GridEventBody = z.infer<typeof gridEventBodySchema>;
