import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLocalDbs, countUnsynced, openLocalDb } from '../../src/sync/local-db';
import {
  deleteRecord,
  isQuotaError,
  RecordInvalidError,
  StorageFullError,
  saveRecord,
} from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { samplePatrol } from '../support/sample-records';

let userCounter = 0;
function freshDb() {
  userCounter += 1;
  return openLocalDb(`outbox-user-${userCounter}-${Date.now()}`);
}

function patrol() {
  return newRecord('patrol', {
    gridId: 'g1',
    body: samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body,
    userId: 'u1',
    now: new Date('2026-11-20T01:00:00Z'),
  });
}

afterEach(() => closeLocalDbs());

describe('outbox', () => {
  it('writes the record and its mutation together', async () => {
    const db = freshDb();
    const record = await saveRecord(db, patrol());
    const rows = await db.records.toArray();
    const mutations = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.syncState).toBe('pending');
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toMatchObject({
      recordId: record.id,
      op: 'upsert',
      baseRev: 0,
      seq: 1,
      attempts: 0,
    });
    expect(await countUnsynced(db)).toBe(1);
  });

  it('writes nothing for an invalid record and names the field', async () => {
    const db = freshDb();
    const bad = patrol();
    bad.body.content = '';
    const error = await saveRecord(db, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordInvalidError);
    expect((error as RecordInvalidError).issues.map((i) => i.path)).toEqual(['body.content']);
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('folds edits into a mutation that was never sent', async () => {
    const db = freshDb();
    const first = await saveRecord(db, patrol());
    const edited = editRecord(first, {
      body: { ...first.body, content: '改过的内容' } as typeof first.body,
      userId: 'u1',
      now: new Date('2026-11-20T02:00:00Z'),
    });
    await saveRecord(db, edited);
    const mutations = await db.outbox.toArray();
    expect(mutations).toHaveLength(1);
    expect(mutations[0]?.record.body).toMatchObject({ content: '改过的内容' });
  });

  it('queues a new mutation once the previous one has been sent', async () => {
    const db = freshDb();
    const first = await saveRecord(db, patrol());
    await db.outbox.toCollection().modify({ attempts: 1 });
    await saveRecord(db, editRecord(first, { body: first.body, userId: 'u1', now: new Date() }));
    const mutations = await db.outbox.orderBy('seq').toArray();
    expect(mutations.map((m) => [m.seq, m.attempts])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(new Set(mutations.map((m) => m.id)).size).toBe(2);
  });

  it('removes a record the server never saw without queueing a delete', async () => {
    const db = freshDb();
    const record = await saveRecord(db, patrol());
    await deleteRecord(db, record.id, 'u1');
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues a tombstone for a record that was sent', async () => {
    const db = freshDb();
    const record = await saveRecord(db, patrol());
    await db.outbox.toCollection().modify({ attempts: 1 });
    await deleteRecord(db, record.id, 'u1');
    const mutations = await db.outbox.orderBy('seq').toArray();
    expect(mutations.at(-1)).toMatchObject({ op: 'delete', record: { deleted: true } });
    expect((await db.records.get(record.id))?.record.deleted).toBe(true);
  });

  it('keeps separate databases for two users of one phone', async () => {
    const alice = openLocalDb('share-alice');
    const bob = openLocalDb('share-bob');
    await saveRecord(alice, patrol());
    expect(await alice.records.count()).toBe(1);
    expect(await bob.records.count()).toBe(0);
  });

  it('recognises a quota error also when IndexedDB wraps it in an AbortError', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(Object.assign(new DOMException('aborted', 'AbortError'), { inner: quota }))).toBe(
      true,
    );
    expect(isQuotaError(new Error('aborted', { cause: quota }))).toBe(true);
    expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
  });

  it('reports a full device as StorageFullError and writes nothing', async () => {
    const db = freshDb();
    const earlier = await saveRecord(db, patrol());
    const put = db.records.put.bind(db.records);
    db.records.put = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as typeof db.records.put;
    const error = await saveRecord(db, patrol()).catch((e: unknown) => e);
    db.records.put = put;
    expect(error).toBeInstanceOf(StorageFullError);
    expect(await db.records.toArray()).toEqual([expect.objectContaining({ id: earlier.id })]);
    expect(await db.outbox.count()).toBe(1);
  });
});
