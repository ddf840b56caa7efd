/**
 * 警务关注: what the community police are told of (issue 13 §1; DOMAIN.md §2.4 and [S21], the
 * police–grid two-way flow), derived from the records on their device — nothing is stored:
 *
 *   dispute still unresolved whose 研判 says the police are told ─→ disputeRisk
 *     (risk-rules.ts notifyPolice: 人民调解法 第25条, may turn criminal)
 *   dispute 移交 to the 派出所 and waiting for its feedback ───────→ disputeReferred
 *   上报事件 dispatched (交办) to a 派出所 that holds it now ──────→ eventAtStation
 *     (event-access.ts holdingDepartment; the department type is the street's list)
 *
 * Who gets the card is access-rules.ts receivesPoliceNotices. Longest waiting first.
 */
import type { Department } from './departments';
import { disputeRiskFactsFrom } from './dispute-actions';
import { DISPUTE_STATUS_PHASE, isUnresolved } from './dispute-status';
import { holdingDepartment } from './event-access';
import type { DisputeRecord, GridEventRecord, GridRecord } from './record-envelope';
import { assessDisputeRisk } from './risk-rules';

export const POLICE_NOTICE_KINDS = ['disputeRisk', 'disputeReferred', 'eventAtStation'] as const;
export type PoliceNoticeKind = (typeof POLICE_NOTICE_KINDS)[number];

export interface PoliceNotice {
  kind: PoliceNoticeKind;
  recordId: string;
  /** When the record came in (registered or reported): the card's order and its "n 天前". */
  since: string;
}

function disputeNotice(record: DisputeRecord, now: Date): PoliceNoticeKind | undefined {
  const body = record.body;
  if (DISPUTE_STATUS_PHASE[body.status] === 'handedOver')
    return body.referredTo === 'policeStation' ? 'disputeReferred' : undefined;
  if (!isUnresolved(body.status)) return undefined;
  return assessDisputeRisk(disputeRiskFactsFrom(body, now)).notifyPolice ? 'disputeRisk' : undefined;
}

function eventNotice(record: GridEventRecord, stations: ReadonlySet<string>): PoliceNoticeKind | undefined {
  const department = holdingDepartment(record.body);
  return department !== undefined && stations.has(department) ? 'eventAtStation' : undefined;
}

/** The notices for the police among `records`; `departments`: the 职能部门 of the user's streets. */
export function policeNotices(
  records: readonly GridRecord[],
  departments: readonly Department[],
  now: Date,
): PoliceNotice[] {
  const stations = new Set(departments.filter((d) => d.type === 'police').map((d) => d.id));
  const notices: PoliceNotice[] = [];
  for (const record of records) {
    if (record.deleted) continue;
    if (record.kind === 'dispute') {
      const kind = disputeNotice(record, now);
      if (kind) notices.push({ kind, recordId: record.id, since: record.body.registeredAt });
    } else if (record.kind === 'gridEvent') {
      const kind = eventNotice(record, stations);
      if (kind) notices.push({ kind, recordId: record.id, since: record.body.reportedAt });
    }
  }
  // By instant: devices write their own offset (+08:00 or Z), so the strings do not sort.
  return notices.sort(
    (a, b) => Date.parse(a.since) - Date.parse(b.since) || a.recordId.localeCompare(b.recordId),
  );
}
