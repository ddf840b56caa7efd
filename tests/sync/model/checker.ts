/**
 * The model's verdict after healing: nothing lost, nothing duplicated, no silent overwrite.
 * `snapshot` reads the server's tables and every device database; `violations` is pure, so the
 * checker itself can be tested against hand-made snapshots and broken servers.
 *
 * A write is accounted for when a "holder" still carries it or a value that knowingly superseded
 * it (Ledger.supersededBy). Holders are the server's current record and, for the writer's own writes only, its device row when that row shows the user `conflict`
 * or `rejected`. (Another device's conflict copy does not excuse the server losing a write.)
 *
 * A tombstone keeps no personal data, the model's text fields included, so a deleted record is
 * judged by what it held when it was deleted: the audit log's `before` of its last delete. The
 * server applies a delete only at the current rev, so the deleter had seen all of that.
 */
import { isDeepStrictEqual } from 'node:util';
import type { GridRecord } from '../../../src/domain/record-envelope';
import { recordFromRow } from '../../../src/server/db/records.repository';
import { resolveTracks } from '../../../src/server/db/track-store';
import type { LocalRecord, OutboxMutation } from '../../../src/sync/local-db';
import type { Ledger, Write } from './ledger';
import type { World } from './model-world';

export interface DeviceSnapshot {
  name: string;
  scope: ReadonlySet<string>;
  rows: LocalRecord[];
  outbox: OutboxMutation[];
  /** Segment ids of GPS fixes still buffered for a running patrol (not written into it yet). */
  bufferedSegments: ReadonlySet<string>;
}

export interface Snapshot {
  server: ReadonlyMap<string, GridRecord>;
  /** Rows of the server's `mutations` table: one per mutation it applied. */
  mutations: { id: string; clientId: string; seq: number; recordId: string }[];
  /** Audit rows for record writes (all but login/logout): at most one per stored mutation. */
  auditedWrites: number;
  /** Mutations the server three-way merged (audited as `merge`). */
  merges: number;
  devices: DeviceSnapshot[];
  /** Heal rounds needed; undefined when the devices never settled. */
  healRounds: number | undefined;
}

export async function snapshot(world: World): Promise<Snapshot> {
  const db = world.server.db();
  const records = await db.selectFrom('records').selectAll().execute();
  const mutations = await db
    .selectFrom('mutations')
    .select(['id', 'client_id', 'seq', 'record_id'])
    .execute();
  const audited = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const merges = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'merge')
    .executeTakeFirstOrThrow();
  const deletes = await db
    .selectFrom('audit_log')
    .select(['record_id', 'before', 'after'])
    .where('action', '=', 'delete')
    .execute();
  const deletedFrom = new Map<string, { rev: number; before: GridRecord }>();
  // Stored bodies name their track's segments (server/db/track-store.ts): read as the server serves them.
  const befores = await resolveTracks(
    db,
    deletes.map((row) => JSON.parse(row.before ?? 'null') as GridRecord | null),
  );
  for (const [i, row] of deletes.entries()) {
    const after = JSON.parse(row.after ?? 'null') as GridRecord | null;
    const before = befores[i] ?? null;
    if (!row.record_id || !after || !before) continue;
    if ((deletedFrom.get(row.record_id)?.rev ?? -1) < after.rev) {
      deletedFrom.set(row.record_id, { rev: after.rev, before });
    }
  }
  const served = new Map((await resolveTracks(db, records.map(recordFromRow))).map((r) => [r.id, r]));
  const serverRecord = (row: (typeof records)[number]): GridRecord => {
    const record = served.get(row.id) as GridRecord;
    const before = record.deleted ? deletedFrom.get(record.id)?.before : undefined;
    return before ? ({ ...record, body: before.body } as GridRecord) : record;
  };
  return {
    server: new Map(records.map((row) => [row.id, serverRecord(row)])),
    mutations: mutations.map((m) => ({
      id: m.id,
      clientId: m.client_id,
      seq: Number(m.seq),
      recordId: m.record_id,
    })),
    auditedWrites: Number(audited.n),
    merges: Number(merges.n),
    devices: await Promise.all(
      world.devices.map(async (device) => ({
        name: device.name,
        scope: new Set(device.session.user.scope.gridIds),
        rows: await device.db.records.toArray(),
        outbox: await device.db.outbox.toArray(),
        bufferedSegments: new Set((await device.db.trackPoints.toArray()).map((p) => p.segmentId)),
      })),
    ),
    healRounds: world.healRounds,
  };
}

