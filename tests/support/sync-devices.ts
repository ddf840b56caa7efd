/** Simulated phones for device-side tests: a fresh Dexie database each, syncing with a test server. */
import type { LoginResponse } from '../../src/domain/protocol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { type LocalDb, openLocalDb } from '../../src/sync/local-db';
import { saveRecord } from '../../src/sync/outbox';
import { editRecord, newRecord } from '../../src/sync/record-factory';
import { type SyncOutcome, syncOnce } from '../../src/sync/sync-engine';
import { samplePatrol } from './sample-records';
import { TEST_BASE_URL } from './test-server';

let deviceCounter = 0;

export interface Device {
  db: LocalDb;
  who: LoginResponse;
  sync(): Promise<SyncOutcome>;
  /** The user-visible version of a record. */
  visible(id: string): Promise<GridRecord | undefined>;
  /** Saves an edit of the visible version with a new body field value. */
  edit(id: string, changes: Record<string, unknown>): Promise<void>;
}

export function newDevice(who: LoginResponse, fetchImpl: typeof fetch): Device {
  deviceCounter += 1;
  const db = openLocalDb(`${who.user.id}-phone-${deviceCounter}-${Date.now()}`);
  const visible = async (id: string) => (await db.records.get(id))?.record;
  return {
    db,
    who,
    sync: () => syncOnce({ db, token: who.token, fetch: fetchImpl, baseUrl: TEST_BASE_URL }),
    visible,
    async edit(id, changes) {
      const current = await visible(id);
      if (!current) throw new Error(`record ${id} is not on this device`);
      const body = { ...current.body, ...changes } as GridRecord['body'];
      await saveRecord(db, editRecord(current, { body, userId: who.user.id, now: new Date() }));
    },
  };
}

export function gridOf(who: LoginResponse): string {
  const grid = who.user.scope.gridIds[0];
  if (!grid) throw new Error(`${who.user.name} has no grid`);
  return grid;
}

export function newPatrolFor(who: LoginResponse, content: string): GridRecord {
  const body = { ...samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body, content };
  return newRecord('patrol', { gridId: gridOf(who), body, userId: who.user.id, now: new Date() });
}
