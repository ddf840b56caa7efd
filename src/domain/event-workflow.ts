/**
 * 上报事件 workflow (DOMAIN.md §3.4, issue 12), as a transition table plus guards: the table says which
 * events a status accepts and where they lead; the guards say whether this event, with this data,
 * may happen now. The server's push decides with the same function, so two people acting on one
 * event at once end in a legal state: the second action meets the status the first one left.
 *
 *   reported 待受理 (at the grid, the community or the street: handlingLevel)
 *     ├─ selfResolve (处置情况) ─────────────────────────────→ filed 已办结 (小事不出网格)
 *     ├─ reject (理由) ───────────────────────────────────────→ rejected 不予立案
 *     ├─ escalate (理由; not above the street) ───────────────→ reported, one level up
 *     └─ accept ─→ accepted 待派遣
 *                    ├─ assign (单位 + 期限 ≥ today) ─→ assigned 待处置
 *                    │     └─ process ─→ processing 处置中
 *                    │           └─ complete (处置结果) ─→ processed 待核查
 *                    │                 ├─ verify passed ─→ verified 核查通过 ─ close ─→ closed 已结案
 *                    │                 └─ verify failed (理由) ─→ processing
 *                    ├─ escalate (理由) ─→ reported, one level up
 *                    └─ return (理由) ─→ reported, back to the level below (when it came up)
 *     assigned / processing ─ return (理由: 非本单位职责…) ─→ accepted, for the dispatcher to send again
 *     closed ─ evaluate (满意度) ─→ closed
 *
 *   Along the way, without changing the status: requestExtension (天数 + 理由) and approveExtension
 *   while a department holds it (assigned, processing); urge 加急 and supervise 督办 while it is open.
 *   Yellow and red cards are supervise events the server issues (supervision), never a device.
 *
 * The table and the statuses are here; the guards and `transitionGridEvent` in event-transition.ts
 * (the home screen's queues read only the table). The result is the next status only; the record
 * layer stores the event's data (department, deadline, level, flow log entry) next to it.
 */
export const GRID_EVENT_STATUSES = [
  'reported',
  'filed',
  'rejected',
  'accepted',
  'assigned',
  'processing',
  'processed',
  'verified',
  'closed',
] as const;
export type GridEventStatus = (typeof GRID_EVENT_STATUSES)[number];

/** The levels an event climbs: 小事不出网格，大事不出社区, and the street above. */
export const EVENT_LEVELS = ['grid', 'community', 'street'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

/** 督办 levels: a person's 普通督办, or the cards the server issues when a step runs late. */
export const SUPERVISION_LEVELS = ['normal', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const GRID_EVENT_EVENT_TYPES = [
  'selfResolve',
  'accept',
  'reject',
  'assign',
  'process',
  'complete',
  'verify',
  'close',
  'evaluate',
  'return',
  'escalate',
  'requestExtension',
  'approveExtension',
  'urge',
  'supervise',
] as const;
export type GridEventEventType = (typeof GRID_EVENT_EVENT_TYPES)[number];

/** What someone did to an event. Days are `YYYY-MM-DD` in China. */
export type GridEventEvent =
  | { type: 'selfResolve'; note: string }
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'assign'; departmentId: string; deadline: string }
  | { type: 'process' }
  | { type: 'complete'; note: string }
  | { type: 'verify'; passed: boolean; reason?: string }
  | { type: 'close' }
  | { type: 'evaluate'; satisfaction: 'satisfied' | 'basicallySatisfied' | 'dissatisfied' }
  | { type: 'return'; reason: string }
  | { type: 'escalate'; reason: string }
  | { type: 'requestExtension'; days: number; reason: string }
  | { type: 'approveExtension' }
  | { type: 'urge' }
  /** `note`: 督办 opinion (the server's card says why it was issued). */
  | { type: 'supervise'; level: SupervisionLevel; note?: string | undefined };

/** What the guards read besides the event. */
export type GridEventContext = {
  now: Date;
  /** The level that holds it now, and the one it was reported at. */
  level: EventLevel;
  reportedLevel: EventLevel;
  urgent: boolean;
  /** A requested extension waiting for approval. */
  extensionPending: boolean;
  /** The card or 督办 it carries now (a card only ever rises). */
  supervision?: SupervisionLevel | undefined;
};

/** Why a transition was refused: stable codes, the app maps them to Chinese. */
export const GRID_EVENT_REFUSALS = [
  'notAllowed',
  'reasonRequired',
  'noteRequired',
  'departmentRequired',
  'deadlineInvalid',
  'deadlineInPast',
  'topLevel',
  'notEscalated',
  'extensionDaysInvalid',
  'extensionPending',
  'noExtensionPending',
  'alreadyUrgent',
  'supervisionNotHigher',
] as const;
export type GridEventRefusal = (typeof GRID_EVENT_REFUSALS)[number];

export type GridEventTransition =
  | { ok: true; state: GridEventStatus }
  | { ok: false; reason: GridEventRefusal };

/** The longest single extension a department may ask for, in working days. */
export const MAX_EXTENSION_WORKING_DAYS = 30;

/** Marks the events whose target depends on their data or stays where it is (event-transition.ts). */
export const BY_VERIFY_RESULT = 'byVerifyResult';
export const SAME = 'same';
export type Target = GridEventStatus | typeof BY_VERIFY_RESULT | typeof SAME;

const WHILE_OPEN = { urge: SAME, supervise: SAME } as const;
const WHILE_HELD = { requestExtension: SAME, approveExtension: SAME } as const;

/** Which events each status accepts, and where they lead. Anything absent is refused as notAllowed. */
export const GRID_EVENT_TRANSITIONS = {
  reported: {
    selfResolve: 'filed',
    accept: 'accepted',
    reject: 'rejected',
    escalate: 'reported',
    return: 'reported',
    ...WHILE_OPEN,
  },
  filed: {},
  rejected: {},
  accepted: { assign: 'assigned', escalate: 'reported', return: 'reported', ...WHILE_OPEN },
  assigned: { process: 'processing', return: 'accepted', ...WHILE_HELD, ...WHILE_OPEN },
  processing: { complete: 'processed', return: 'accepted', ...WHILE_HELD, ...WHILE_OPEN },
  processed: { verify: BY_VERIFY_RESULT, ...WHILE_OPEN },
  verified: { close: 'closed', ...WHILE_OPEN },
  closed: { evaluate: SAME },
} as const satisfies Record<GridEventStatus, Partial<Record<GridEventEventType, Target>>>;

/** The statuses still waiting for someone: what queues, 超期 and 督办 count. */
export function isOpenEvent(status: GridEventStatus): boolean {
  return status !== 'filed' && status !== 'rejected' && status !== 'closed';
}

/** Events the status accepts at all (guards may still refuse them). */
export function allowedGridEventEvents(state: GridEventStatus): GridEventEventType[] {
  return GRID_EVENT_EVENT_TYPES.filter((type) => Object.hasOwn(GRID_EVENT_TRANSITIONS[state], type));
}
