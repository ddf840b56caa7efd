/**
 * Who may do what to a 上报事件 (issue 12 §4): one table, read by the server when it replays a pushed
 * change (event-change.ts) and by the app when it offers the next steps. Pure and free of zod.
 *
 *   action              who may take it
 *   ──────────────────  ──────────────────────────────────────────────────────────────────────
 *   selfResolve         a reporting role while the event is at grid level (小事不出网格),
 *                       or the level's dispatcher
 *   accept, reject,     the dispatcher of the level holding it:
 *   assign, escalate,     grid and community → 网格长, 社区管理员 (and the street admin above them)
 *   approveExtension      street              → 街道管理员
 *   process, complete,  the department it is dispatched to (交办), while that department holds it
 *   requestExtension
 *   return (回退)        whoever holds it: the department in 待处置/处置中, else the level's dispatcher
 *   verify, close,      the reporter, or the level's dispatcher
 *   evaluate
 *   urge (加急)          the reporter, or the level's dispatcher
 *   supervise 普通督办    the level's dispatcher
 *   supervise 黄牌/红牌   only the server's supervision (event-supervision.ts), never a device
 *
 * The access rules (access-rules.ts) decide whose events reach a device at all; this table decides
 * what each may do with them. Free of zod and of the state machine's guards: the home screen's
 * queues read it.
 */
import { DEPARTMENT_ROLES } from './departments';
import {
  allowedGridEventEvents,
  type EventLevel,
  type GridEventEventType,
  type GridEventStatus,
  type SupervisionLevel,
} from './event-workflow';
import type { GridEventBody } from './grid-event';
import { ROLES } from './roles';

/** Who acts: a user, with the department a department account is bound to. */
export interface EventActor {
  id: string;
  role: string;
  departmentId?: string | undefined;
}

/** The user id the server's own supervision acts as, in flow logs and revisions. */
export const SUPERVISION_ACTOR_ID = 'system:supervision';
/** The name its flow log entries carry (`byName`). */
export const SUPERVISION_ACTOR_NAME = '系统';

/** The roles that report events from the field: everyone but the departments, whose work comes dispatched. */
export const REPORTING_ROLES: readonly string[] = ROLES.filter((role) => !DEPARTMENT_ROLES.includes(role));

/** Who dispatches at each level: 网格长 and 社区管理员 within their community, 街道管理员 at the street. */
export const DISPATCHERS: Readonly<Record<EventLevel, readonly string[]>> = {
  grid: ['gridLeader', 'communityAdmin', 'streetAdmin'],
  community: ['gridLeader', 'communityAdmin', 'streetAdmin'],
  street: ['streetAdmin'],
};

/** The roles that supervise an area — those who dispatch at some level: who sees its figures. */
export function supervisesArea(role: string): boolean {
  return Object.values(DISPATCHERS).some((roles) => roles.includes(role));
}

type Party = 'reporting' | 'dispatcher' | 'department' | 'holder' | 'reporter';

export const EVENT_ACTION_PARTIES: Readonly<Record<GridEventEventType, readonly Party[]>> = {
  selfResolve: ['reporting', 'dispatcher'],
  accept: ['dispatcher'],
  reject: ['dispatcher'],
  assign: ['dispatcher'],
  escalate: ['dispatcher'],
  approveExtension: ['dispatcher'],
  process: ['department'],
  complete: ['department'],
  requestExtension: ['department'],
  return: ['holder'],
  verify: ['reporter', 'dispatcher'],
  close: ['reporter', 'dispatcher'],
  evaluate: ['reporter', 'dispatcher'],
  urge: ['reporter', 'dispatcher'],
  supervise: ['dispatcher'],
};

/** What the table reads of an event at the moment of the action. */
export interface EventHolding {
  status: GridEventStatus;
  level: EventLevel;
  departmentId?: string | undefined;
  reportedBy: string;
}

/** What else `actionsFor` reads, to leave out steps the state machine would refuse whatever is typed. */
export interface EventStanding {
  reportedLevel: EventLevel;
  urgent: boolean;
  extensionPending: boolean;
}

