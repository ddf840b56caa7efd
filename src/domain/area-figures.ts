/**
 * The supervisor's figures over an org subtree (issue 13, "一屏观全城"): outcomes, never activity —
 * 按期办结率, 超期, 自行处置率, 化解率, 回访完成率, 整改率, coverage — each defined once here, from the
 * same status meanings the lists and 今日待办 use (event-status.ts, dispute-status.ts,
 * hazard-status.ts). Counts only: nothing here carries a name, an address or a phone, so the server
 * can answer them to any supervisor of the subtree. Pure and free of zod.
 *
 * A period is a day, week (from Monday) or month in China, up to `now`; the previous period is the
 * one of the same kind just before it, so every figure has its change. A rate with nothing to be a
 * rate of is `null`, never 0 % or 100 %.
 */
import { isDisputeOverdue, isUnresolved } from './dispute-status';
import {
  addDays,
  followUpDueDay,
  isPastDue,
  localDayOf,
  startOfLocalDay,
  startOfLocalWeek,
} from './due-dates';
import { isEventOverdue } from './event-status';
import { isOpenEvent } from './event-workflow';
import { HAZARD_STATUS_CLOCK, isHazardOverdue } from './hazard-status';
import type { GridRecord } from './record-envelope';

export const FIGURE_PERIODS = ['day', 'week', 'month'] as const;
export type FigurePeriod = (typeof FIGURE_PERIODS)[number];

export interface Span {
  from: Date;
  to: Date;
}

/** The current period of `kind` up to `now`, and the whole previous one. */
export function periodsOf(kind: FigurePeriod, now: Date): { current: Span; previous: Span } {
  const today = localDayOf(now);
  const start =
    kind === 'day'
      ? startOfLocalDay(today)
      : kind === 'week'
        ? startOfLocalWeek(now)
        : startOfLocalDay(`${today.slice(0, 7)}-01`);
  const previousStart =
    kind === 'day'
      ? startOfLocalDay(addDays(today, -1))
      : kind === 'week'
        ? new Date(start.getTime() - 7 * 24 * 60 * 60 * 1000)
        : startOfLocalDay(`${localDayOf(new Date(start.getTime() - 1)).slice(0, 7)}-01`);
  return { current: { from: start, to: now }, previous: { from: previousStart, to: start } };
}

const within = (iso: string | undefined, span: Span) => {
  if (iso === undefined) return false;
  const at = Date.parse(iso);
  return at >= span.from.getTime() && at < span.to.getTime();
};
const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export interface EventFigures {
  /** Reported in the period. */
  reported: number;
  /** Open now, and of them overdue (a card earned, or the dispatch deadline passed). */
  open: number;
  overdue: number;
  /** Closed (结案) in the period, and the share of those dispatched that closed by their deadline. */
  closed: number;
  onTimeRate: number | null;
  /** 小事不出网格: of those reported in the period, the share resolved on the spot. */
  selfResolvedRate: number | null;
  byStatus: Record<string, number>;
  /** Reported in the period, by level-one category. */
  byCategory: Record<string, number>;
}

export interface DisputeFigures {
  registered: number;
  /** 受理 in the period. */
  accepted: number;
  /** 化解率: of the mediations that ended in the period, the share that ended in agreement. */
  resolvedRate: number | null;
  /** Unresolved past the 30-day limit (with extensions), now. */
  overdue: number;
  /** Unresolved now, by risk. */
  risk: { red: number; orange: number; yellow: number };
  /** 回访完成率: of the agreed cases whose 回访 is due by now, the share visited. */
  followUpRate: number | null;
}

export interface RentalFigures {
  inspected: number;
  /** 检查覆盖率: the share of registered houses inspected in the period. */
  coverage: number | null;
  /** Hazards found in the period, by checklist item. */
  hazardsByItem: Record<string, number>;
  /** 当场整改率: of the hazards found in the period, the share fixed on the spot. */
  fixedOnSiteRate: number | null;
  /** Now: 限期整改中 (within the deadline), 待复查, 逾期未改. */
  rectifying: number;
  awaitingRecheck: number;
  overdue: number;
}

export interface PatrolFigures {
  patrols: number;
  minutes: number;
  /** The share of the grids patrolled at least once in the period. */
  gridCoverage: number | null;
  /** 反诈宣传 in the period. */
  householdsReached: number;
  appInstalled: number;
}

export interface AreaFigures {
  events: EventFigures;
  disputes: DisputeFigures;
  rentals: RentalFigures;
  patrols: PatrolFigures;
}

/** A grid's shading on the map: what is open and overdue there now, and whether it was patrolled. */
export interface GridFigures {
  gridId: string;
  open: number;
  overdue: number;
  patrols: number;
}

