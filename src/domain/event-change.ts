/**
 * Whether a change to a 上报事件 is one the workflow allows (issue 12 §3, §4, §7). The server runs it
 * on every pushed event, against what it holds now, after any merge:
 *
 *   new event?  ──▶ reported by the pusher, at the level it is held at, from `reported`
 *   old entries of the flow log kept, unchanged, in order? ──no──▶ flowLogs
 *   each new entry, in order, from the status the server holds:
 *     the actor may take the action (event-access.ts)? ──no──▶ notYours
 *     a dispatch to a department of the event's street? ──no──▶ departmentOutOfReach
 *     the state machine allows it with its data (event-workflow.ts)? ──no──▶ its refusal
 *     its from/to status and level are what the replay gives? ──no──▶ flowLogs
 *   the body ends where the replay ended (status, level, department, deadline, card, 加急,
 *   extensions), and the fields a step owns changed only with that step? ──no──▶ the field
 *   the server's clock untouched by a device? ──no──▶ clock
 *
 * So two people acting at once cannot both win: the second 受理 replays onto `accepted` and is
 * refused; a 结案 merged after a 回退 replays onto `accepted` and is refused. The server answers a
 * refused merge with `conflict`, and a refused change of the current revision with `validation`.
 */
import { type EventActor, mayTakeAction, SUPERVISION_ACTOR_ID } from './event-access';
import {
  type EventLevel,
  type GridEventEvent,
  type GridEventRefusal,
  type GridEventStatus,
  levelAfter,
  transitionGridEvent,
} from './event-workflow';
import type { GridEventBody } from './grid-event';

type FlowLog = GridEventBody['flowLogs'][number];

export type EventChangeRefusal =
  | GridEventRefusal
  | 'notYours'
  | 'departmentOutOfReach'
  | 'flowLogs'
  | 'fieldWithoutStep'
  | 'clock';

export type EventChangeCheck =
  | { ok: true }
  | { ok: false; path: string; reason: EventChangeRefusal; message: string };

/** The body fields only a workflow step may change, and the steps that own them. */
const STEP_FIELDS = {
  status: undefined,
  handlingLevel: ['escalate', 'return'],
  departmentId: ['assign'],
  deadline: ['assign'],
  supervision: ['supervise'],
  urgent: ['urge'],
  handlingNote: ['complete'],
  rejectReason: ['reject'],
  selfResolvedNote: ['selfResolve'],
  evaluation: ['evaluate'],
  extensions: ['requestExtension', 'approveExtension'],
} as const satisfies Partial<Record<keyof GridEventBody, readonly FlowLog['action'][] | undefined>>;

interface Replay {
  status: GridEventStatus;
  level: EventLevel;
  departmentId: string | undefined;
  deadline: string | undefined;
  urgent: boolean;
  supervision: GridEventBody['supervision'];
  pending: number;
  requested: number;
  approved: number;
}

const MESSAGES: Record<EventChangeRefusal, string> = {
  notAllowed: 'This step is not possible in the status the event is in now',
  reasonRequired: 'Give a reason',
  noteRequired: 'Say what was done',
  departmentRequired: 'Choose the department',
  deadlineInvalid: 'The deadline is not a valid day',
  deadlineInPast: 'The deadline is in the past',
  topLevel: 'The street is the top level: the event cannot go higher',
  notEscalated: 'The event was reported at this level: there is no level to return it to',
  extensionDaysInvalid: 'An extension is 1 to 30 working days',
  extensionPending: 'An extension is already waiting for approval',
  noExtensionPending: 'No extension is waiting for approval',
  alreadyUrgent: 'The event is already urgent',
  supervisionNotHigher: 'The event already carries this supervision or a higher one',
  notYours: 'Your role may not take this step on this event',
  departmentOutOfReach: 'The department is not one of the event’s street',
  flowLogs: 'The flow log does not match the steps taken',
  fieldWithoutStep: 'This field changes only with its workflow step',
  clock: 'Only the server sets the step clock',
};