const HELD_BY_DEPARTMENT: readonly GridEventStatus[] = ['assigned', 'processing'];

/** The department it is dispatched to holds it (待处置, 处置中): the id of that department, if so. */
export function holdingDepartment(body: Pick<GridEventBody, 'status' | 'departmentId'>): string | undefined {
  return HELD_BY_DEPARTMENT.includes(body.status) ? body.departmentId : undefined;
}

function isParty(party: Party, actor: EventActor, event: EventHolding): boolean {
  const dispatcher = DISPATCHERS[event.level].includes(actor.role);
  const department =
    DEPARTMENT_ROLES.includes(actor.role) &&
    actor.departmentId !== undefined &&
    actor.departmentId === event.departmentId &&
    HELD_BY_DEPARTMENT.includes(event.status);
  switch (party) {
    case 'reporting':
      return REPORTING_ROLES.includes(actor.role) && event.level === 'grid';
    case 'dispatcher':
      return dispatcher;
    case 'department':
      return department;
    case 'holder':
      return HELD_BY_DEPARTMENT.includes(event.status) ? department : dispatcher;
    case 'reporter':
      return actor.id !== '' && actor.id === event.reportedBy;
  }
}

/**
 * Whether `actor` may take `action` on an event held as `event`. A 黄牌 or 红牌 only the server's
 * supervision may issue.
 */
export function mayTakeAction(
  actor: EventActor,
  action: GridEventEventType,
  event: EventHolding,
  supervision?: SupervisionLevel,
): boolean {
  if (action === 'supervise' && supervision !== undefined && supervision !== 'normal')
    return actor.id === SUPERVISION_ACTOR_ID;
  return EVENT_ACTION_PARTIES[action].some((party) => isParty(party, actor, event));
}

/** Whether `role` may report an event at all. */
export function mayReport(role: string): boolean {
  return REPORTING_ROLES.includes(role);
}

/**
 * The actions `actor` may take now: the status allows them, the table names the actor, and nothing
 * about the event already rules them out (回退 of an event reported at its level, 上报 above the
 * street, 加急 twice, a second extension while one waits, approving none).
 */
export function actionsFor(
  actor: EventActor,
  event: EventHolding,
  standing?: EventStanding,
): GridEventEventType[] {
  const heldByDepartment = HELD_BY_DEPARTMENT.includes(event.status);
  const ruledOut = (action: GridEventEventType): boolean => {
    if (!standing) return false;
    switch (action) {
      case 'return':
        return !heldByDepartment && event.level === standing.reportedLevel;
      case 'escalate':
        return event.level === 'street';
      case 'urge':
        return standing.urgent;
      case 'requestExtension':
        return standing.extensionPending;
      case 'approveExtension':
        return !standing.extensionPending;
      default:
        return false;
    }
  };
  return allowedGridEventEvents(event.status).filter(
    (action) =>
      mayTakeAction(actor, action, event, action === 'supervise' ? 'normal' : undefined) && !ruledOut(action),
  );
}

/** What the who-may-act table reads of a body. */
export function holdingOf(body: GridEventBody): EventHolding {
  return {
    status: body.status,
    level: body.handlingLevel,
    departmentId: body.departmentId,
    reportedBy: body.reportedBy,
  };
}

/** The rest of what `actionsFor` reads of a body. */
export function standingOf(body: GridEventBody): EventStanding {
  return {
    reportedLevel: body.reportedLevel,
    urgent: body.urgent === true,
    extensionPending: (body.extensions ?? []).some((extension) => extension.approvedAt === undefined),
  };
}

/** The steps `actor` may take on `body` now (the queues and the detail screen read the same). */
export function eventActionsFor(actor: EventActor, body: GridEventBody): GridEventEventType[] {
  return actionsFor(actor, holdingOf(body), standingOf(body));
}

/** An event is deleted only by its reporter, before anyone has acted on it: nothing of a flow is lost. */
export function mayDeleteEvent(
  event: { reportedBy: string; flowLogs: readonly unknown[] },
  actorId: string,
): boolean {
  return event.flowLogs.length === 0 && event.reportedBy === actorId;
}