/** Every broken promise, as a sentence; empty when the scenario kept them all. */
export function violations(ledger: Ledger, snap: Snapshot): string[] {
  const found: string[] = [];
  if (snap.healRounds === undefined) found.push('devices did not settle after healing');
  const surfaced = surfacedRows(snap, found);
  for (const write of ledger.writes.values()) {
    if (ledger.discarded.has(write.recordId)) continue;
    const ownSurfaced = surfaced.get(`${write.device}/${write.recordId}`);
    const holders = [snap.server.get(write.recordId), ownSurfaced];
    // Writes the writer itself then deleted the record over are kept by that delete.
    const keptBy = ledger.laterOwnDelete(write) ?? write;
    // A fix of a patrol still running is kept in its writer's buffer until 结束巡查.
    const buffered =
      write.field === 'track' &&
      snap.devices.some((d) => d.name === write.device && d.bufferedSegments.has(write.marker));
    if (!buffered && !holders.some((holder) => holder && holds(ledger, holder, keptBy))) {
      const server = snap.server.get(write.recordId);
      found.push(
        `lost ${write.field} write ${write.marker} on ${write.recordId}: server has ${
          server ? describe(server, write) : 'no record'
        }, ${ownSurfaced ? `its ${write.device} conflict copy lacks it` : `${write.device} does not surface it`}`,
      );
    }
  }
  duplicates(ledger, snap, found);
  agreement(snap, found);
  singleWriterConflicts(ledger, snap, found);
  return found;
}

/**
 * A record only one device ever wrote (made, edited, deleted, tracked) never shows that device a
 * conflict: its own earlier writes are never the other side.
 */
function singleWriterConflicts(ledger: Ledger, snap: Snapshot, found: string[]): void {
  const writers = new Map<string, Set<string>>();
  const wroteTo = (recordId: string, device: string) =>
    writers.set(recordId, new Set([...(writers.get(recordId) ?? []), device]));
  for (const created of ledger.created) wroteTo(created.recordId, created.device);
  for (const write of ledger.writes.values()) wroteTo(write.recordId, write.device);
  for (const write of ledger.unmarked) wroteTo(write.recordId, write.device);
  for (const device of snap.devices) {
    for (const m of device.outbox) {
      const only = writers.get(m.recordId);
      if (m.state === 'conflict' && only?.size === 1 && only.has(device.name)) {
        found.push(`${device.name}: false conflict on ${m.recordId}, which only ${device.name} ever wrote`);
      }
    }
  }
}

/**
 * Records each device surfaces as conflict/rejected, by `<device>/<record id>`; checks that row
 * state and outbox tell the same.
 */
function surfacedRows(snap: Snapshot, found: string[]): Map<string, GridRecord> {
  const surfaced = new Map<string, GridRecord>();
  for (const device of snap.devices) {
    for (const row of device.rows) {
      const mutations = device.outbox.filter((m) => m.recordId === row.id);
      const states = new Set(mutations.map((m) => m.state));
      if (row.syncState === 'conflict' || row.syncState === 'rejected') {
        if (!states.has(row.syncState)) {
          found.push(`${device.name}: ${row.id} shows ${row.syncState} but its outbox has no such mutation`);
          continue;
        }
        surfaced.set(`${device.name}/${row.id}`, row.record);
      } else if (states.has('conflict') || states.has('rejected')) {
        found.push(`${device.name}: ${row.id} shows ${row.syncState} over a ${[...states]} outbox`);
      }
    }
    for (const m of device.outbox) {
      const blocked = device.outbox.some((o) => o.recordId === m.recordId && o.state !== 'pending');
      if (m.state === 'pending' && !blocked) {
        found.push(`${device.name}: mutation seq ${m.seq} on ${m.recordId} still pending after healing`);
      }
      if (!device.rows.some((row) => row.id === m.recordId)) {
        found.push(`${device.name}: outbox seq ${m.seq} names ${m.recordId}, which the device lost`);
      }
    }
  }
  return surfaced;
}

