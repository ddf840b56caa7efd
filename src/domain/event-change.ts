/**
 * Whether a change to a 上报事件 is one the workflow allows (issue 12 §3, §4, §7). The server runs it
 * on every pushed event, against what it holds now, after any merge:
 *
 *   new event? ──▶ reported by the pusher, held at the level it was reported at, no server clock
 *   the flow log's recorded entries kept, unchanged? ──no──▶ flowLogs
 *   each new entry, in order, re-taken from the body the server holds (event-steps.ts):
 *     the actor may take it (event-access.ts)? ──no──▶ notYours
 *     a dispatch to a department of the event's street? ──no──▶ departmentOutOfReach
 *     the state machine allows it with its data (event-workflow.ts)? ──no──▶ its refusal
 *     the entry is the one re-taking it writes? ──no──▶ flowLogs
 *   every field a step owns (status, level, department, deadline, card, 加急, notes, extensions,
 *   evaluation) is what the re-taken steps left? ──no──▶ the field
 *   the server's clock untouched by a device? ──no──▶ clock
 *
 * So two people acting at once cannot both win: the second 受理 is re-taken on `accepted` and
 * refused; a 结案 merged after a 回退 is re-taken on `accepted` and refused. The server answers a
 * refused merge with `conflict`, and a refused change of the current revision with `validation`.
 */
import { type EventActor, SUPERVISION_ACTOR_ID } from './event-access';
import { isKnownCategory, type StreetSubcategory } from './event-categories';
import { type EventStepRefusal, type FlowLog, takeEventStep } from './event-steps';
import type { GridEventEvent, GridEventRefusal } from './event-workflow';
import type { GridEventBody } from './grid-event';
import { deepEqual as same } from './merge';

export type EventChangeRefusal =
  | EventStepRefusal
  | 'flowLogs'
  | 'fieldWithoutStep'
  | 'clock'
  | 'unknownCategory';

export type EventChangeCheck =
  | { ok: true }
  | { ok: false; path: string; reason: EventChangeRefusal; message: string };

/** The body fields only a workflow step may set (a device resolving a conflict keeps the server's). */
export const EVENT_STEP_FIELDS = [
  'status',
  'handlingMode',
  'handlingLevel',
  'departmentId',
  'deadline',
  'supervision',
  'urgent',
  'handlingNote',
  'rejectReason',
  'selfResolvedNote',
  'evaluation',
  'extensions',
] as const satisfies readonly (keyof GridEventBody)[];

/** The API's English for each refusal; devices recognise it (eventChangeRefusalOf) and say it in Chinese. */
export const EVENT_CHANGE_MESSAGES: Readonly<Record<EventChangeRefusal, string>> = {
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
  unknownCategory: 'Unknown sub-category for this category',
};

/** The refusal a server's message words (`<message>` or `<message> (<detail>)`), for a device to say it in Chinese. */
export function eventChangeRefusalOf(message: string): EventChangeRefusal | undefined {
  return (Object.keys(EVENT_CHANGE_MESSAGES) as EventChangeRefusal[]).find(
    (reason) =>
      message === EVENT_CHANGE_MESSAGES[reason] || message.startsWith(`${EVENT_CHANGE_MESSAGES[reason]} (`),
  );
}

function refuse(path: string, reason: EventChangeRefusal, detail?: string): EventChangeCheck {
  return {
    ok: false,
    path,
    reason,
    message: detail ? `${EVENT_CHANGE_MESSAGES[reason]} (${detail})` : EVENT_CHANGE_MESSAGES[reason],
  };
}

/** The state machine's event a flow log entry records (what re-taking the entry replays). */
export function eventOfLog(log: FlowLog): GridEventEvent {
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
      return log.passed === true
        ? { type: 'verify', passed: true }
        : { type: 'verify', passed: false, reason: text };
    case 'requestExtension':
      return { type: 'requestExtension', days: log.days ?? 0, reason: text };
    case 'evaluate':
      return { type: 'evaluate', satisfaction: log.satisfaction ?? 'satisfied' };
    case 'supervise':
      return { type: 'supervise', level: log.supervision ?? 'normal', note: text };
    case 'accept':
    case 'process':
    case 'close':
    case 'approveExtension':
    case 'urge':
      return { type: log.action };
  }
}

