/**
 * Runs in Chromium (bundled by esbuild, injected into a page of the real server's origin): the
 * real device code over real IndexedDB, exposed as `window.deviceBench`.
 */

import { boundsOf, gridFeatures } from '../../src/app/map/map-features';
import type { GridEventBody } from '../../src/domain/grid-event';
import { NO_FINDINGS } from '../../src/domain/patrol';
import { CHECKLIST_ITEM_CODES, type RentalInspectionBody } from '../../src/domain/rental-inspection';
import { openLocalDb, syncedRow } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { photoDraft, storePhotos } from '../../src/sync/photo-store';
import { uploadPhotos } from '../../src/sync/photo-upload';
import { newRecord } from '../../src/sync/record-factory';
import { syncOnce } from '../../src/sync/sync-engine';
import { uuidV7 } from '../../src/sync/uuid-v7';
import { loadPatrol } from '../load-device';
import { listRows } from './list-records';
import { type PhaseTotals, watchPhases } from './push-phases';

function patrolBody(n: number) {
  const at = new Date().toISOString();
  return {
    patrolTypes: ['riskScreening' as const],
    startedAt: at,
    householdsVisited: n % 30,
    findings: { ...NO_FINDINGS, fireHazards: n % 3 },
    selfResolvedCount: n % 3,
    reportedCount: 0,
    content: `第${n}次巡查:走访楼栋,检查消防通道`,
    status: 'submitted' as const,
  };
}

/**
 * A full inspection as a worker saves it after walking a large group rental: every catalogue item
 * answered, one in five failed with a hazard (note, two photos, a deadline) and a recheck on each.
 */
function fullInspectionBody(n: number): RentalInspectionBody {
  const at = new Date().toISOString();
  const photo = (k: number) => (n * 100 + k).toString(16).padStart(64, '0');
  const checklist = CHECKLIST_ITEM_CODES.map((itemCode, i) =>
    i % 5 === 0
      ? { itemCode, result: 'fail' as const, note: `第${i}项不符合:现场拍照取证`, photoIds: [photo(i)] }
      : { itemCode, result: i % 7 === 0 ? ('na' as const) : ('pass' as const) },
  );
  const hazards = checklist
    .filter((entry) => entry.result === 'fail')
    .map((entry, i) => ({
      id: uuidV7(),
      itemCode: entry.itemCode,
      description: `${entry.itemCode} 隐患:责令限期整改`,
      hazardLevel: 'general' as const,
      handling: 'deadline' as const,
      deadline: '2026-12-04',
      responsibleParty: 'landlord' as const,
      status: 'rectifying' as const,
      processedAt: at,
      rechecks: [{ id: uuidV7(), at, by: 'bench', result: 'failed' as const, note: '未整改到位' }],
      photoIds: [photo(200 + i), photo(300 + i)],
    }));
  return {
    address: `江北新区浦泗路${n}号湖滨新村5栋302室`,
    landlordName: '王建国',
    landlordPhone: '13812341234',
    inspectionType: 'joint',
    specialTopic: 'groupRental',
    inspectedAt: at,
    jointUnits: ['fireRescue', 'police'],
    checklist,
    occupantCountObserved: 14,
    unregisteredPersons: 3,
    hazards,
    overallResult: 'rectifying',
    rectificationDeadline: '2026-12-04',
    remarks: '联合夜查,群租房,责令限期整改',
    status: 'rectifying',
  };
}

