/**
 * The device database: one Dexie database per signed-in user (`gridkeeper-u-<userId>`), so two
 * people sharing a phone never see each other's records. Versions are numbered; an upgrade must
 * carry pending outbox rows over intact.
 */

import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { FigurePeriod } from '../domain/area-figures';
import type { ChangeEnvelope } from '../domain/change-envelope';
import type { Department } from '../domain/departments';
import type { StreetSubcategory } from '../domain/event-categories';
import { serverOwnedFields } from '../domain/kinds';
import { deepEqual } from '../domain/merge';
import type { TrackPoint } from '../domain/patrol';
import type { ErrorBody } from '../domain/protocol';
import type { GridRecord } from '../domain/record-envelope';
import type { RecordKind } from '../domain/record-kinds';
import type { RevealEntry } from '../domain/reveal';
import { type StreetThresholds, streetThresholds } from '../domain/street-thresholds';
import { upcastV1ToV2 } from '../domain/upcasts/v1-to-v2';
import { upcastV2ToV3 } from '../domain/upcasts/v2-to-v3';

/** Where a record stands with the server, as shown on every record. */
export type SyncState = 'pending' | 'synced' | 'conflict' | 'rejected';

/** A record as the device keeps it: what the user sees, plus the server's copy it was edited from. */
export interface LocalRecord {
  id: string;
  kind: RecordKind;
  gridId: string;
  updatedAt: string;
  syncState: SyncState;
  /** The user-visible version (includes unsynced local edits). */
  record: GridRecord;
  /** The last version the server confirmed; absent for a record never synced. */
  base?: GridRecord;
  /** The server's version when a push came back as `conflict`. */
  theirs?: GridRecord;
  /** Why the server rejected the last push of this record. */
  error?: ErrorBody;
  /**
   * The server rev at which content from someone else (another person or device) last entered
   * `record`: a pull, a merged push, a conflict resolved. An edit opened at an older rev may have
   * met that content; one opened at this rev or later met only the device's own writes (saveEdit).
   */
  foreignRev?: number;
}

/** One queued change, written in the same transaction as the record it changes. */
export interface OutboxMutation {
  /** Per-client monotonic sequence (the wire `seq`). */
  seq: number;
  /** Mutation id (uuid): the server's idempotency key. */
  id: string;
  recordId: string;
  op: 'upsert' | 'delete';
  baseRev: number;
  record: GridRecord;
  /** `pending` until acknowledged; `conflict`/`rejected` stay until the user acts. */
  state: 'pending' | 'conflict' | 'rejected';
  /** Times sent. Once sent, a mutation is frozen: later edits queue a new mutation. */
  attempts: number;
  createdAt: string;
  lastError?: string;
  /** Saved while the device had no network (reported to the server's audit log). */
  offline?: boolean;
}

/**
 * Why the last sync pass failed, for the badge and the sync screen. `message` is the raw (English)
 * detail for whoever helps the worker. `protocol`: an answer this app cannot read; `device`: the
 * phone itself failed (storage).
 */
export interface SyncErrorInfo {
  at: string;
  kind: 'offline' | 'server' | 'unauthorized' | 'protocol' | 'device';
  message: string;
}

/** Ids of pulled records that break this app's record schema (an older server's or a newer app's). */
export interface UnreadableRecords {
  ids: string[];
}

/**
 * A pulled change of a kind, or a body version, only a newer app knows (change-envelope.ts), kept
 * whole as the server sent it. Not a record: no list, map, count or search reads this table. Once
 * the app updates and can read it, it becomes a record without a re-pull (pull.ts).
 */
export interface OpaqueRecord {
  id: string;
  change: ChangeEnvelope;
}

/** Sync bookkeeping, one row per key. */
export interface MetaRow {
  key:
    | 'clientId'
    | 'cursor'
    | 'lastSyncAt'
    | 'lastSyncError'
    | 'syncErrorLog'
    | 'ackedSeq'
    | 'nextSeq'
    | 'activePatrolId'
    | 'unreadableRecords'
    | 'calendarYears'
    | `figures:${FigurePeriod}`
    | `figures:${FigurePeriod}:${string}`;
  /**
   * `syncErrorLog` holds the most recent failures, newest first. `activePatrolId`: the patrol running
   * on this device (巡查中), so a killed tab reopens into it. `unreadableRecords`: the pulled
   * records this app cannot read (pull.ts), until a readable version of each arrives.
   * `calendarYears`: JSON of the holiday schedules an admin loaded on the server (grids-client.ts),
   * checked before they were kept. `figures:<period>` (and `figures:<period>:<org>`, a part of the
   * area): JSON of the last area figures the server sent a supervisor (figures-client.ts), shown
   * offline with their time.
   */
  value: string | number | SyncErrorInfo | SyncErrorInfo[] | UnreadableRecords;
}

