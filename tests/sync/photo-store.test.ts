import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/domain/photo';
import type { LoginResponse } from '../../src/domain/protocol';
import { closeLocalDbs, localDbName, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { photoDraft, readPhoto, storePhotos } from '../../src/sync/photo-store';
import { newRecord } from '../../src/sync/record-factory';
import { syncOnce } from '../../src/sync/sync-engine';
import { samplePng, sha256Hex } from '../support/photo-samples';
import { samplePatrol } from '../support/sample-records';
import { startTestServer, TEST_BASE_URL, type TestServer } from '../support/test-server';

let server: TestServer;
let gridWorker: LoginResponse;
let police: LoginResponse;
let otherCommunity: LoginResponse;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer('sqlite', { clock: 'real' });
  gridWorker = await server.login('hb-grid01');
  police = await server.login('hb-police');
  otherCommunity = await server.login('tq-grid01');
});

afterAll(async () => {
  closeLocalDbs();
  await server.close();
});

function freshDb(who: LoginResponse) {
  counter += 1;
  return openLocalDb(`${who.user.id}-photo-store-${counter}`);
}

function pngBuffer(seed: number): ArrayBuffer {
  const bytes = samplePng(seed);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function fetchDeps(who: LoginResponse, fetchImpl: typeof fetch = server.fetch) {
  return { token: who.token, fetch: fetchImpl, baseUrl: TEST_BASE_URL };
}

describe('photo store', () => {
  it('names a photo by the sha256 of its bytes', async () => {
    const bytes = pngBuffer(1);
    const draft = await photoDraft(bytes, 'image/png');
    expect(draft).toMatchObject({ sha256: sha256Hex(new Uint8Array(bytes)), mime: 'image/png' });
  });

  it('refuses a file that is not a JPEG, PNG or WebP image, and one over MAX_PHOTO_BYTES', async () => {
    const text = new TextEncoder().encode('hello').buffer as ArrayBuffer;
    await expect(photoDraft(text, 'text/plain')).rejects.toMatchObject({ reason: 'not-image' });
    await expect(photoDraft(text, 'image/png')).rejects.toMatchObject({ reason: 'not-image' });
    const huge = new Uint8Array(MAX_PHOTO_BYTES + 1);
    huge.set(samplePng(2));
    await expect(photoDraft(huge.buffer, 'image/png')).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('keeps the bytes as an ArrayBuffer that reads back identical, queued for upload', async () => {
    const db = freshDb(gridWorker);
    const draft = await photoDraft(pngBuffer(3), 'image/png');
    await storePhotos(db, [draft], 'record-1', new Date());
    const row = await db.photos.get(draft.sha256);
    expect(row?.bytes).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(row?.bytes ?? new ArrayBuffer(0))).toEqual(new Uint8Array(draft.bytes));
    expect(row).toMatchObject({ mime: 'image/png', uploaded: 0, recordId: 'record-1' });
    expect(row?.size).toBe(draft.bytes.byteLength);
  });

  it('keeps the upload state of a photo added again', async () => {
    const db = freshDb(gridWorker);
    const draft = await photoDraft(pngBuffer(4), 'image/png');
    await storePhotos(db, [draft], 'record-1', new Date());
    await db.photos.update(draft.sha256, { uploaded: 1 });
    await storePhotos(db, [draft], 'record-2', new Date());
    expect(await db.photos.get(draft.sha256)).toMatchObject({ uploaded: 1, recordId: 'record-1' });
  });

  it('fetches a photo it lacks from the server and keeps it for offline use', async () => {
    // The grid worker's phone takes the photo and syncs the record and the photo.
    const phone = freshDb(gridWorker);
    const draft = await photoDraft(pngBuffer(5), 'image/png');
    const body = { ...samplePatrol(randomUUID()).body, photoIds: [draft.sha256] };
    const record = newRecord('patrol', {
      gridId: gridWorker.user.scope.gridIds[0] ?? '',
      body,
      userId: gridWorker.user.id,
      now: new Date(),
    });
    await storePhotos(phone, [draft], record.id, new Date());
    await saveRecord(phone, record);
    expect(await syncOnce({ db: phone, ...fetchDeps(gridWorker) })).toMatchObject({ status: 'ok' });

    const policePhone = freshDb(police);
    const loaded = await readPhoto(fetchDeps(police), policePhone, draft.sha256);
    expect(loaded.kind).toBe('ok');
    expect(new Uint8Array(loaded.kind === 'ok' ? loaded.bytes : new ArrayBuffer(0))).toEqual(
      new Uint8Array(draft.bytes),
    );
    expect(await policePhone.photos.get(draft.sha256)).toMatchObject({ uploaded: 1, mime: 'image/png' });

    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await readPhoto(fetchDeps(police, offline), policePhone, draft.sha256)).kind).toBe('ok');

    // Out of scope: the photo does not exist for a worker of another community.
    expect(await readPhoto(fetchDeps(otherCommunity), freshDb(otherCommunity), draft.sha256)).toEqual({
      kind: 'missing',
    });
    expect((await readPhoto(fetchDeps(police, offline), freshDb(police), draft.sha256)).kind).toBe('failed');
  });
});

describe('device database upgrade to version 2', () => {
  it('adds the photos table and carries records and pending outbox rows over intact', async () => {
    const userId = `upgrade-${randomUUID()}`;
    const v1 = new Dexie(localDbName(userId));
    v1.version(1).stores({
      records: 'id, kind, syncState, updatedAt, gridId',
      outbox: 'seq, &id, recordId, state',
      meta: 'key',
      grids: 'id',
    });
    const record = samplePatrol(randomUUID());
    await v1.table('records').put({
      id: record.id,
      kind: 'patrol',
      gridId: record.gridId,
      updatedAt: record.updatedAt,
      syncState: 'pending',
      record,
    });
    const mutation = {
      seq: 1,
      id: randomUUID(),
      recordId: record.id,
      op: 'upsert',
      baseRev: 0,
      record,
      state: 'pending',
      attempts: 0,
      createdAt: record.createdAt,
    };
    await v1.table('outbox').put(mutation);
    v1.close();

    const db = openLocalDb(userId);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.outbox.toArray()).toEqual([mutation]);
    expect((await db.records.get(record.id))?.record).toEqual(record);
    expect(await db.photos.count()).toBe(0);
  });
});
