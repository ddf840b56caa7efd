/**
 * The facts the home list filters on, computed once per stored row from its kind's definition
 * (domain/kinds/): a status, searchable text, a date and "overdue". The filter and the screen only
 * see `RecordFacets`. Every stored row is a record this build reads: a change of a kind or body
 * version it does not know stays opaque in the sync layer and never reaches the list.
 */

import { localDayOf } from '../../domain/due-dates';
import { rulesOf } from '../../domain/kinds/index';
import type { LocalRecord } from '../../sync/local-db';
import { label } from '../i18n/i18n';
import { statusLabelGroup } from '../kinds/app-kinds';

export interface RecordFacets {
  row: LocalRecord;
  kind: string;
  /** `body.status`. */
  status: string;
  gridId: string;
  /** `updatedAt` in ms, for newest-first ordering. */
  updatedMs: number;
  /** The China calendar day (`YYYY-MM-DD`) of the last change, for the date filter. */
  updatedDay: string;
  /** Lower-cased text a search matches: titles, addresses, names. Never a phone or ID number. */
  text: string;
  /** Whether the record is past its deadline at `now` (always false for kinds without one). */
  overdue(now: Date): boolean;
}

/**
 * Runs of 6+ digits (a phone, an ID number, a bank card) are cut out of free text too: DOMAIN.md
 * §6.2 keeps sensitive values out of search, and workers do type phones into remarks.
 */
const LONG_NUMBER = /\d{6,}[Xx]?|1\d{2}[\s-]\d{4}[\s-]\d{4}/g;

/** The facets of one stored row, by its kind's definition (domain/kinds/). */
export function recordFacets(row: LocalRecord): RecordFacets {
  const { record } = row;
  const rules = rulesOf(record);
  const labels = rules.searchLabels(record.body).map(([group, value]) => label(group, value));
  const text = [...labels, ...rules.searchText(record.body)];
  const updatedMs = Date.parse(row.updatedAt);
  return {
    row,
    kind: row.kind,
    status: record.body.status,
    gridId: row.gridId,
    updatedMs: Number.isNaN(updatedMs) ? 0 : updatedMs,
    updatedDay: Number.isNaN(updatedMs) ? '' : localDayOf(new Date(updatedMs)),
    text: text.filter(Boolean).join('\n').replace(LONG_NUMBER, ' ').toLowerCase(),
    overdue: (now) => rules.overdue(record.body, now),
  };
}

/** An enum label, or the raw value when this build has no label for it (a newer kind or status). */
function labelOr(group: string, value: string): string {
  const text = label(group, value);
  return text === `${group}.${value}` ? value : text;
}

export const kindLabel = (kind: string): string => labelOr('kindShort', kind);
export const statusLabel = (kind: string, status: string): string => labelOr(statusLabelGroup(kind), status);

/** Facets of every live (not deleted) row, newest first. */
export function listFacets(rows: readonly LocalRecord[]): RecordFacets[] {
  const facets: RecordFacets[] = [];
  for (const row of rows) if (!row.record.deleted) facets.push(recordFacets(row));
  return facets.sort((a, b) => b.updatedMs - a.updatedMs);
}