function refuse(path: string, reason: EventChangeRefusal, detail?: string): EventChangeCheck {
  return { ok: false, path, reason, message: detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason] };
}

/** The state machine's event a flow log entry records. */
function eventOf(log: FlowLog): GridEventEvent {
  const text = log.opinion ?? '';
  switch (log.action) {
    case 'selfResolve':
    case 'complete':
      return { type: log.action, note: text };
    case 'reject':
    case 'return':
    case 'escalate':
      return { type: log.action, reason: text };
    case 'assign':
      return { type: 'assign', departmentId: log.departmentId ?? '', deadline: log.deadline ?? '' };
    case 'verify':
      return { type: 'verify', passed: log.passed === true, reason: text };
    case 'requestExtension':
      return { type: 'requestExtension', days: log.days ?? 0, reason: text };
    case 'evaluate':
      return { type: 'evaluate', satisfaction: log.satisfaction ?? 'satisfied' };
    case 'supervise':
      return { type: 'supervise', level: log.supervision ?? 'normal' };
    case 'accept':
    case 'process':
    case 'close':
    case 'approveExtension':
    case 'urge':
      return { type: log.action };
  }
}

function startOf(before: GridEventBody | undefined, after: GridEventBody): Replay {
  const from = before ?? after;
  const extensions = before?.extensions ?? [];
  return {
    status: before?.status ?? 'reported',
    level: before?.handlingLevel ?? after.reportedLevel,
    departmentId: before?.departmentId,
    deadline: before?.deadline,
    urgent: before === undefined ? after.urgent === true : from.urgent === true,
    supervision: before?.supervision,
    pending: extensions.filter((extension) => extension.approvedAt === undefined).length,
    requested: extensions.length,
    approved: extensions.filter((extension) => extension.approvedAt !== undefined).length,
  };
}

