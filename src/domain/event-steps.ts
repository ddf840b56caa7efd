/**
 * What taking one workflow step does to a 上报事件 body, defined once: the app saves a step with it,
 * the server's supervision issues its cards with it, and the server replays a pushed change with it
 * (event-change.ts), so what a device wrote and what the server expects can only agree.
 *
 * A step is checked (event-access.ts: may this actor take it; event-workflow.ts: does the state
 * machine allow it, with this data), then appends one flow log entry and sets the fields the step
 * owns. Everything it writes comes from the step and its log entry's id and time, so replaying the
 * entry gives the same body to the byte.
 */
import { type EventActor, holdingOf, mayTakeAction } from './event-access';
import { levelAfter, transitionGridEvent } from './event-transition';
import type { GridEventEvent, GridEventRefusal, GridEventStatus } from './event-workflow';
import type { GridEventBody } from './grid-event';

export type FlowLog = GridEventBody['flowLogs'][number];

/** One step as someone takes it: the event, and the id and time of its flow log entry. */
export interface EventStep {
  event: GridEventEvent;
  /** The flow log entry's id (a uuid); an extension the step asks for takes the same id. */
  logId: string;
  /** When it was taken, as an ISO date-time (kept as given: a replay compares it to the byte). */
  at: string;
  byName?: string | undefined;
  /** 评价's comment. */
  comment?: string | undefined;
}

export interface EventStepContext {
  now: Date;
  /** The departments of the event's street: 交办 goes to one of them. */
  departmentIds: ReadonlySet<string>;
  /** A rental hazard handed over on inspection (交办): its inspector dispatches it as it is reported. */
  handover?: boolean;
}

export type EventStepRefusal = GridEventRefusal | 'notYours' | 'departmentOutOfReach';

export type EventStepResult =
  | { ok: true; body: GridEventBody; log: FlowLog }
  | { ok: false; reason: EventStepRefusal };

const HELD_BY_DEPARTMENT: readonly GridEventStatus[] = ['assigned', 'processing'];

/** The log entry's own data: what the step needs to be replayed. */
function stepData(event: GridEventEvent): Partial<FlowLog> {
  switch (event.type) {
    case 'selfResolve':
    case 'complete':
      return { opinion: event.note.trim() };
    case 'reject':
    case 'return':
    case 'escalate':
      return { opinion: event.reason.trim() };
    case 'assign':
      return { departmentId: event.departmentId, deadline: event.deadline };
    case 'verify':
      return event.passed ? { passed: true } : { passed: false, opinion: (event.reason ?? '').trim() };
    case 'requestExtension':
      return { days: event.days, opinion: event.reason.trim() };
    case 'evaluate':
      return { satisfaction: event.satisfaction };
    case 'supervise': {
      const note = (event.note ?? '').trim();
      return { supervision: event.level, ...(note ? { opinion: note } : {}) };
    }
    case 'accept':
    case 'process':
    case 'close':
    case 'approveExtension':
    case 'urge':
      return {};
  }
}

/** The fields the step owns, set on `body` (whose status and level are already the step's result). */
function withStepFields(body: GridEventBody, step: EventStep, before: GridEventBody): GridEventBody {
  const { event } = step;
  const { at } = step;
  switch (event.type) {
    case 'selfResolve':
      return { ...body, handlingMode: 'selfResolved', selfResolvedNote: event.note.trim() };
    case 'complete':
      return { ...body, handlingNote: event.note.trim() };
    case 'reject':
      return { ...body, rejectReason: event.reason.trim() };
    case 'assign':
      return { ...body, departmentId: event.departmentId, deadline: event.deadline };
    case 'urge':
      return { ...body, urgent: true };
    case 'supervise':
      return { ...body, supervision: event.level };
    case 'requestExtension': {
      const extension = { id: step.logId, days: event.days, reason: event.reason.trim(), requestedAt: at };
      return { ...body, extensions: [...(before.extensions ?? []), extension] };
    }
    case 'approveExtension':
      return {
        ...body,
        extensions: (before.extensions ?? []).map((extension) =>
          extension.approvedAt === undefined ? { ...extension, approvedAt: at } : extension,
        ),
      };
    case 'evaluate': {
      const comment = (step.comment ?? '').trim();
      return { ...body, evaluation: { satisfaction: event.satisfaction, ...(comment ? { comment } : {}) } };
    }
    default:
      return body;
  }
}

/** `actor` takes `step` on `body`: the body after it, with its flow log entry, or why not. */
export function takeEventStep(
  body: GridEventBody,
  actor: EventActor,
  step: EventStep,
  context: EventStepContext,
): EventStepResult {
  const { event } = step;
  const holding = holdingOf(body);
  const supervision = event.type === 'supervise' ? event.level : undefined;
  const handedOver = context.handover === true && (event.type === 'accept' || event.type === 'assign');
  if (!handedOver && !mayTakeAction(actor, event.type, holding, supervision))
    return { ok: false, reason: 'notYours' };
  const transition = transitionGridEvent(body.status, event, {
    now: context.now,
    level: body.handlingLevel,
    reportedLevel: body.reportedLevel,
    urgent: body.urgent === true,
    extensionPending: (body.extensions ?? []).some((extension) => extension.approvedAt === undefined),
    supervision: body.supervision,
  });
  if (!transition.ok) return transition;
  if (event.type === 'assign' && !context.departmentIds.has(event.departmentId))
    return { ok: false, reason: 'departmentOutOfReach' };

  // 回退: a department hands it back to its dispatcher; a dispatcher sends it back down a level.
  const level =
    event.type === 'escalate'
      ? levelAfter(body.handlingLevel, 'up')
      : event.type === 'return' && !HELD_BY_DEPARTMENT.includes(body.status)
        ? levelAfter(body.handlingLevel, 'down')
        : body.handlingLevel;
  const log: FlowLog = {
    id: step.logId,
    at: step.at,
    by: actor.id,
    ...(step.byName ? { byName: step.byName } : {}),
    action: event.type,
    fromStatus: body.status,
    toStatus: transition.state,
    ...(level !== body.handlingLevel ? { fromLevel: body.handlingLevel, toLevel: level } : {}),
    ...stepData(event),
  };
  const moved = {
    ...body,
    status: transition.state,
    handlingLevel: level,
    flowLogs: [...body.flowLogs, log],
  };
  return { ok: true, body: withStepFields(moved, step, body), log };
}
