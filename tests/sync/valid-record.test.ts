/**
 * A record is checked once on its way from a form or a workflow step into the outbox (issue 11):
 * the form's check (checkRecord) is the one the outbox relies on. Before, the form parsed the body,
 * then saveRecord / saveEdit parsed the whole record again a few calls later.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordSchema } from '../../src/domain/record-envelope';
import { closeLocalDbs, openLocalDb } from '../../src/sync/local-db';
import { saveEdit, saveRecord, saveValidRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { checkRecord, validRecord } from '../../src/sync/valid-record';
import { samplePatrol } from '../support/sample-records';

let n = 0;
const freshDb = () => openLocalDb(`valid-record-${++n}-${Date.now()}`);
const patrol = () =>
  newRecord('patrol', {
    gridId: 'g1',
    body: samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body,
    userId: 'u1',
    now: new Date('2026-11-20T01:00:00Z'),
  });

afterEach(() => {
  vi.restoreAllMocks();
  return closeLocalDbs();
});

describe('one check per record on the device', () => {
  it('checkRecord names the fields of a bad record and passes a good one as parsed', () => {
    const bad = patrol();
    bad.body.content = '';
    expect(checkRecord(bad)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ path: 'body.content' })],
    });
    const good = checkRecord(patrol());
    expect(good.ok && good.record.body.content).toBe(patrol().body.content);
  });

  it('a new record checked by its form is stored without a second check', async () => {
    const db = freshDb();
    const checked = validRecord(patrol());
    const parse = vi.spyOn(recordSchema, 'safeParse');
    await saveValidRecord(db, checked);
    expect(parse).not.toHaveBeenCalled();
    expect((await db.records.get(checked.id))?.record).toEqual(checked);
  });

  it('an edit checked by its form, of a record nothing reached since it was opened, is not checked again', async () => {
    const db = freshDb();
    const opened = patrol();
    await saveRecord(db, opened);
    const edited = validRecord(
      editRecord(opened, { body: { ...opened.body, content: '改过的日志' }, userId: 'u1', now: new Date() }),
    );
    const parse = vi.spyOn(recordSchema, 'safeParse');
    await saveEdit(db, opened, edited);
    expect(parse).not.toHaveBeenCalled();
    expect((await db.records.get(opened.id))?.record.body).toMatchObject({ content: '改过的日志' });
  });

  it('an edit merged onto the device’s own later write is checked, once, as merged', async () => {
    const db = freshDb();
    const opened = patrol();
    await saveRecord(db, opened);
    // The device wrote the record again after the form opened it (e.g. 结束巡查).
    await saveRecord(
      db,
      editRecord(opened, { body: { ...opened.body, weather: '雨' }, userId: 'u1', now: new Date() }),
    );
    const edited = validRecord(
      editRecord(opened, { body: { ...opened.body, content: '改过的日志' }, userId: 'u1', now: new Date() }),
    );
    const parse = vi.spyOn(recordSchema, 'safeParse');
    await saveEdit(db, opened, edited);
    expect(parse).toHaveBeenCalledTimes(1);
    expect((await db.records.get(opened.id))?.record.body).toMatchObject({
      content: '改过的日志',
      weather: '雨',
    });
  });

  it('saveRecord, for writes with no form, still refuses a bad record', async () => {
    const db = freshDb();
    const bad = patrol();
    bad.body.content = '';
    await expect(saveRecord(db, bad)).rejects.toThrow('body.content');
    expect(await db.records.count()).toBe(0);
  });
});