/** A grid of the user's scope, kept for offline use (names in forms; boundaries for the map). */
export interface LocalGrid {
  id: string;
  name: string;
  communityName: string;
  streetName: string;
  /** GeoJSON geometry of the grid boundary. */
  geometry: unknown;
  /** The checklist thresholds of the grid's street; absent in rows stored before they existed. */
  thresholds?: StreetThresholds;
  /** The 职能部门 of the grid's street, where its events may be dispatched; absent before they existed. */
  departments?: Department[];
  /** The 上报事件 sub-categories the grid's street added; absent in rows stored before they existed. */
  eventSubcategories?: StreetSubcategory[];
}

/**
 * A photo kept on the device, keyed by the sha256 of `bytes`. Bytes, not a Blob: Safari loses or
 * corrupts Blobs stored in IndexedDB (e.g. https://github.com/dexie/Dexie.js/issues/1227,
 * https://bugs.webkit.org/show_bug.cgi?id=292142).
 */
export interface LocalPhoto {
  sha256: string;
  mime: string;
  bytes: ArrayBuffer;
  size: number;
  /** The record the photo was taken for ('' for a copy fetched from the server). */
  recordId: string;
  createdAt: string;
  /** 1 once the server has the bytes (a number: IndexedDB cannot index booleans). */
  uploaded: 0 | 1;
  /** Why the server refused the last upload (the photo stays queued and is retried). */
  lastError?: string;
  /**
   * The server refused these bytes (400/413): sent again they would be refused again, so the photo
   * is not sent any more and the sync panel shows it. Not indexed: no new database version.
   */
  rejected?: ErrorBody;
}

/**
 * An audited reveal waiting to reach the server (domain/reveal.ts). Sent entries are deleted once
 * the server answers recorded or duplicate; a rejected one stays, with the server's reason, for the
 * sync screen, and is not sent again.
 */
export interface QueuedReveal extends RevealEntry {
  state: 'pending' | 'rejected';
  error?: ErrorBody;
}

/** One kept GPS fix of a running patrol (track-recorder.ts), buffered until 结束巡查 writes the track. */
export interface TrackPointRow {
  seq?: number;
  patrolId: string;
  segmentId: string;
  point: TrackPoint;
}

/**
 * An unsaved form, kept while the user types so a killed tab loses nothing (draft-store.ts). Per
 * user because the database is. `state` is the form's own draft as plain JSON.
 */
export interface StoredDraft {
  /** `${kind}:${recordId}`, or `${kind}:new` for a record not made yet. */
  key: string;
  state: unknown;
  gridId: string;
  /** The rev of the record the draft was based on (0 for a new record). */
  baseRev: number;
  /** The record as the form first read it (absent in drafts kept before it was stored). */
  opened?: GridRecord;
  /** Photos taken for the draft that could not be kept (see use-form-draft.ts). */
  droppedPhotos: number;
  updatedAt: string;
}

export class LocalDb extends Dexie {
  records!: EntityTable<LocalRecord, 'id'>;
  outbox!: EntityTable<OutboxMutation, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  grids!: EntityTable<LocalGrid, 'id'>;
  photos!: EntityTable<LocalPhoto, 'sha256'>;
  auditQueue!: EntityTable<QueuedReveal, 'id'>;
  drafts!: EntityTable<StoredDraft, 'key'>;
  trackPoints!: EntityTable<TrackPointRow, 'seq'>;
  opaqueRecords!: EntityTable<OpaqueRecord, 'id'>;

  constructor(userId: string) {
    super(localDbName(userId));
    this.version(1).stores({
      records: 'id, kind, syncState, updatedAt, gridId',
      outbox: 'seq, &id, recordId, state',
      meta: 'key',
      grids: 'id',
    });
    // 2: photos. The other tables carry over unchanged, pending outbox rows included.
    this.version(2).stores({ photos: 'sha256, recordId, uploaded' });
    // 3: record bodies v2 (the frozen step upcasts/v1-to-v2.ts) — the shown record, its server base, a conflict's
    // server copy, and every queued mutation, so pending work is pushed in today's shape.
    this.version(3)
      .stores({})
      .upgrade((tx) => upcastStoredRecords(tx, upcastV1ToV2));
    // 4: the audit queue of reveals. Nothing else changes.
    this.version(4).stores({ auditQueue: 'id, state' });
    // 5: the GPS fixes of a running patrol, one row per kept fix (auto-increment keeps their order),
    // so a killed tab loses no track. Nothing else changes.
    this.version(5).stores({ trackPoints: '++seq, patrolId' });
    // 6: unsaved form drafts. Nothing else changes.
    this.version(6).stores({ drafts: 'key, updatedAt' });
    // 7: pulled changes kept for a newer app (OpaqueRecord). Nothing else changes.
    this.version(7).stores({ opaqueRecords: 'id' });
    // 8: record bodies v3 (the frozen step upcasts/v2-to-v3.ts: signatures on disputes), as in 3.
    this.version(8)
      .stores({})
      .upgrade((tx) => upcastStoredRecords(tx, upcastV2ToV3));
  }
}

