import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { executeInsert } from './compiled-inserts';
import type { Database } from './schema';
import { chunks, rowsPerStatement } from './statement-chunks';
import { packedEnvelopeText, resolveTracks, storeTrackSegments, type TrackSegments } from './track-store';

/**
 * `reveal`: a masked value shown in full on a device (domain/reveal.ts), reported by a later sync.
 * `merge`: a stale push merged with the server's record; `restore`: an edit of a tombstone at its
 * rev; `admin.*`: an account change by the admin CLI (the user id is then `cli:<os user>`);
 * `serve`: one pull page sent these records, in full, to this user's device (DOMAIN.md §6.2 item 5:
 * reads of unmasked data are traceable).
 * `device.wiped`: a device reported that it deleted the user's local data (remote wipe).
 * `supervise`: a 黄牌 or 红牌 the server's supervision issued on an event (user `system:supervision`).
 * `export`: one export (export-route.ts), its id the export id; `after` holds what was asked and
 * how it ended (ExportAuditDetails).
 */
export type AuditAction =
  | 'create'
  | 'update'
  | 'merge'
  | 'delete'
  | 'restore'
  | 'login'
  | 'logout'
  | 'admin.createUser'
  | 'admin.assign'
  | 'admin.resetPassword'
  | 'admin.revokeSessions'
  | 'admin.setThresholds'
  | 'admin.setEventLimits'
  | 'admin.addEventSubcategory'
  | 'admin.removeEventSubcategory'
  | 'admin.loadCalendar'
  | 'admin.pruneAudit'
  | 'admin.simplifyTracks'
  | 'device.wiped'
  | 'supervise'
  | 'reveal'
  | 'serve'
  | 'export';

export interface AuditEntry {
  at: string;
  userId: string;
  action: AuditAction;
  clientId?: string;
  recordId?: string;
  kind?: string;
  before?: unknown;
  after?: unknown;
  /** Whether the change was made offline; unknown (null) until devices report it. */
  offline?: boolean;
}

export async function insertAuditEntry(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await insertAuditEntries(db, [entry]);
}

/** Appends several entries (call inside a transaction when they belong together). */
export async function insertAuditEntries(
  db: Kysely<Database>,
  entries: readonly AuditEntry[],
): Promise<void> {
  // A record's before and after name its track segments (track-store.ts), kept at the entry's time.
  const byTime = new Map<string, TrackSegments>();
  const rows = entries.map((entry) => {
    const segments = byTime.get(entry.at) ?? new Map();
    byTime.set(entry.at, segments);
    return auditRow(entry, segments);
  });
  for (const [at, segments] of byTime) await storeTrackSegments(db, segments, at);
  for (const chunk of chunks(rows, rowsPerStatement(AUDIT_ENTRY_COLUMNS))) {
    await executeInsert(db, 'audit_log', chunk, (values) => db.insertInto('audit_log').values([...values]));
  }
}

const AUDIT_ENTRY_COLUMNS = 10;

function auditRow(entry: AuditEntry, segments: TrackSegments) {
  return {
    id: randomUUID(),
    at: entry.at,
    user_id: entry.userId,
    client_id: entry.clientId ?? null,
    action: entry.action,
    record_id: entry.recordId ?? null,
    kind: entry.kind ?? null,
    before: entry.before === undefined ? null : packedEnvelopeText(entry.before, segments),
    after: entry.after === undefined ? null : packedEnvelopeText(entry.after, segments),
    offline: entry.offline === undefined ? null : Number(entry.offline),
  };
}

/** One audited reveal; `id` is the device's entry id, which makes the write idempotent. */
export interface RevealAuditEntry {
  id: string;
  /** When the server received it. */
  at: string;
  deviceAt: string;
  userId: string;
  clientId: string;
  recordId: string;
  kind: string;
  field: string;
  reason: string;
  reasonNote?: string | undefined;
  offline: boolean;
}

/** Appends a reveal row unless its id is taken already; answers whether it was written. */
export async function insertRevealAuditEntry(
  db: Kysely<Database>,
  entry: RevealAuditEntry,
): Promise<boolean> {
  const result = await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      at: entry.at,
      user_id: entry.userId,
      client_id: entry.clientId,
      action: 'reveal' satisfies AuditAction,
      record_id: entry.recordId,
      kind: entry.kind,
      offline: Number(entry.offline),
      field: entry.field,
      reason: entry.reason,
      reason_note: entry.reasonNote ?? null,
      device_at: entry.deviceAt,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Appends the audit row of one pull page: who was sent which records, on which device, when. */
export async function insertServedAuditEntry(
  db: Kysely<Database>,
  entry: { at: string; userId: string; clientId: string; recordIds: readonly string[] },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: entry.at,
      user_id: entry.userId,
      client_id: entry.clientId,
      action: 'serve' satisfies AuditAction,
      record_ids: JSON.stringify(entry.recordIds),
    })
    .execute();
}

