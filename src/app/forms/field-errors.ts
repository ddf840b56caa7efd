/**
 * Turns schema issues (from `safeParse` or `RecordInvalidError.issues`, paths like
 * `body.parties.1.name`) into one Chinese message per form field. Messages are written per field,
 * not taken from zod: "请填写房屋地址" helps a grid worker, "Too small: expected string…" does not.
 */
import type { Issue } from '../../domain/protocol';
import type { MessageKey } from '../i18n/zh-cn';

/** Field key (the issue path without `body.`, e.g. `parties.0.phone`) → message key. */
export type FieldErrors = Record<string, MessageKey>;

const BY_FIELD: Record<string, MessageKey> = {
  gridId: 'err.gridId',
  location: 'err.location',
  address: 'err.address',
  landlordName: 'err.landlordName',
  landlordPhone: 'err.phone',
  inspectionType: 'err.inspectionType',
  inspectedAt: 'err.inspectedAt',
  checklist: 'err.checklist',
  overallResult: 'err.overallResult',
  rectificationDeadline: 'err.deadline',
  patrolTypes: 'err.patrolTypes',
  startedAt: 'err.startedAt',
  endedAt: 'err.endedAt',
  householdsVisited: 'err.householdsVisited',
  content: 'err.content',
  title: 'err.title',
  disputeType: 'err.disputeType',
  summary: 'err.summary',
  registeredAt: 'err.registeredAt',
  occurredAt: 'err.occurredAt',
  riskLevel: 'err.riskLevel',
  parties: 'err.parties',
  'parties.*.name': 'err.partyName',
  'parties.*.phone': 'err.phone',
  'parties.*.idNo': 'err.idNo',
};

/** Fields whose sub-paths are reported on the field itself (a bad coordinate is a bad location). */
const WHOLE_FIELDS = new Set(['location', 'patrolTypes']);

function fieldKeyOf(path: string): string {
  const parts = path.replace(/^body\./, '').split('.');
  const head = parts[0] ?? '';
  if (WHOLE_FIELDS.has(head)) return head;
  // Checklist entries are reported on the checklist: the form lists only answered items, so an
  // entry's index in the body is not its row on screen.
  if (head === 'checklist') return 'checklist';
  if (head === 'parties' && parts.length >= 3) return parts.slice(0, 3).join('.');
  return parts.join('.');
}

function messageFor(fieldKey: string, body: unknown): MessageKey {
  if (
    fieldKey === 'overallResult' &&
    (body as { overallResult?: string } | undefined)?.overallResult === 'noHazard'
  ) {
    return 'err.noHazardWithFail';
  }
  return BY_FIELD[fieldKey.replace(/\.\d+\./, '.*.')] ?? 'err.generic';
}

/** One message per field (the first issue wins); `body` disambiguates refinements that share a path. */
export function fieldErrorsFrom(issues: readonly Issue[], body?: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = fieldKeyOf(issue.path);
    errors[key] ??= messageFor(key, body);
  }
  return errors;
}