function eventFigures(records: readonly GridRecord[], span: Span, now: Date): EventFigures {
  const figures: EventFigures = {
    reported: 0,
    open: 0,
    overdue: 0,
    closed: 0,
    onTimeRate: null,
    selfResolvedRate: null,
    byStatus: {},
    byCategory: {},
  };
  let selfResolved = 0;
  let dispatchedClosed = 0;
  let onTime = 0;
  for (const record of records) {
    if (record.kind !== 'gridEvent') continue;
    const body = record.body;
    figures.byStatus[body.status] = (figures.byStatus[body.status] ?? 0) + 1;
    if (isOpenEvent(body.status)) {
      figures.open += 1;
      if (isEventOverdue(body, now)) figures.overdue += 1;
    }
    if (within(body.reportedAt, span)) {
      figures.reported += 1;
      figures.byCategory[body.categoryL1] = (figures.byCategory[body.categoryL1] ?? 0) + 1;
      if (body.handlingMode === 'selfResolved') selfResolved += 1;
    }
    const close = body.flowLogs.find((log) => log.action === 'close');
    if (close && within(close.at, span)) {
      figures.closed += 1;
      if (body.deadline !== undefined) {
        dispatchedClosed += 1;
        if (localDayOf(new Date(close.at)) <= body.deadline) onTime += 1;
      }
    }
  }
  figures.onTimeRate = rate(onTime, dispatchedClosed);
  figures.selfResolvedRate = rate(selfResolved, figures.reported);
  return figures;
}

const MEDIATION_ENDS = new Set(['success', 'failed', 'terminated']);

function disputeFigures(records: readonly GridRecord[], span: Span, now: Date): DisputeFigures {
  const figures: DisputeFigures = {
    registered: 0,
    accepted: 0,
    resolvedRate: null,
    overdue: 0,
    risk: { red: 0, orange: 0, yellow: 0 },
    followUpRate: null,
  };
  let ended = 0;
  let agreed = 0;
  let followUpsDue = 0;
  let visited = 0;
  for (const record of records) {
    if (record.kind !== 'dispute') continue;
    const body = record.body;
    if (within(body.registeredAt, span)) figures.registered += 1;
    if (body.flowLogs.some((log) => log.toStatus === 'accepted' && within(log.at, span)))
      figures.accepted += 1;
    const end = body.flowLogs.find((log) => MEDIATION_ENDS.has(log.toStatus) && within(log.at, span));
    if (end) {
      ended += 1;
      if (end.toStatus === 'success') agreed += 1;
    }
    if (isUnresolved(body.status)) {
      if (isDisputeOverdue(body, now)) figures.overdue += 1;
      if (body.riskLevel !== 'none') figures.risk[body.riskLevel] += 1;
    }
    const deadline = body.agreement?.performanceDeadline;
    if (deadline !== undefined && isPastDue(followUpDueDay(deadline), now)) {
      followUpsDue += 1;
      if (body.followUps.length > 0) visited += 1;
    }
  }
  figures.resolvedRate = rate(agreed, ended);
  figures.followUpRate = rate(visited, followUpsDue);
  return figures;
}

function rentalFigures(records: readonly GridRecord[], span: Span, now: Date): RentalFigures {
  const figures: RentalFigures = {
    inspected: 0,
    coverage: null,
    hazardsByItem: {},
    fixedOnSiteRate: null,
    rectifying: 0,
    awaitingRecheck: 0,
    overdue: 0,
  };
  let houses = 0;
  const inspectedHouses = new Set<string>();
  let found = 0;
  let fixedOnSite = 0;
  for (const record of records) {
    if (record.kind === 'rentalHouse') houses += 1;
    if (record.kind !== 'rentalInspection') continue;
    const body = record.body;
    const inPeriod = within(body.inspectedAt, span);
    if (inPeriod) {
      figures.inspected += 1;
      if (body.rentalHouseId) inspectedHouses.add(body.rentalHouseId);
    }
    for (const hazard of body.hazards) {
      if (inPeriod) {
        found += 1;
        figures.hazardsByItem[hazard.itemCode] = (figures.hazardsByItem[hazard.itemCode] ?? 0) + 1;
        if (hazard.handling === 'onSite') fixedOnSite += 1;
      }
      if (isHazardOverdue(hazard, now)) figures.overdue += 1;
      else if (HAZARD_STATUS_CLOCK[hazard.status] === 'rectification') figures.rectifying += 1;
      else if (HAZARD_STATUS_CLOCK[hazard.status] === 'recheck') figures.awaitingRecheck += 1;
    }
  }
  figures.coverage = rate(inspectedHouses.size, houses);
  figures.fixedOnSiteRate = rate(fixedOnSite, found);
  return figures;
}

