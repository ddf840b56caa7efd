import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import type { PhotosTable } from '../../src/server/photos/photos.repository';
import { closeLocalDbs, type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { type PhotoDraft, photoDraft, storePhotos } from '../../src/sync/photo-store';
import { uploadPhotos } from '../../src/sync/photo-upload';
import { newRecord } from '../../src/sync/record-factory';
import { syncOnce } from '../../src/sync/sync-engine';
import { faultyFetch } from '../support/faulty-fetch';
import { samplePng } from '../support/photo-samples';
import { samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let gridWorker: LoginResponse;
let counter = 0;
let seed = 100;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  gridWorker = await server.login('hb-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

function phone(fetchImpl: typeof fetch = server.fetch) {
  counter += 1;
  const db = openLocalDb(`${gridWorker.user.id}-photo-upload-${counter}`);
  return {
    db,
    sync: () => syncOnce({ db, token: gridWorker.token, fetch: fetchImpl, baseUrl: TEST_BASE_URL }),
  };
}

async function takePhotos(n: number): Promise<PhotoDraft[]> {
  const drafts: PhotoDraft[] = [];
  for (let i = 0; i < n; i++) {
    seed += 1;
    const bytes = samplePng(seed);
    drafts.push(await photoDraft(bytes.buffer, 'image/png'));
  }
  return drafts;
}

/** Saves a patrol that references `drafts`, the photos first, as the form does. */
async function saveWithPhotos(db: LocalDb, drafts: readonly PhotoDraft[]) {
  const body = { ...samplePatrol(randomUUID()).body, photoIds: drafts.map((d) => d.sha256) };
  const record = newRecord('patrol', {
    gridId: gridWorker.user.scope.gridIds[0] ?? '',
    body,
    userId: gridWorker.user.id,
    now: new Date(),
  });
  await storePhotos(db, drafts, record.id, new Date());
  await saveRecord(db, record);
  return record;
}

async function serverPhotos(shas: readonly string[]): Promise<PhotosTable[]> {
  return server.db
    .withTables<{ photos: PhotosTable }>()
    .selectFrom('photos')
    .selectAll()
    .where('sha256', 'in', [...shas])
    .execute();
}

async function uploadedFlags(db: LocalDb, drafts: readonly PhotoDraft[]) {
  return (await db.photos.bulkGet(drafts.map((d) => d.sha256))).map((row) => row?.uploaded);
}

describe('photo upload', () => {
  it('uploads the photos of a record saved offline after the record, and marks them uploaded', async () => {
    const device = phone();
    const drafts = await takePhotos(2);
    const record = await saveWithPhotos(device.db, drafts);
    expect(await device.sync()).toMatchObject({ status: 'ok', pushed: 1 });
    expect(await uploadedFlags(device.db, drafts)).toEqual([1, 1]);
    const stored = await serverPhotos(drafts.map((d) => d.sha256));
    expect(stored).toHaveLength(2);
    expect(stored.every((row) => row.uploaded_by === gridWorker.user.id)).toBe(true);
    const onServer = await server.db
      .selectFrom('records')
      .select('body')
      .where('id', '=', record.id)
      .execute();
    expect(JSON.parse(onServer[0]?.body ?? '{}').photoIds).toEqual(drafts.map((d) => d.sha256));
  });

  it('resumes a pass cut by a network error, and the server has each photo once', async () => {
    const faulty = faultyFetch(server.fetch);
    const device = phone(faulty.fetch);
    const drafts = await takePhotos(3);
    await saveWithPhotos(device.db, drafts);
    // The first photo goes through, the second is cut off with no network.
    faulty.inject('/api/photos/', 'lose-response');
    expect(await device.sync()).toMatchObject({ status: 'offline' });
    faulty.inject('/api/photos/', 'offline');
    // The record was pushed before the photos; the first photo reached the server, its answer was lost.
    expect(await uploadedFlags(device.db, drafts)).toEqual([0, 0, 0]);
    expect(await serverPhotos(drafts.map((d) => d.sha256))).toHaveLength(1);

    expect(await device.sync()).toMatchObject({ status: 'offline' });
    expect(await uploadedFlags(device.db, drafts)).toEqual([0, 0, 0]);

    expect(await device.sync()).toMatchObject({ status: 'ok' });
    expect(await uploadedFlags(device.db, drafts)).toEqual([1, 1, 1]);
    const stored = await serverPhotos(drafts.map((d) => d.sha256));
    expect(stored.map((row) => row.sha256).sort()).toEqual(drafts.map((d) => d.sha256).sort());
    const puts = faulty.delivered.filter((path) => path.startsWith('/api/photos/'));
    // The photo whose answer was lost is sent again and answered 200; nothing is stored twice.
    expect(puts).toHaveLength(4);
    expect(puts.filter((path) => path === puts[0])).toHaveLength(2);
  });

  it('goes on past a photo the server refuses, marks it rejected with the reason and never sends it again', async () => {
    const device = phone();
    const [good, bad] = await takePhotos(2);
    if (!good || !bad) throw new Error('two photos expected');
    // Bytes that do not hash to their id: the server answers 400, and would every time.
    const corrupt: PhotoDraft = { ...bad, bytes: good.bytes };
    await storePhotos(device.db, [corrupt, good], 'record-x', new Date());
    const puts: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'PUT') puts.push(String(input));
      return server.fetch(input, init);
    };
    const deps = { fetch: counting, baseUrl: TEST_BASE_URL };
    const outcome = await uploadPhotos(deps, device.db, gridWorker.token);
    expect(outcome).toEqual({ kind: 'done', uploaded: 1, failed: 0, rejected: 1 });
    expect(await device.db.photos.get(good.sha256)).toMatchObject({ uploaded: 1 });
    expect(await device.db.photos.get(bad.sha256)).toMatchObject({
      uploaded: 0,
      rejected: { code: 'validation', message: 'The body does not match the photo id' },
    });

    const again = await uploadPhotos(deps, device.db, gridWorker.token);
    expect(again).toEqual({ kind: 'done', uploaded: 0, failed: 0 });
    expect(puts.filter((url) => url.endsWith(bad.sha256))).toHaveLength(1);
  });

  it('stops at 401 and keeps every photo queued', async () => {
    const device = phone();
    const drafts = await takePhotos(2);
    await storePhotos(device.db, drafts, 'record-y', new Date());
    const outcome = await uploadPhotos(
      { fetch: server.fetch, baseUrl: TEST_BASE_URL },
      device.db,
      'not-a-valid-session-token-at-all',
    );
    expect(outcome).toMatchObject({ kind: 'failed', result: { status: 401 } });
    expect(await uploadedFlags(device.db, drafts)).toEqual([0, 0]);
    expect(await serverPhotos(drafts.map((d) => d.sha256))).toHaveLength(0);
  });
});