function holds(ledger: Ledger, holder: GridRecord, write: Write): boolean {
  const body = holder.body as Record<string, unknown>;
  if (write.field === 'deleted') return holder.deleted;
  if (write.field === 'party') {
    const parties = (body.parties ?? []) as { name: string }[];
    return parties.some((p) => p.name === write.marker);
  }
  if (write.field === 'track') {
    const segments = (body.track ?? []) as { id: string }[];
    return segments.some((segment) => segment.id === write.marker);
  }
  return ledger.supersededBy(body[write.field]).has(write.marker);
}

function describe(record: GridRecord, write: Write): string {
  const body = record.body as Record<string, unknown>;
  const value =
    write.field === 'deleted'
      ? `deleted=${record.deleted}`
      : write.field === 'party'
        ? `parties=${((body.parties ?? []) as { name: string }[]).map((p) => p.name)}`
        : `${write.field}=${String(body[write.field])}`;
  return `rev ${record.rev} ${value}${record.deleted ? ' (tombstone)' : ''}`;
}

function duplicates(ledger: Ledger, snap: Snapshot, found: string[]): void {
  const bodies = [...snap.server.values()].map((r) => ({ id: r.id, text: JSON.stringify(r.body) }));
  for (const write of ledger.writes.values()) {
    if (write.field === 'deleted' || write.field === 'track') continue;
    const copies = bodies.filter((b) => b.text.includes(`"${write.marker}"`));
    if (copies.length > 1) {
      found.push(`${write.marker} is in ${copies.length} server records: ${copies.map((c) => c.id)}`);
    }
  }
  for (const created of ledger.created) {
    const onServer = snap.server.has(created.recordId);
    if (ledger.discarded.has(created.recordId) && onServer) {
      found.push(`${created.recordId} was discarded before it was ever sent, yet the server has it`);
    }
    if (created.outOfScope && onServer) found.push(`out-of-scope ${created.recordId} reached the server`);
  }
  const bySeq = new Map<string, number>();
  for (const m of snap.mutations) {
    const key = `${m.clientId}#${m.seq}`;
    bySeq.set(key, (bySeq.get(key) ?? 0) + 1);
  }
  for (const [key, count] of bySeq) {
    if (count > 1) found.push(`client seq ${key} applied ${count} times`);
  }
  // A delete acknowledged on a tombstone stores its result without a new revision or audit row.
  if (snap.auditedWrites > snap.mutations.length) {
    found.push(
      `${snap.auditedWrites} record writes audited but only ${snap.mutations.length} mutations stored`,
    );
  }
}

/** A device with nothing queued for a record holds exactly the server's current version of it. */
function agreement(snap: Snapshot, found: string[]): void {
  for (const device of snap.devices) {
    const queued = new Set(device.outbox.map((m) => m.recordId));
    const rows = new Map(device.rows.map((row) => [row.id, row]));
    for (const row of device.rows) {
      if (queued.has(row.id)) continue;
      const server = snap.server.get(row.id);
      if (!server || server.deleted) {
        found.push(
          `${device.name}: holds ${row.syncState} ${row.id} (rev ${row.record.rev}) the server ${
            server ? 'deleted' : 'does not have'
          }`,
        );
      } else if (row.syncState !== 'synced' || !isDeepStrictEqual(row.record, server)) {
        found.push(
          `${device.name}: ${row.syncState} ${row.id} rev ${row.record.rev} differs from the server's rev ${server.rev}`,
        );
      }
    }
    for (const record of snap.server.values()) {
      if (record.deleted || !device.scope.has(record.gridId) || queued.has(record.id)) continue;
      if (!rows.has(record.id)) found.push(`${device.name}: never received ${record.id} (rev ${record.rev})`);
    }
  }
}
