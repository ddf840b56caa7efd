/**
 * Two real server processes on ONE PostgreSQL database (PostgreSQL only: two processes on one
 * SQLite file is not a supported deployment). Three devices create and edit records, each
 * alternating between the two servers; at the end every device agrees with the database, every
 * record is there once, and the pull cursor skipped nothing.
 *
 * Both processes start at once on the empty database, so both run the demo seed concurrently: the
 * one that loses the race must still start.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { DEMO_ACCOUNT_SEEDS } from '../../src/server/demo/demo-accounts';
import { saveRecord } from '../../src/sync/outbox';
import {
  acknowledgedIds,
  expectDevicesAgreeWithServer,
  loginOver,
  recordPushes,
  type SentPush,
  serverMutationIds,
} from '../support/recorded-sync';
import { type ServerChild, spawnServer } from '../support/server-child';
import { newDevice, newPatrolFor } from '../support/sync-devices';
import { emptyStorage } from '../support/test-server';

const ROUNDS = 6;
const RECORDS_PER_ROUND = 3;
const USERNAMES = ['hb-grid01', 'hb-grid02', 'hb-leader'];

describe.runIf(Boolean(process.env.DATABASE_URL))('two server processes on one PostgreSQL database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps three devices alternating between them in agreement, every record once', async () => {
    const storage = await emptyStorage('postgres');
    cleanups.push(storage.drop);
    const databaseUrl = 'url' in storage.config ? storage.config.url : '';
    const servers: ServerChild[] = await Promise.all(
      [0, 1].map(async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'gridkeeper-two-'));
        cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
        const server = await spawnServer({ dataDir, databaseUrl });
        cleanups.push(() => server.kill('SIGTERM'));
        return server;
      }),
    );

    const pushes: SentPush[] = [];
    const devices = await Promise.all(
      USERNAMES.map(async (username, index) => {
        let turn = index;
        // Each request goes to the other server than the one before.
        const recorder = recordPushes(() => servers[turn++ % 2]?.url ?? '');
        const who = await loginOver(servers[index % 2]?.url ?? '', username);
        return { device: newDevice(who, recorder.fetch), pushes: recorder.pushes };
      }),
    );
    const own = new Map<number, string[]>();

    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        devices.map(async ({ device }, index) => {
          const ids = own.get(index) ?? [];
          for (let k = 0; k < RECORDS_PER_ROUND; k++) {
            const record = newPatrolFor(device.who, `第${round}轮 第${k}条 ${device.who.user.name}`);
            ids.push(record.id);
            await saveRecord(device.db, record);
          }
          own.set(index, ids);
          const edited = ids[(round * 7) % ids.length] ?? '';
          await device.edit(edited, { content: `第${round}轮修改 ${device.who.user.name}` });
          expect((await device.sync()).status).toBe('ok');
        }),
      );
    }
    // Two quiet passes each, so every device has pulled everything the others pushed.
    for (let pass = 0; pass < 2; pass++) {
      for (const { device } of devices) expect((await device.sync()).status).toBe('ok');
    }
    for (const entry of devices) pushes.push(...entry.pushes);
    expect(new Set(pushes.map((push) => push.server)).size).toBe(2);

    const db = await openDatabase({ url: databaseUrl });
    try {
      const present = await serverMutationIds(db);
      for (const id of acknowledgedIds(pushes)) expect(present.get(id), `acknowledged ${id}`).toBe(1);
      expect([...present.values()].filter((n) => n > 1)).toEqual([]);
      await expectDevicesAgreeWithServer(
        db,
        devices.map((entry) => entry.device),
        expect,
      );
      const demoUsers = await db.selectFrom('users').select('id').where('demo', '=', 1).execute();
      expect(demoUsers.length, 'the demo accounts, seeded once').toBe(DEMO_ACCOUNT_SEEDS.length);
      const created = [...own.values()].flat();
      const rows = await db.selectFrom('records').select('id').where('id', 'in', created).execute();
      expect(rows.length).toBe(created.length);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