const deviceBench = {
  /** Fills a fresh database with `count` saved records; returns its name. */
  async fill(dbName: string, count: number, gridId: string, userId: string): Promise<void> {
    const db = openLocalDb(dbName);
    for (let n = 0; n < count; n += 500) {
      const rows = [];
      for (let i = n; i < Math.min(n + 500, count); i++) {
        rows.push(newRecord('patrol', { gridId, body: patrolBody(i), userId, now: new Date() }));
      }
      await Promise.all(rows.map((row) => saveRecord(db, row)));
    }
  },
  /**
   * Fills a fresh database with `count` saved patrols of about 1.6 KB, each with a short track:
   * the records bench/server-push.ts's Node client pushes, so the two push rates compare.
   */
  async fillTracked(dbName: string, count: number, gridId: string, userId: string): Promise<void> {
    const db = openLocalDb(dbName);
    const device = { name: 'bench', gridId, userId, seq: 0 };
    for (let n = 0; n < count; n += 500) {
      const rows = [];
      for (let i = n; i < Math.min(n + 500, count); i++) {
        rows.push(loadPatrol(device));
        device.seq += 1;
      }
      await Promise.all(rows.map((row) => saveRecord(db, row)));
    }
  },
  /** Saves `count` patrols placed on a lattice inside the bounding box of grid `gridId`'s boundary. */
  async fillLocated(dbName: string, count: number, gridId: string, userId: string): Promise<void> {
    const db = openLocalDb(dbName);
    const grid = await db.grids.get(gridId);
    const box = boundsOf(gridFeatures(grid ? [grid] : []));
    if (!box) throw new Error(`grid ${gridId} has no boundary on this device`);
    const [west, south, east, north] = box;
    const side = Math.ceil(Math.sqrt(count));
    const rows = [];
    for (let i = 0; i < count; i++) {
      const lngLat: [number, number] = [
        west + ((east - west) * ((i % side) + 0.5)) / side,
        south + ((north - south) * (Math.floor(i / side) + 0.5)) / side,
      ];
      const body = { ...patrolBody(i), location: { lngLat, capturedAt: new Date().toISOString() } };
      rows.push(newRecord('patrol', { gridId, body, userId, now: new Date() }));
    }
    await Promise.all(rows.map((row) => saveRecord(db, row)));
  },
  /** Stores the home-list fixture of ./list-records.ts (`count` synced records of all kinds). */
  async fillList(dbName: string, count: number, gridId: string, userId: string): Promise<void> {
    const db = openLocalDb(dbName);
    await db.records.bulkPut(listRows(count, Date.now(), gridId, userId));
  },
  /** Times `samples` single saves (ms each). */
  async timeSaves(dbName: string, samples: number, gridId: string, userId: string): Promise<number[]> {
    const db = openLocalDb(dbName);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const record = newRecord('patrol', { gridId, body: patrolBody(i), userId, now: new Date() });
      const start = performance.now();
      await saveRecord(db, record);
      times.push(performance.now() - start);
    }
    return times;
  },
  /** Times `samples` saves of a full inspection (ms each), validation included. */
  async timeInspectionSaves(
    dbName: string,
    samples: number,
    gridId: string,
    userId: string,
  ): Promise<number[]> {
    const db = openLocalDb(dbName);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const body = fullInspectionBody(i);
      const record = newRecord('rentalInspection', { gridId, body, userId, now: new Date() });
      const start = performance.now();
      await saveRecord(db, record);
      times.push(performance.now() - start);
    }
    return times;
  },
  /**
   * Times `samples` reports of an event with three photos (ms each): the photos kept and the event
   * saved with its outbox mutation, validation included, as the report form does. Beside it, in the
   * same database, the naive baseline: the same bytes and record written with bare puts.
   */
  async timeEventSaves(
    dbName: string,
    samples: number,
    gridId: string,
    userId: string,
    photoBytes: number,
  ): Promise<{ save: number[]; bare: number[] }> {
    const db = openLocalDb(dbName);
    const photo = async () => {
      const data = new Uint8Array(photoBytes);
      for (let offset = 0; offset < photoBytes; offset += 65_536)
        crypto.getRandomValues(data.subarray(offset, Math.min(offset + 65_536, photoBytes)));
      data.set([0xff, 0xd8, 0xff, 0xe0]);
      return photoDraft(data.buffer, 'image/jpeg');
    };
    const save: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < samples; i++) {
      const drafts = [await photo(), await photo(), await photo()];
      const body = eventBody(
        i,
        userId,
        drafts.map((d) => d.sha256),
      );
      const record = newRecord('gridEvent', { gridId, body, userId, now: new Date() });
      const start = performance.now();
      await storePhotos(db, drafts, record.id, new Date());
      await saveRecord(db, record);
      save.push(performance.now() - start);
      const again = [await photo(), await photo(), await photo()];
      const plain = newRecord('gridEvent', {
        gridId,
        body: eventBody(
          i,
          userId,
          again.map((d) => d.sha256),
        ),
        userId,
        now: new Date(),
      });
      const bareStart = performance.now();
      await db.transaction('rw', db.photos, db.records, async () => {
        const createdAt = new Date().toISOString();
        await db.photos.bulkPut(
          again.map((d) => ({
            sha256: d.sha256,
            mime: d.mime,
            bytes: d.bytes,
            size: d.bytes.byteLength,
            recordId: plain.id,
            createdAt,
            uploaded: 0 as const,
          })),
        );
        await db.records.put(syncedRow(plain, undefined));
      });
      bare.push(performance.now() - bareStart);
    }
    return { save, bare };
  },
  /** One full sync pass; returns seconds and counts. */
  async sync(
    dbName: string,
    token: string,
  ): Promise<{ seconds: number; status: string; pushed: number; pulled: number }> {
    const db = openLocalDb(dbName);
    const start = performance.now();
    const outcome = await syncOnce({ db, token, fetch: (input, init) => fetch(input, init), baseUrl: '' });
    const seconds = (performance.now() - start) / 1000;
    if (outcome.status !== 'ok') return { seconds, status: outcome.status, pushed: 0, pulled: 0 };
    return { seconds, status: 'ok', pushed: outcome.pushed, pulled: outcome.pulled };
  },
  /** One full sync pass with its transactions and requests timed (bench/device-push-profile.ts). */
  async phasedSync(
    dbName: string,
    token: string,
  ): Promise<{
    seconds: number;
    status: string;
    pushed: number;
    pulled: number;
    phases: PhaseTotals;
    ops: PhaseTotals;
  }> {
    const db = openLocalDb(dbName);
    const phases: PhaseTotals = {};
    const ops: PhaseTotals = {};
    const watch = watchPhases(db, (input, init) => fetch(input, init), phases, ops);
    const start = performance.now();
    try {
      const outcome = await syncOnce({ db, token, fetch: watch.fetch, baseUrl: '' });
      const seconds = (performance.now() - start) / 1000;
      if (outcome.status !== 'ok')
        return { seconds, status: outcome.status, pushed: 0, pulled: 0, phases, ops };
      return { seconds, status: 'ok', pushed: outcome.pushed, pulled: outcome.pulled, phases, ops };
    } finally {
      watch.stop();
    }
  },
  async count(dbName: string): Promise<{ records: number; outbox: number }> {
    const db = openLocalDb(dbName);
    return { records: await db.records.count(), outbox: await db.outbox.count() };
  },
  /** Stores `count` JPEG-signed photos of `bytes` each (random content, so each hash differs). */
  async fillPhotos(dbName: string, count: number, bytes: number): Promise<void> {
    const db = openLocalDb(dbName);
    for (let i = 0; i < count; i++) {
      const data = new Uint8Array(bytes);
      for (let offset = 0; offset < bytes; offset += 65_536) {
        crypto.getRandomValues(data.subarray(offset, Math.min(offset + 65_536, bytes)));
      }
      data.set([0xff, 0xd8, 0xff, 0xe0]);
      await storePhotos(db, [await photoDraft(data.buffer, 'image/jpeg')], uuidV7(), new Date());
    }
  },
  /** Uploads every stored photo; returns seconds and how many went up. */
  async uploadPhotos(
    dbName: string,
    token: string,
  ): Promise<{ seconds: number; status: string; uploaded: number }> {
    const db = openLocalDb(dbName);
    const start = performance.now();
    const outcome = await uploadPhotos(
      { fetch: (input, init) => fetch(input, init), baseUrl: '' },
      db,
      token,
    );
    const seconds = (performance.now() - start) / 1000;
    return { seconds, status: outcome.kind, uploaded: await db.photos.where('uploaded').equals(1).count() };
  },
  /** The naive baseline: one push request per record. */
  async naivePush(count: number, token: string, gridId: string, userId: string): Promise<number> {
    const clientId = uuidV7();
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const record = newRecord('patrol', { gridId, body: patrolBody(i), userId, now: new Date() });
      const response = await fetch('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          protocol: 1,
          clientId,
          mutations: [{ id: uuidV7(), seq: i + 1, op: 'upsert', baseRev: 0, record }],
        }),
      });
      if (!response.ok) throw new Error(`naive push ${response.status}`);
    }
    return (performance.now() - start) / 1000;
  },
};

(globalThis as unknown as { deviceBench: typeof deviceBench }).deviceBench = deviceBench;
export type DeviceBench = typeof deviceBench;

/** A 安全隐患 event as the report form saves it, with its photos. */
function eventBody(i: number, userId: string, photoIds: string[]): GridEventBody {
  return {
    title: `楼道电动车堵塞消防通道 ${i}`,
    categoryL1: 'safetyHazard',
    categoryL2: 'eBike',
    description: '湖滨新寓5栋楼道口停放电动车6辆，堵塞消防通道，已现场劝离部分车主',
    reportedAt: new Date().toISOString(),
    source: 'patrol',
    nature: 'individual',
    scale: 'minor',
    address: '湖滨新寓5栋',
    location: { lngLat: [118.75, 32.22], accuracyM: 12, capturedAt: new Date().toISOString() },
    photoIds,
    handlingMode: 'reportUp',
    reportedBy: userId,
    reportedLevel: 'grid',
    handlingLevel: 'grid',
    flowLogs: [],
    status: 'reported',
  };
}
