/**
 * The home list's filter: what the user chose (kind, status, grid, date range, overdue only, a
 * search) and the pure function that applies it to precomputed facets. Applying it is a single
 * pass over plain objects, so 10,000 records filter in a few milliseconds on every keystroke.
 */
import { addDays, localDayOf } from '../../domain/due-dates';
import type { RecordFacets } from './record-facets';

export const DATE_RANGES = ['all', 'today', 'week', 'month'] as const;
export type DateRange = (typeof DATE_RANGES)[number];

/** Days a range covers, today included. */
const RANGE_DAYS: Record<Exclude<DateRange, 'all'>, number> = { today: 1, week: 7, month: 30 };

export interface ListFilter {
  query: string;
  /** A record kind, or 'all'. */
  kind: string;
  /** A status of `kind`; ignored while kind is 'all' (statuses mean different things per kind). */
  status: string | undefined;
  gridId: string | undefined;
  date: DateRange;
  overdueOnly: boolean;
}

export const NO_FILTER: ListFilter = {
  query: '',
  kind: 'all',
  status: undefined,
  gridId: undefined,
  date: 'all',
  overdueOnly: false,
};

/** Lower-cased words of a search; a record must contain every one of them. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The first China calendar day a date range includes, or undefined for 'all'. */
export function firstDayOf(range: DateRange, now: Date): string | undefined {
  return range === 'all' ? undefined : addDays(localDayOf(now), 1 - RANGE_DAYS[range]);
}

/** The facets that pass `filter` at `now`, in the order given (newest first). */
export function applyListFilter(
  facets: readonly RecordFacets[],
  filter: ListFilter,
  now: Date,
): RecordFacets[] {
  const terms = searchTerms(filter.query);
  const kind = filter.kind === 'all' ? undefined : filter.kind;
  const status = kind ? filter.status : undefined;
  const fromDay = firstDayOf(filter.date, now);
  return facets.filter(
    (f) =>
      (kind === undefined || f.kind === kind) &&
      (status === undefined || f.status === status) &&
      (filter.gridId === undefined || f.gridId === filter.gridId) &&
      (fromDay === undefined || f.updatedDay >= fromDay) &&
      terms.every((term) => f.text.includes(term)) &&
      (!filter.overdueOnly || f.overdue(now)),
  );
}

/** Which parts of the filter narrow the list, in the order their chips show. */
export type ActiveFilter = 'query' | 'kind' | 'status' | 'gridId' | 'date' | 'overdueOnly';

export function activeFilters(filter: ListFilter): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  if (filter.query.trim()) active.push('query');
  if (filter.kind !== 'all') active.push('kind');
  if (filter.kind !== 'all' && filter.status !== undefined) active.push('status');
  if (filter.gridId !== undefined) active.push('gridId');
  if (filter.date !== 'all') active.push('date');
  if (filter.overdueOnly) active.push('overdueOnly');
  return active;
}

/** `filter` with one part reset (a removed chip). Clearing the kind clears its status too. */
export function withoutFilter(filter: ListFilter, part: ActiveFilter): ListFilter {
  if (part === 'kind') return { ...filter, kind: 'all', status: undefined };
  return { ...filter, [part]: NO_FILTER[part] };
}

/** The statuses present among `facets` of `kind`, in first-seen order (only what can match). */
export function statusesOf(facets: readonly RecordFacets[], kind: string): string[] {
  const seen = new Set<string>();
  for (const f of facets) if (f.kind === kind && f.status) seen.add(f.status);
  return [...seen];
}
