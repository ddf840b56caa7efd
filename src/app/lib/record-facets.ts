/**
 * The facts the home list filters on, computed once per stored row: the one place that knows how
 * each kind's body maps to a status, searchable text, a date and "overdue". When a body schema
 * changes, this adapter is what changes; the filter and the screen only see `RecordFacets`.
 *
 * Bodies are read defensively (as plain data, by field name) so that a kind this build does not
 * know, or a body from a newer schema, still lists with generic facets instead of breaking the list.
 */

import type { DisputeStatus } from '../../domain/dispute';
import { DISPUTE_STATUS_PHASE, isDisputeOverdue } from '../../domain/dispute-status';
import { type DueDateExtension, isValidDay, localDayOf } from '../../domain/due-dates';
import { HAZARD_STATUS_CLOCK, isInspectionOverdue } from '../../domain/hazard-status';
import type { HazardStatus } from '../../domain/hazard-workflow';
import type { LocalRecord } from '../../sync/local-db';
import { label } from '../i18n/i18n';

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

type Overdue = (now: Date) => boolean;

/**
 * 逾期 by the one definition each kind has (hazard-status.ts, dispute-status.ts), over a body read
 * as plain data: a body whose fields are not what this build knows never turns overdue.
 */
function inspectionOverdue(body: Body): Overdue {
  const list = Array.isArray(body.hazards) ? body.hazards : [];
  const hazards = list.flatMap((entry: unknown) => {
    const hazard = entry as Body | null;
    if (!hazard || typeof hazard !== 'object' || typeof hazard.status !== 'string') return [];
    // The status tables name every status (no zod here: this runs in the home screen's first chunk).
    if (!Object.hasOwn(HAZARD_STATUS_CLOCK, hazard.status)) return [];
    const deadline =
      typeof hazard.deadline === 'string' && isValidDay(hazard.deadline) ? hazard.deadline : undefined;
    return [{ status: hazard.status as HazardStatus, deadline }];
  });
  const inspection = { status: str(body, 'status'), hazards };
  return (now) => isInspectionOverdue(inspection, now);
}

function disputeOverdue(body: Body): Overdue {
  const status = str(body, 'status');
  const registered = new Date(str(body, 'registeredAt'));
  if (!Object.hasOwn(DISPUTE_STATUS_PHASE, status) || Number.isNaN(registered.getTime())) {
    return never;
  }
  const list = (key: string): unknown[] => (Array.isArray(body[key]) ? (body[key] as unknown[]) : []);
  const agreement = body.agreement as { performanceDeadline?: unknown } | undefined;
  const performBy = agreement?.performanceDeadline;
  const facts = {
    status: status as DisputeStatus,
    registeredAt: registered.toISOString(),
    flowLogs: list('flowLogs') as { action: string; at: string }[],
    extensions: list('extensions') as DueDateExtension[],
    followUps: list('followUps'),
    ...(typeof performBy === 'string' &&
      isValidDay(performBy) && { agreement: { performanceDeadline: performBy } }),
  };
  return (now) => isDisputeOverdue(facts, now);
}

/** Which fields each known kind searches, and when it is overdue. Unknown kinds get `generic`. */
function kindFacets(kind: string, body: Body): { text: string[]; overdue: Overdue } {
  switch (kind) {
    case 'patrol': {
      const types = Array.isArray(body.patrolTypes) ? body.patrolTypes : [];
      return {
        text: [...types.map((type) => label('patrolType', String(type))), str(body, 'content')],
        overdue: never,
      };
    }
    case 'rentalHouse':
      return {
        text: [
          str(body, 'address'),
          str(body, 'landlordName'),
          str(body, 'managerName'),
          ...names(body, 'tenants'),
        ],
        overdue: never,
      };
    case 'rentalInspection': {
      return {
        text: [str(body, 'address'), str(body, 'landlordName'), str(body, 'remarks')],
        overdue: inspectionOverdue(body),
      };
    }
    case 'dispute':
      return { text: disputeText(body), overdue: disputeOverdue(body) };
    default:
      return {
        text: ['title', 'address', 'name', 'place', 'content', 'summary'].map((key) => str(body, key)),
        overdue: never,
      };
  }
}

function disputeText(body: Body): string[] {
  return [str(body, 'title'), str(body, 'place'), ...names(body, 'parties'), str(body, 'summary')];
}

/** The facets of one stored row. */
export function recordFacets(row: LocalRecord): RecordFacets {
  const record = row.record as { body?: unknown };
  const body: Body = record.body && typeof record.body === 'object' ? (record.body as Body) : {};
  const { text, overdue } = kindFacets(row.kind, body);
  const updatedMs = Date.parse(row.updatedAt);
  return {
    row,
    kind: row.kind,
    status: str(body, 'status'),
    gridId: row.gridId,
    updatedMs: Number.isNaN(updatedMs) ? 0 : updatedMs,
    updatedDay: Number.isNaN(updatedMs) ? '' : localDayOf(new Date(updatedMs)),
    text: text.filter(Boolean).join('\n').replace(LONG_NUMBER, ' ').toLowerCase(),
    overdue,
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