/** Who wrote the audit row `id` and what it records, if it exists. */
export async function findAuditOwner(
  db: Kysely<Database>,
  id: string,
): Promise<{ userId: string; action: string } | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select(['user_id', 'action'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { userId: row.user_id, action: row.action };
}

/** One entry of a record's history, as an admin reads it. */
export interface RecordHistoryEntry {
  at: string;
  action: string;
  userId: string;
  username: string | null;
  clientId: string | null;
  offline: boolean | null;
  before: unknown;
  after: unknown;
  field: string | null;
  reason: string | null;
  reasonNote: string | null;
  /** `serve`: how many records the page held. */
  servedCount: number | null;
}

/**
 * Everything the audit log holds about one record, oldest first: changes, merges, reveals, and
 * the pull pages that served it (found in their id lists: record ids are uuids, so the quoted id
 * matches nothing else).
 */
export async function findRecordHistory(
  db: Kysely<Database>,
  recordId: string,
): Promise<RecordHistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.at',
      'audit_log.action',
      'audit_log.user_id',
      'users.username',
      'audit_log.client_id',
      'audit_log.offline',
      'audit_log.before',
      'audit_log.after',
      'audit_log.field',
      'audit_log.reason',
      'audit_log.reason_note',
      'audit_log.record_ids',
    ])
    .where((eb) =>
      eb.or([
        eb('audit_log.record_id', '=', recordId),
        eb.and([
          eb('audit_log.action', '=', 'serve' satisfies AuditAction),
          eb('audit_log.record_ids', 'like', `%"${recordId}"%`),
        ]),
      ]),
    )
    .orderBy('audit_log.at')
    .orderBy('audit_log.id')
    .execute();
  const befores = await resolveTracks(
    db,
    rows.map((row) => (row.before === null ? null : (JSON.parse(row.before) as unknown))),
  );
  const afters = await resolveTracks(
    db,
    rows.map((row) => (row.after === null ? null : (JSON.parse(row.after) as unknown))),
  );
  return rows.map((row, i) => ({
    at: row.at,
    action: row.action,
    userId: row.user_id,
    username: row.username ?? null,
    clientId: row.client_id,
    offline: row.offline === null ? null : Number(row.offline) === 1,
    before: befores[i] ?? null,
    after: afters[i] ?? null,
    field: row.field,
    reason: row.reason,
    reasonNote: row.reason_note,
    servedCount: row.record_ids === null ? null : (JSON.parse(row.record_ids) as unknown[]).length,
  }));
}

/** How an export stands: written `started` before the first row, then `completed` or `failed`. */
export type ExportOutcome = 'started' | 'completed' | 'failed';

/** What an export's audit row keeps in `after`. */
export interface ExportAuditDetails {
  format: string;
  filter: Record<string, unknown>;
  masked: boolean;
  outcome: ExportOutcome;
  /** Rows written to the file so far (all of them once `completed`). */
  rows: number;
}

/** One export as the audit log holds it. */
export interface ExportAuditEntry {
  id: string;
  at: string;
  userId: string;
  kind: string;
  reason?: string | undefined;
  reasonNote?: string | undefined;
  details: ExportAuditDetails;
}

/** Writes an export's row as it starts, so an export that never finishes still shows what was asked. */
export async function insertExportAuditEntry(db: Kysely<Database>, entry: ExportAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      at: entry.at,
      user_id: entry.userId,
      action: 'export' satisfies AuditAction,
      kind: entry.kind,
      reason: entry.reason ?? null,
      reason_note: entry.reasonNote ?? null,
      after: JSON.stringify(entry.details),
    })
    .execute();
}

/**
 * Settles the export's one row: how it ended and how many rows it wrote. The only update of an
 * audit row anywhere, and only of a `started` export's own outcome: one export stays one row.
 */
export async function finishExportAuditEntry(
  db: Kysely<Database>,
  id: string,
  details: ExportAuditDetails,
): Promise<void> {
  await db
    .updateTable('audit_log')
    .set({ after: JSON.stringify(details) })
    .where('id', '=', id)
    .where('action', '=', 'export' satisfies AuditAction)
    // Once: a settled export's row is never changed again.
    .where('after', 'like', '%"outcome":"started"%')
    .execute();
}

/** One export for the admin listing, with the exporter's username. */
export interface ExportListEntry extends ExportAuditEntry {
  username: string | null;
}

/** The export rows, newest first. */
export async function listExportAuditEntries(
  db: Kysely<Database>,
  limit: number,
): Promise<ExportListEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'users.username',
      'audit_log.kind',
      'audit_log.reason',
      'audit_log.reason_note',
      'audit_log.after',
    ])
    .where('audit_log.action', '=', 'export' satisfies AuditAction)
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username ?? null,
    kind: row.kind ?? '',
    reason: row.reason ?? undefined,
    reasonNote: row.reason_note ?? undefined,
    details: JSON.parse(row.after ?? '{}') as ExportAuditDetails,
  }));
}