function patrolFigures(
  records: readonly GridRecord[],
  span: Span,
  gridIds: readonly string[],
): PatrolFigures {
  const figures: PatrolFigures = {
    patrols: 0,
    minutes: 0,
    gridCoverage: null,
    householdsReached: 0,
    appInstalled: 0,
  };
  const patrolled = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'patrol' || !within(record.body.startedAt, span)) continue;
    const body = record.body;
    figures.patrols += 1;
    patrolled.add(record.gridId);
    if (body.endedAt)
      figures.minutes += Math.round((Date.parse(body.endedAt) - Date.parse(body.startedAt)) / 60_000);
    figures.householdsReached += body.antiFraud?.householdsReached ?? 0;
    figures.appInstalled += body.antiFraud?.appInstalled ?? 0;
  }
  figures.gridCoverage = rate(gridIds.filter((id) => patrolled.has(id)).length, gridIds.length);
  return figures;
}

/** The figures of `records` (the subtree's, tombstones left out) over `span`, as they stand at `now`. */
export function areaFigures(
  records: readonly GridRecord[],
  gridIds: readonly string[],
  span: Span,
  now: Date,
): AreaFigures {
  const live = records.filter((record) => !record.deleted);
  return {
    events: eventFigures(live, span, now),
    disputes: disputeFigures(live, span, now),
    rentals: rentalFigures(live, span, now),
    patrols: patrolFigures(live, span, gridIds),
  };
}

/** Per grid, what the map shades: events and hazards open and overdue now, patrols in `span`. */
export function gridFigures(
  records: readonly GridRecord[],
  gridIds: readonly string[],
  span: Span,
  now: Date,
): GridFigures[] {
  const byGrid = new Map(gridIds.map((gridId) => [gridId, { gridId, open: 0, overdue: 0, patrols: 0 }]));
  for (const record of records) {
    const grid = byGrid.get(record.gridId);
    if (!grid || record.deleted) continue;
    if (record.kind === 'gridEvent' && isOpenEvent(record.body.status)) {
      grid.open += 1;
      if (isEventOverdue(record.body, now)) grid.overdue += 1;
    } else if (record.kind === 'dispute' && isUnresolved(record.body.status)) {
      grid.open += 1;
      if (isDisputeOverdue(record.body, now)) grid.overdue += 1;
    } else if (record.kind === 'rentalInspection') {
      for (const hazard of record.body.hazards) {
        if (HAZARD_STATUS_CLOCK[hazard.status] === 'settled') continue;
        grid.open += 1;
        if (isHazardOverdue(hazard, now)) grid.overdue += 1;
      }
    } else if (record.kind === 'patrol' && within(record.body.startedAt, span)) {
      grid.patrols += 1;
    }
  }
  return [...byGrid.values()];
}

/**
 * One worker's outcomes over `span` (the per-worker table, issue 13 §2): what came of the work they
 * found and took on, never how much they clocked — no patrol count, no time, no points, and no
 * order but by name. Each is the area figure of the same name over the records they made.
 */
export interface WorkerOutcomes {
  /** 上报事件 they reported in the period, and of those the share they resolved on the spot. */
  eventsReported: number;
  selfResolvedRate: number | null;
  /** 化解率 of the disputes they registered whose mediation ended in the period. */
  disputesResolvedRate: number | null;
  /** 当场整改率 of the hazards their inspections found in the period. */
  fixedOnSiteRate: number | null;
  /** Hazards of their inspections past the rectification deadline, now (theirs to recheck). */
  hazardsOverdue: number;
}

/** Each author's outcomes among `records`, by user id (authors with no records are not in it). */
export function workerOutcomes(
  records: readonly GridRecord[],
  span: Span,
  now: Date,
): Map<string, WorkerOutcomes> {
  const byAuthor = new Map<string, GridRecord[]>();
  for (const record of records) {
    if (record.deleted) continue;
    const theirs = byAuthor.get(record.createdBy);
    if (theirs) theirs.push(record);
    else byAuthor.set(record.createdBy, [record]);
  }
  const outcomes = new Map<string, WorkerOutcomes>();
  for (const [author, theirs] of byAuthor) {
    const events = eventFigures(theirs, span, now);
    const rentals = rentalFigures(theirs, span, now);
    outcomes.set(author, {
      eventsReported: events.reported,
      selfResolvedRate: events.selfResolvedRate,
      disputesResolvedRate: disputeFigures(theirs, span, now).resolvedRate,
      fixedOnSiteRate: rentals.fixedOnSiteRate,
      hazardsOverdue: rentals.overdue,
    });
  }
  return outcomes;
}

/** What a worker with no records in the area has: nothing to be a rate of. */
export const NO_OUTCOMES: WorkerOutcomes = {
  eventsReported: 0,
  selfResolvedRate: null,
  disputesResolvedRate: null,
  fixedOnSiteRate: null,
  hazardsOverdue: 0,
};
