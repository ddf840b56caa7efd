/**
 * A field only the server writes (a 上报事件's step clock, KindDefinition.serverOwned) is not
 * someone else's content: the server copy of the device's own push differs from what it sent only
 * there, and the device's next save from the form it had open still goes out on the stamped rev
 * and applies, never as a conflict with itself.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { findRecord } from '../../src/server/db/records.repository';
import { closeLocalDbs, foreignRevAfter, sameContent } from '../../src/sync/local-db';
import { saveEdit, saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { validRecord } from '../../src/sync/valid-record';
import { sampleGridEvent } from '../support/sample-records';
import { gridOf, newDevice } from '../support/sync-devices';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let worker: LoginResponse;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  worker = await server.login('hb-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

const CLOCK = {
  stepKey: 'report',
  step: 'accept',
  startedAt: '2026-11-30T02:00:00.000Z',
  warnDay: '2026-12-01',
  yellowDay: '2026-12-01',
  redDay: '2026-12-02',
} as const;

describe('server-owned fields on the device', () => {
  it('leave content the same, and foreignRev where it was, when only they differ', () => {
    const sent = sampleGridEvent('0190a5d2-7a3b-7c4d-8e9f-00000000c001');
    const stamped: GridEventRecord = { ...sent, rev: 1, body: { ...sent.body, clock: CLOCK } };
    expect(sameContent(sent, stamped)).toBe(true);
    expect(foreignRevAfter(undefined, stamped, sent)).toBeUndefined();
    // Anything a person writes still counts.
    const edited: GridEventRecord = { ...stamped, body: { ...stamped.body, description: '又停了两辆' } };
    expect(sameContent(sent, edited)).toBe(false);
    expect(foreignRevAfter(undefined, edited, sent)).toBe(1);
  });

  it('let the device’s next save from its open form apply on the stamped rev', async () => {
    const device = newDevice(worker, server.fetch);
    const body = {
      ...sampleGridEvent('0190a5d2-7a3b-7c4d-8e9f-00000000c002').body,
      reportedBy: worker.user.id,
      reportedAt: new Date().toISOString(),
    };
    const reported = newRecord('gridEvent', {
      gridId: gridOf(worker),
      body,
      userId: worker.user.id,
      now: new Date(),
    });
    await saveRecord(device.db, reported);
    // A form opened on the report as saved; the report goes out and comes back stamped.
    const opened = (await device.db.records.get(reported.id))?.record as GridEventRecord;
    expect((await device.sync()).status).toBe('ok');
    const stamped = await device.db.records.get(reported.id);
    expect(stamped?.record.rev).toBe(1);
    expect(stamped?.record.body).toMatchObject({ clock: { stepKey: 'report' } });
    expect(stamped?.foreignRev).toBeUndefined();

    // The open form saves twice, the same field each time: both are the device's own changes.
    for (const description of ['5栋楼道口电动车6辆', '5栋楼道口电动车8辆']) {
      const edited = editRecord(opened, {
        body: { ...opened.body, description },
        userId: worker.user.id,
        now: new Date(),
      });
      await saveEdit(device.db, opened, validRecord(edited));
      expect((await device.sync()).status).toBe('ok');
    }
    const row = await device.db.records.get(reported.id);
    expect(row?.syncState).toBe('synced');
    expect(await device.db.outbox.count()).toBe(0);
    const onServer = await findRecord(server.db, reported.id);
    expect(onServer?.rev).toBe(3);
    expect(onServer?.body).toMatchObject({ description: '5栋楼道口电动车8辆' });
  });
});