/** One frozen upcast step over every stored record copy and every queued mutation (a Dexie upgrade). */
async function upcastStoredRecords(tx: Transaction, step: (record: unknown) => unknown): Promise<void> {
  await tx
    .table<LocalRecord>('records')
    .toCollection()
    .modify((row) => {
      row.record = step(row.record) as GridRecord;
      if (row.base) row.base = step(row.base) as GridRecord;
      if (row.theirs) row.theirs = step(row.theirs) as GridRecord;
    });
  await tx
    .table<OutboxMutation>('outbox')
    .toCollection()
    .modify((mutation) => {
      mutation.record = step(mutation.record) as GridRecord;
    });
}

export function localDbName(userId: string): string {
  return `gridkeeper-u-${userId}`;
}

const openDbs = new Map<string, LocalDb>();

/** The device database of one user, opened once per JS context. */
export function openLocalDb(userId: string): LocalDb {
  let db = openDbs.get(userId);
  if (!db) {
    db = new LocalDb(userId);
    openDbs.set(userId, db);
  }
  return db;
}

/**
 * The device row of a record the server confirmed, with nothing queued. `foreignRev`: see
 * LocalRecord; the caller knows whether the confirmed content is the device's own.
 */
export function syncedRow(record: GridRecord, foreignRev?: number): LocalRecord {
  return {
    id: record.id,
    kind: record.kind,
    gridId: record.gridId,
    updatedAt: record.updatedAt,
    syncState: 'synced',
    record,
    base: record,
    ...(foreignRev !== undefined && { foreignRev }),
  };
}

/**
 * The same grid, body and deletion: what a person wrote, apart from revs, stamps and the body
 * fields only the server writes (a 上报事件's step clock, stamped on the device's own push).
 */
export function sameContent(a: GridRecord, b: GridRecord): boolean {
  return a.gridId === b.gridId && a.deleted === b.deleted && deepEqual(authored(a), authored(b));
}

function authored(record: GridRecord): Readonly<Record<string, unknown>> {
  const owned = serverOwnedFields(record.kind);
  if (owned.length === 0) return record.body;
  return Object.fromEntries(Object.entries(record.body).filter(([field]) => !owned.includes(field)));
}

/** `foreignRev` of a row whose content becomes `incoming`: raised unless it is the device's `own`. */
export function foreignRevAfter(
  row: LocalRecord | undefined,
  incoming: GridRecord,
  own: GridRecord | undefined,
): number | undefined {
  if (own && sameContent(own, incoming)) return row?.foreignRev;
  return incoming.rev;
}

/** Records not yet confirmed by the server (pending, conflict or rejected). */
export function countUnsynced(db: LocalDb): Promise<number> {
  return db.records.where('syncState').anyOf('pending', 'conflict', 'rejected').count();
}

/** The ids of pulled records this app cannot read (pull.ts keeps them), if any were ever kept. */
export async function unreadableIds(db: LocalDb): Promise<string[] | undefined> {
  const row = await db.meta.get('unreadableRecords');
  return row && typeof row.value === 'object' && 'ids' in row.value ? row.value.ids : undefined;
}

/** How many pulled records the app does not show: kept for a newer app (opaque rows) or unreadable. */
export async function countNotShown(db: LocalDb): Promise<number> {
  const [opaque, unreadable] = await Promise.all([db.opaqueRecords.count(), unreadableIds(db)]);
  return opaque + (unreadable?.length ?? 0);
}

/** Closes every database this context opened (tests, sign-out). */
export function closeLocalDbs(): void {
  for (const db of openDbs.values()) db.close();
  openDbs.clear();
}

/** The thresholds in force in a grid's street: what the server sent, else the defaults. */
export async function thresholdsOfGrid(db: LocalDb, gridId: string): Promise<StreetThresholds> {
  return (await db.grids.get(gridId))?.thresholds ?? streetThresholds();
}
