/**
 * The facts the home list filters on, computed once per stored row: the one place that knows how
 * each kind's body maps to a status, searchable text, a date and "overdue". When a body schema
 * changes, this adapter is what changes; the filter and the screen only see `RecordFacets`.
 *
 * Bodies are read defensively (as plain data, by field name) so that a kind this build does not
 * know, or a body from a newer schema, still lists with generic facets instead of breaking the list.
 */
import type { LocalRecord } from '../../sync/local-db';
import { label } from '../i18n/i18n';
import { chinaDayOf, plusDays } from './china-day';

export interface RecordFacets {
  row: LocalRecord;
  kind: string;
  /** `body.status`, '' when missing. */
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

type Body = Record<string, unknown>;

const str = (body: Body, key: string): string => {
  const value = body[key];
  return typeof value === 'string' ? value : '';
};

/** Names of the entries of an array field (parties, tenants), skipping anything that is not one. */
const names = (body: Body, key: string): string[] => {
  const list = body[key];
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown) =>
    entry && typeof entry === 'object' && typeof (entry as Body).name === 'string'
      ? String((entry as Body).name)
      : '',
  );
};

/**
 * Runs of 6+ digits (a phone, an ID number, a bank card) are cut out of free text too: DOMAIN.md
 * §6.2 keeps sensitive values out of search, and workers do type phones into remarks.
 */
const LONG_NUMBER = /\d{6,}[Xx]?|1\d{2}[\s-]\d{4}[\s-]\d{4}/g;

const never = () => false;

/** 调解期限 (DISPUTE_MEDIATION_DAYS in src/domain/due-dates.ts): 30 days from registration. */
const DISPUTE_MEDIATION_DAYS = 30;
/** Dispute statuses after which the 30-day mediation deadline no longer applies. */
const DISPUTE_DONE = new Set(['closed', 'notAccepted', 'terminated']);

/** Which fields each known kind searches, and when it is overdue. Unknown kinds get `generic`. */
function kindFacets(kind: string, body: Body): { text: string[]; dueDay: string | undefined } {
  const status = str(body, 'status');
  switch (kind) {
    case 'patrol': {
      const types = Array.isArray(body.patrolTypes) ? body.patrolTypes : [];
      return {
        text: [...types.map((type) => label('patrolType', String(type))), str(body, 'content')],
        dueDay: undefined,
      };
    }
    case 'rentalInspection': {
      // A valid day survives a round trip; '2025-02-30' or garbage does not and never turns overdue.
      const deadline = str(body, 'rectificationDeadline');
      const valid = plusDays(deadline, 0) === deadline;
      return {
        text: [
          str(body, 'address'),
          str(body, 'landlordName'),
          str(body, 'managerName'),
          str(body, 'remarks'),
        ],
        dueDay: valid && status !== 'closed' ? deadline : undefined,
      };
    }
    case 'dispute': {
      // Consented extensions (due-dates.ts disputeDueAt) are not in the body yet, so not counted.
      const registeredMs = Date.parse(str(body, 'registeredAt'));
      const open = !DISPUTE_DONE.has(status) && !Number.isNaN(registeredMs);
      return {
        text: [str(body, 'title'), str(body, 'place'), ...names(body, 'parties'), str(body, 'summary')],
        dueDay: open ? plusDays(chinaDayOf(registeredMs), DISPUTE_MEDIATION_DAYS) : undefined,
      };
    }
    default:
      return {
        text: ['title', 'address', 'name', 'place', 'content', 'summary'].map((key) => str(body, key)),
        dueDay: undefined,
      };
  }
}

/** The facets of one stored row. */
export function recordFacets(row: LocalRecord): RecordFacets {
  const record = row.record as { body?: unknown };
  const body: Body = record.body && typeof record.body === 'object' ? (record.body as Body) : {};
  const { text, dueDay } = kindFacets(row.kind, body);
  const updatedMs = Date.parse(row.updatedAt);
  return {
    row,
    kind: row.kind,
    status: str(body, 'status'),
    gridId: row.gridId,
    updatedMs: Number.isNaN(updatedMs) ? 0 : updatedMs,
    updatedDay: Number.isNaN(updatedMs) ? '' : chinaDayOf(updatedMs),
    text: text.filter(Boolean).join('\n').replace(LONG_NUMBER, ' ').toLowerCase(),
    // Past due once the whole due day has ended in China (as due-dates.ts isPastDue).
    overdue: dueDay ? (now) => dueDay < chinaDayOf(now.getTime()) : never,
  };
}

/** The i18n group of a kind's status labels (`label(group, status)`). */
export function statusLabelGroup(kind: string): string {
  return kind === 'rentalInspection' ? 'inspectionStatus' : `${kind}Status`;
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
