import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMA_VERSION, recordSchema } from '../../src/domain/record-envelope';
import { upcastRecord } from '../../src/domain/record-upcast';
import { closeLocalDbs, LocalDb, localDbName } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { newRecord } from '../../src/sync/record-factory';
import { samplePatrol } from '../support/sample-records';

/** The device database exactly as version 1 of the app created it. */
class LocalDbVersion1 extends Dexie {
  constructor(userId: string) {
    super(localDbName(userId));
    this.version(1).stores({
      records: 'id, kind, syncState, updatedAt, gridId',
      outbox: 'seq, &id, recordId, state',
      meta: 'key',
      grids: 'id',
    });
  }
}

describe('device database upgrades', () => {
  it('carries pending outbox rows, records and the sync cursor over intact', async () => {
    const userId = `upgrade-${Date.now()}`;
    // A patrol as version 1 of the app saved it: no findings, no anti-fraud figures.
    const {
      findings: _findings,
      selfResolvedCount: _self,
      reportedCount: _reported,
      antiFraud: _antiFraud,
      ...v1Body
    } = samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body;
    const current = newRecord('patrol', {
      gridId: 'dachang-hubin-01',
      body: samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body,
      userId,
      now: new Date('2026-11-20T01:00:00Z'),
    });
    const record = { ...current, schemaVersion: 1, body: v1Body };
    const old = new LocalDbVersion1(userId);
    await old.table('records').put({
      id: record.id,
      kind: record.kind,
      gridId: record.gridId,
      updatedAt: record.updatedAt,
      syncState: 'pending',
      record,
    });
    const mutation = {
      seq: 1,
      id: '0190a5d2-7a3b-7c4d-8e9f-0000000000aa',
      recordId: record.id,
      op: 'upsert',
      baseRev: 0,
      record,
      state: 'pending',
      attempts: 2,
      createdAt: record.createdAt,
    };
    await old.table('outbox').put(mutation);
    await old.table('meta').bulkPut([
      { key: 'cursor', value: '42.deadbeef' },
      { key: 'nextSeq', value: 2 },
    ]);
    old.close();

    const upgraded = new LocalDb(userId);
    expect(upgraded.verno).toBeGreaterThan(1);
    const [row] = await upgraded.records.toArray();
    expect(recordSchema.safeParse(row?.record).success).toBe(true);
    expect(row).toMatchObject({ id: record.id, syncState: 'pending' });
    expect(row?.record).toEqual(upcastRecord(record));
    expect(row?.record.schemaVersion).toBe(RECORD_SCHEMA_VERSION);
    // The queued mutation is the same mutation (id, seq, attempts), its record in today's shape.
    expect(await upgraded.outbox.toArray()).toEqual([{ ...mutation, record: upcastRecord(record) }]);
    expect((await upgraded.meta.get('cursor'))?.value).toBe('42.deadbeef');
    // Version 3 adds the reveal audit queue, empty.
    expect(await upgraded.auditQueue.count()).toBe(0);
    // Version 5 adds the patrol track buffer, empty, and no patrol is running.
    expect(upgraded.verno).toBeGreaterThanOrEqual(5);
    expect(await upgraded.trackPoints.count()).toBe(0);
    expect(await upgraded.meta.get('activePatrolId')).toBeUndefined();
    // Version 7 adds the changes kept for a newer app, none.
    expect(await upgraded.opaqueRecords.count()).toBe(0);

    // The upgraded outbox keeps numbering where it left off.
    await saveRecord(upgraded, { ...current, id: '0190a5d2-7a3b-7c4d-8e9f-0000000000bb' });
    expect((await upgraded.outbox.orderBy('seq').last())?.seq).toBe(2);
    upgraded.close();
    closeLocalDbs();
  });
});
