/**
 * The 区域总览's charts (issue 13): events reported and closed (结案, as area-figures.ts counts
 * `closed`) per day of the period — per hour of a day — next to the period before. Counts only. Pure.
 *
 * Periods start at a local midnight in China (UTC+8, no daylight saving), so a day is always 24 h
 * and a bucket is a plain division of the time since the period's start.
 */
import type { FigurePeriod, Span } from './area-figures';
import type { GridRecord } from './record-envelope';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface TrendSeries {
  /** Reported (上报) in each bucket, then closed (结案) in each. */
  reported: number[];
  closed: number[];
}

export interface EventTrend {
  unit: 'day' | 'hour';
  /** The first bucket of the current period starts here (ISO); the previous period's at `previousFrom`. */
  from: string;
  previousFrom: string;
  /** Buckets of the current period up to now (the one under way included). */
  current: TrendSeries;
  /** Every bucket of the whole previous period. */
  previous: TrendSeries;
}

function series(records: readonly GridRecord[], span: Span, bucketMs: number, buckets: number): TrendSeries {
  const reported = new Array<number>(buckets).fill(0);
  const closed = new Array<number>(buckets).fill(0);
  const bucketOf = (iso: string | undefined): number | undefined => {
    if (iso === undefined) return undefined;
    const at = Date.parse(iso);
    if (!(at >= span.from.getTime() && at < span.to.getTime())) return undefined;
    const index = Math.floor((at - span.from.getTime()) / bucketMs);
    return index < buckets ? index : undefined;
  };
  for (const record of records) {
    if (record.kind !== 'gridEvent' || record.deleted) continue;
    const reportedIn = bucketOf(record.body.reportedAt);
    if (reportedIn !== undefined) reported[reportedIn] = (reported[reportedIn] ?? 0) + 1;
    const close = record.body.flowLogs.find((log) => log.action === 'close');
    const closedIn = bucketOf(close?.at);
    if (closedIn !== undefined) closed[closedIn] = (closed[closedIn] ?? 0) + 1;
  }
  return { reported, closed };
}

/** Reported and closed per day (per hour for `day`) of `current`, and of the whole `previous`. */
export function eventTrend(
  records: readonly GridRecord[],
  period: FigurePeriod,
  current: Span,
  previous: Span,
): EventTrend {
  const bucketMs = period === 'day' ? HOUR_MS : DAY_MS;
  const count = (span: Span) => Math.max(1, Math.ceil((span.to.getTime() - span.from.getTime()) / bucketMs));
  return {
    unit: period === 'day' ? 'hour' : 'day',
    from: current.from.toISOString(),
    previousFrom: previous.from.toISOString(),
    current: series(records, current, bucketMs, count(current)),
    previous: series(records, previous, bucketMs, count(previous)),
  };
}
