/**
 * The real server process killed with SIGKILL while two devices push a stream of records: after a
 * restart on the same DATA_DIR (or PostgreSQL database) nothing acknowledged is lost, no batch is
 * half applied, and once the devices finish syncing every record is on the server exactly once.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { saveRecord } from '../../src/sync/outbox';
import {
  acknowledgedIds,
  expectDevicesAgreeWithServer,
  loginOver,
  recordPushes,
  serverMutationIds,
} from '../support/recorded-sync';
import { type ServerChild, spawnServer } from '../support/server-child';
import { newDevice, newPatrolFor } from '../support/sync-devices';
import { DIALECTS, emptyStorage } from '../support/test-server';

const ROUNDS = 6;
const RECORDS_PER_ROUND = 6;
/** The push during which the server is killed (counted over both devices). */
const KILL_AT_PUSH = 5;

describe.each(DIALECTS)('crash safety (%s)', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it.each(['before the commit', 'after the commit'] as const)(
    'loses and doubles nothing when the server is killed with SIGKILL mid-stream, %s',
    async (moment) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'gridkeeper-crash-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const storage = dialect === 'postgres' ? await emptyStorage('postgres') : undefined;
      if (storage) cleanups.push(storage.drop);
      const databaseUrl = storage && 'url' in storage.config ? storage.config.url : undefined;
      const start = () => spawnServer({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
      const inspect = () =>
        openDatabase(databaseUrl ? { url: databaseUrl } : { sqlitePath: join(dataDir, 'gridkeeper.sqlite') });

      let server: ServerChild = await start();
      cleanups.push(() => server.kill('SIGKILL'));
      let killed: Promise<void> | undefined;
      const recorder = recordPushes(
        () => server.url,
        async (n, answer) => {
          if (n !== KILL_AT_PUSH) return answer;
          const victim = server;
          if (moment === 'before the commit') {
            // The request is on its way; the kill lands before the batch's transaction commits.
            killed = victim.kill('SIGKILL');
            return answer;
          }
          // The batch committed and was answered, but the answer never reached the device.
          await answer;
          killed = victim.kill('SIGKILL');
          await killed;
          throw new TypeError('fetch failed: the server died before the answer arrived');
        },
      );
      const devices = [
        newDevice(await loginOver(server.url, 'hb-grid01'), recorder.fetch),
        newDevice(await loginOver(server.url, 'hb-grid02'), recorder.fetch),
      ];
      const firstIds: string[] = [];

      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          devices.map(async (device, index) => {
            for (let k = 0; k < RECORDS_PER_ROUND; k++) {
              const record = newPatrolFor(device.who, `第${round}轮 第${k}条 设备${index}`);
              if (round === 0 && k === 0) firstIds[index] = record.id;
              await saveRecord(device.db, record);
            }
            if (round > 0) await device.edit(firstIds[index] ?? '', { content: `第${round}轮修改` });
            await device.sync();
          }),
        );
        if (!killed) continue;
        await killed;
        killed = undefined;

        // The server is dead: look at what it left behind before anyone retries.
        const db = await inspect();
        try {
          const present = await serverMutationIds(db);
          for (const id of acknowledgedIds(recorder.pushes))
            expect(present.has(id), `acknowledged ${id}`).toBe(true);
          for (const push of recorder.pushes) {
            const there = push.mutationIds.filter((id) => present.has(id)).length;
            expect([0, push.mutationIds.length], 'a batch is applied whole or not at all').toContain(there);
          }
        } finally {
          await db.destroy();
        }
        server = await start();
      }

      // Back online: the devices finish syncing.
      for (let pass = 0; pass < 3; pass++) {
        for (const device of devices) expect((await device.sync()).status).toBe('ok');
      }
      expect(
        recorder.pushes.some((push) => push.results === undefined),
        'a push was cut off',
      ).toBe(true);
      if (moment === 'after the commit') {
        const resent = recorder.pushes
          .flatMap((push) => push.results ?? [])
          .filter((r) => r.status === 'duplicate');
        expect(resent.length, 'the unanswered batch came back as duplicates').toBeGreaterThan(0);
      }
      await server.kill('SIGTERM');

      const db = await inspect();
      try {
        const present = await serverMutationIds(db);
        for (const id of acknowledgedIds(recorder.pushes))
          expect(present.get(id), `acknowledged ${id}`).toBe(1);
        expect([...present.values()].filter((n) => n > 1)).toEqual([]);
        await expectDevicesAgreeWithServer(db, devices, expect);
        const created = ROUNDS * RECORDS_PER_ROUND * devices.length;
        const ours = await db
          .selectFrom('records')
          .select('id')
          .where(
            'grid_id',
            'in',
            devices.flatMap((d) => d.who.user.scope.gridIds),
          )
          .where(
            'created_by',
            'in',
            devices.map((d) => d.who.user.id),
          )
          .execute();
        expect(ours.length).toBeGreaterThanOrEqual(created);
        expect(new Set(ours.map((r) => r.id)).size).toBe(ours.length);
      } finally {
        await db.destroy();
      }
    },
    60_000,
  );
});