function apply(replay: Replay, log: FlowLog, next: GridEventStatus): Replay {
  const state = { ...replay, status: next };
  switch (log.action) {
    case 'assign':
      return { ...state, departmentId: log.departmentId, deadline: log.deadline };
    case 'escalate':
      return { ...state, level: levelAfter(replay.level, 'up') };
    case 'return':
      // A department hands it back to its dispatcher; a dispatcher sends it back down a level.
      return replay.status === 'assigned' || replay.status === 'processing'
        ? state
        : { ...state, level: levelAfter(replay.level, 'down') };
    case 'urge':
      return { ...state, urgent: true };
    case 'supervise':
      return { ...state, supervision: log.supervision };
    case 'requestExtension':
      return { ...state, pending: replay.pending + 1, requested: replay.requested + 1 };
    case 'approveExtension':
      return { ...state, pending: replay.pending - 1, approved: replay.approved + 1 };
    default:
      return state;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether `actor` may turn `before` (undefined for a new event) into `after` at `now`: every new flow
 * log entry a legal step they may take, and the body where those steps lead.
 */
export interface EventChangeContext {
  now: Date;
  /** The departments of the event's street: a dispatch goes to one of them or is refused. */
  departmentIds: ReadonlySet<string>;
}

export function checkEventChange(
  before: GridEventBody | undefined,
  after: GridEventBody,
  actor: EventActor,
  { now, departmentIds }: EventChangeContext,
): EventChangeCheck {
  const serverActs = actor.id === SUPERVISION_ACTOR_ID;
  if (before === undefined) {
    if (after.reportedBy !== actor.id)
      return refuse('reportedBy', 'notYours', 'an event is reported by its pusher');
    if (after.handlingLevel !== after.reportedLevel) return refuse('handlingLevel', 'fieldWithoutStep');
    if (after.clock !== undefined) return refuse('clock', 'clock');
  } else {
    if (after.reportedBy !== before.reportedBy) return refuse('reportedBy', 'fieldWithoutStep');
    if (!serverActs && !same(after.clock, before.clock)) return refuse('clock', 'clock');
  }

  const kept = before?.flowLogs ?? [];
  const keptIds = new Set(kept.map((log) => log.id));
  const afterById = new Map(after.flowLogs.map((log) => [log.id, log]));
  for (const log of kept) {
    if (!same(afterById.get(log.id), log))
      return refuse('flowLogs', 'flowLogs', 'a recorded step was changed');
  }
  const added = after.flowLogs.filter((log) => !keptIds.has(log.id));

  let replay = startOf(before, after);
  for (const log of added) {
    const holding = {
      status: replay.status,
      level: replay.level,
      departmentId: replay.departmentId,
      reportedBy: after.reportedBy,
    };
    if (log.by !== actor.id) return refuse('flowLogs', 'notYours', 'a step is recorded by who took it');
    // A rental hazard handed over (交办) on inspection is dispatched by the inspector as it is reported.
    const handover =
      before === undefined &&
      after.hazardId !== undefined &&
      (log.action === 'accept' || log.action === 'assign');
    if (!handover && !mayTakeAction(actor, log.action, holding, log.supervision))
      return refuse('status', 'notYours', log.action);
    if (log.action === 'assign' && log.departmentId !== undefined && !departmentIds.has(log.departmentId))
      return refuse('departmentId', 'departmentOutOfReach', log.departmentId);
    const outcome = transitionGridEvent(replay.status, eventOf(log), {
      now,
      level: replay.level,
      reportedLevel: after.reportedLevel,
      urgent: replay.urgent,
      extensionPending: replay.pending > 0,
      supervision: replay.supervision,
    });
    if (!outcome.ok) return refuse(pathOf(outcome.reason), outcome.reason, log.action);
    const next = apply(replay, log, outcome.state);
    if (log.fromStatus !== replay.status || log.toStatus !== next.status)
      return refuse(
        'flowLogs',
        'flowLogs',
        `${log.action} is recorded as ${log.fromStatus} → ${log.toStatus}`,
      );
    if ((log.fromLevel ?? replay.level) !== replay.level || (log.toLevel ?? next.level) !== next.level)
      return refuse('flowLogs', 'flowLogs', `${log.action} is recorded at another level`);
    replay = next;
  }

  const ended: [string, unknown, unknown][] = [
    ['status', after.status, replay.status],
    ['handlingLevel', after.handlingLevel, replay.level],
    ['departmentId', after.departmentId, replay.departmentId],
    ['deadline', after.deadline, replay.deadline],
    ['supervision', after.supervision, replay.supervision],
    ['urgent', after.urgent === true, replay.urgent],
  ];
  for (const [path, value, expected] of ended) {
    if (value !== expected) return refuse(path, 'fieldWithoutStep');
  }
  const extensions = after.extensions ?? [];
  const approved = extensions.filter((extension) => extension.approvedAt !== undefined).length;
  if (extensions.length !== replay.requested || approved !== replay.approved)
    return refuse('extensions', 'fieldWithoutStep');

  if (before !== undefined) {
    const actions = new Set(added.map((log) => log.action));
    for (const [field, owners] of Object.entries(STEP_FIELDS)) {
      if (owners === undefined) continue;
      const key = field as keyof GridEventBody;
      if (!same(before[key], after[key]) && !owners.some((owner: FlowLog['action']) => actions.has(owner)))
        return refuse(field, 'fieldWithoutStep');
    }
  }
  return { ok: true };
}

/** The body field a refusal of the state machine is about, for the form to mark. */
function pathOf(reason: GridEventRefusal): string {
  switch (reason) {
    case 'reasonRequired':
    case 'noteRequired':
      return 'flowLogs';
    case 'departmentRequired':
      return 'departmentId';
    case 'deadlineInvalid':
    case 'deadlineInPast':
      return 'deadline';
    case 'extensionDaysInvalid':
    case 'extensionPending':
    case 'noExtensionPending':
      return 'extensions';
    case 'alreadyUrgent':
      return 'urgent';
    case 'supervisionNotHigher':
      return 'supervision';
    default:
      return 'status';
  }
}