/** A new event as it is before any step: reported, at its level, none of a step's fields set. */
function asReported(after: GridEventBody): GridEventBody {
  const {
    departmentId: _department,
    deadline: _deadline,
    supervision: _supervision,
    handlingNote: _handlingNote,
    rejectReason: _rejectReason,
    selfResolvedNote: _selfResolvedNote,
    evaluation: _evaluation,
    extensions: _extensions,
    clock: _clock,
    ...rest
  } = after;
  return {
    ...rest,
    status: 'reported',
    handlingMode: 'reportUp',
    handlingLevel: after.reportedLevel,
    flowLogs: [],
  };
}

export interface EventChangeContext {
  now: Date;
  /** The departments of the event's street: a dispatch goes to one of them or is refused. */
  departmentIds: ReadonlySet<string>;
  /** The sub-categories the event's street added: a new or changed category is one of them or built in. */
  subcategories?: readonly StreetSubcategory[];
}

/**
 * Whether `actor` may turn `before` (undefined for a new event) into `after` at `now`: every new flow
 * log entry a step they may take, and the body where those steps lead.
 */
export function checkEventChange(
  before: GridEventBody | undefined,
  after: GridEventBody,
  actor: EventActor,
  { now, departmentIds, subcategories = [] }: EventChangeContext,
): EventChangeCheck {
  // Checked when chosen: an event keeps a sub-category its street has since removed.
  const categoryChosen =
    before === undefined || before.categoryL1 !== after.categoryL1 || before.categoryL2 !== after.categoryL2;
  if (categoryChosen && !isKnownCategory(after.categoryL1, after.categoryL2, subcategories))
    return refuse('categoryL2', 'unknownCategory', `${after.categoryL1}/${after.categoryL2}`);
  if (before === undefined) {
    if (after.reportedBy !== actor.id)
      return refuse('reportedBy', 'notYours', 'an event is reported by its pusher');
    if (after.clock !== undefined) return refuse('clock', 'clock');
  } else {
    if (after.reportedBy !== before.reportedBy) return refuse('reportedBy', 'fieldWithoutStep');
    if (actor.id !== SUPERVISION_ACTOR_ID && !same(after.clock, before.clock))
      return refuse('clock', 'clock');
  }

  const kept = before?.flowLogs ?? [];
  const afterById = new Map(after.flowLogs.map((log) => [log.id, log]));
  for (const log of kept) {
    if (!same(afterById.get(log.id), log))
      return refuse('flowLogs', 'flowLogs', 'a recorded step was changed');
  }
  const keptIds = new Set(kept.map((log) => log.id));
  const added = after.flowLogs.filter((log) => !keptIds.has(log.id));

  let replayed = before ?? asReported(after);
  const handover = before === undefined && after.hazardId !== undefined;
  for (const log of added) {
    if (log.by !== actor.id) return refuse('flowLogs', 'notYours', 'a step is recorded by who took it');
    const step = {
      event: eventOfLog(log),
      logId: log.id,
      at: log.at,
      byName: log.byName,
      comment: after.evaluation?.comment,
    };
    const taken = takeEventStep(replayed, actor, step, { now, departmentIds, handover });
    if (!taken.ok) return refuse(pathOf(taken.reason), taken.reason, log.action);
    if (!same(taken.log, log))
      return refuse('flowLogs', 'flowLogs', `${log.action} is not recorded as taken`);
    replayed = taken.body;
  }
  for (const field of EVENT_STEP_FIELDS) {
    // 加急 unset and `false` are the same; every other field is compared as stored.
    const [value, expected] =
      field === 'urgent'
        ? [after.urgent === true, replayed.urgent === true]
        : [after[field], replayed[field]];
    if (!same(value, expected)) return refuse(field, 'fieldWithoutStep');
  }
  return { ok: true };
}

/** The body field a refusal is about, for the form to mark. */
function pathOf(reason: EventStepRefusal): string {
  const paths: Partial<Record<GridEventRefusal | EventStepRefusal, string>> = {
    reasonRequired: 'flowLogs',
    noteRequired: 'flowLogs',
    departmentRequired: 'departmentId',
    departmentOutOfReach: 'departmentId',
    deadlineInvalid: 'deadline',
    deadlineInPast: 'deadline',
    extensionDaysInvalid: 'extensions',
    extensionPending: 'extensions',
    noExtensionPending: 'extensions',
    alreadyUrgent: 'urgent',
    supervisionNotHigher: 'supervision',
  };
  return paths[reason] ?? 'status';
}
