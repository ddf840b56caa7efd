/**
 * A supervisor's area figures (`GET /api/figures`, counts only): fetched for a period and kept on
 * the device, so the 区域总览 opens offline on the last snapshot and says how old it is.
 */
import * as z from 'zod/mini';
import {
  type AreaFigures,
  FIGURE_PERIODS,
  type FigurePeriod,
  type GridFigures,
  type WorkerOutcomes,
} from '../domain/area-figures';
import type { HeatCell } from '../domain/event-heat';
import type { EventTrend } from '../domain/event-trend';
import { type HttpDeps, requestJson } from './http';
import type { LocalDb, MetaRow } from './local-db';

const count = z.number().check(z.gte(0));
const share = z.nullable(z.number().check(z.gte(0), z.lte(1)));
const counts = z.record(z.string(), count);

const areaFiguresSchema = z.object({
  events: z.object({
    reported: count,
    open: count,
    overdue: count,
    closed: count,
    onTimeRate: share,
    selfResolvedRate: share,
    byStatus: counts,
    byCategory: counts,
  }),
  disputes: z.object({
    registered: count,
    accepted: count,
    resolvedRate: share,
    overdue: count,
    risk: z.object({ red: count, orange: count, yellow: count }),
    followUpRate: share,
  }),
  rentals: z.object({
    inspected: count,
    coverage: share,
    hazardsByItem: counts,
    fixedOnSiteRate: share,
    rectifying: count,
    awaitingRecheck: count,
    overdue: count,
  }),
  patrols: z.object({
    patrols: count,
    minutes: count,
    gridCoverage: share,
    householdsReached: count,
    appInstalled: count,
  }),
});

const trendSeries = z.object({ reported: z.array(count), closed: z.array(count) });
const lngLat = z.tuple([z.number().check(z.gte(-180), z.lte(180)), z.number().check(z.gte(-90), z.lte(90))]);

export const figuresResponseSchema = z.object({
  asOf: z.iso.datetime({ offset: true }),
  period: z.enum(FIGURE_PERIODS),
  current: areaFiguresSchema,
  previous: areaFiguresSchema,
  grids: z.array(z.object({ gridId: z.string(), open: count, overdue: count, patrols: count })),
  /** The area's staff whose phones last said they hold unsynced records (absent before 2026-12). */
  unsynced: z.optional(
    z.array(z.object({ name: z.string(), records: count, reportedAt: z.iso.datetime({ offset: true }) })),
  ),
  /** Events reported and closed per day (per hour of a day), now and before (absent before 2026-12). */
  trend: z.optional(
    z.object({
      unit: z.enum(['day', 'hour']),
      from: z.iso.datetime({ offset: true }),
      previousFrom: z.iso.datetime({ offset: true }),
      current: trendSeries,
      previous: trendSeries,
    }),
  ),
  /** Events reported in the period per ~200 m square, counts only (absent before 2026-12). */
  heat: z.optional(z.array(z.object({ lngLat, count }))),
  /** Each field worker's outcomes in the period, by name (absent before 2026-12). */
  workers: z.optional(
    z.array(
      z.object({
        name: z.string(),
        eventsReported: count,
        selfResolvedRate: share,
        disputesResolvedRate: share,
        fixedOnSiteRate: share,
        hazardsOverdue: count,
      }),
    ),
  ),
});

/** Someone whose phone last said it holds `records` not yet synced, at `reportedAt`. */
export interface UnsyncedPerson {
  name: string;
  records: number;
  reportedAt: string;
}

export interface FiguresSnapshot {
  asOf: string;
  period: FigurePeriod;
  current: AreaFigures;
  previous: AreaFigures;
  grids: GridFigures[];
  unsynced?: UnsyncedPerson[] | undefined;
  workers?: (WorkerOutcomes & { name: string })[] | undefined;
  trend?: EventTrend | undefined;
  heat?: HeatCell[] | undefined;
}

export type FiguresResult =
  | { kind: 'fresh'; figures: FiguresSnapshot }
  /** The server could not be asked (offline) or answered badly: the last snapshot, if any. */
  | { kind: 'stored'; figures: FiguresSnapshot | undefined; reason: 'offline' | 'error' }
  | { kind: 'unauthorized' };

/** Where the figures of `period` over `org` (the whole area when absent) are kept. */
const snapshotKey = (period: FigurePeriod, org: string | undefined): MetaRow['key'] =>
  org === undefined ? `figures:${period}` : `figures:${period}:${org}`;

/**
 * The figures of `period` from the server — over the part of the area below `org` (a community,
 * a grid) when given — kept; else the last kept ones.
 */
export async function loadFigures(
  deps: HttpDeps,
  db: LocalDb,
  token: string,
  period: FigurePeriod,
  org?: string,
): Promise<FiguresResult> {
  const query = new URLSearchParams({ period });
  if (org !== undefined) query.set('org', org);
  const result = await requestJson(deps, `/api/figures?${query}`, { method: 'GET', token });
  if (result.kind === 'ok') {
    const parsed = figuresResponseSchema.safeParse(result.body);
    if (parsed.success) {
      await db.meta.put({ key: snapshotKey(period, org), value: JSON.stringify(parsed.data) });
      return { kind: 'fresh', figures: parsed.data };
    }
  } else if (result.kind !== 'network-error' && result.status === 401) {
    return { kind: 'unauthorized' };
  }
  return {
    kind: 'stored',
    figures: await storedFigures(db, period, org),
    reason: result.kind === 'network-error' ? 'offline' : 'error',
  };
}

/** The last figures of `period` (over `org`) kept on the device, checked again: a newer build may read them. */
export async function storedFigures(
  db: LocalDb,
  period: FigurePeriod,
  org?: string,
): Promise<FiguresSnapshot | undefined> {
  const row = await db.meta.get(snapshotKey(period, org));
  if (typeof row?.value !== 'string') return undefined;
  try {
    const parsed = figuresResponseSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
