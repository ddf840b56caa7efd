/**
 * Failover to a synchronous standby: the real server process on a multi-host DATABASE_URL
 * (`…@primary,standby/…?target_session_attrs=read-write`), four devices pushing through it, and
 * the primary SIGKILLed mid-traffic, at the worst moment: its link to the standby has stalled,
 * so the standby has not seen the latest commits. The standby is promoted; the devices retry.
 *
 * Synchronous replication means a commit the standby lacks was never acknowledged: the stalled
 * pushes wait, die with the primary and are answered 503, and the devices send them again. With
 * asynchronous replication (`startReplicatedPostgres({ synchronous: false })`) this test fails:
 * pushes acknowledged during the stall are missing on the promoted standby.
 *
 * Runs wherever the PostgreSQL 15 binaries are (as in `.ci/run`); it makes its own two clusters.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { saveRecord } from '../../src/sync/outbox';
import { replicationAvailable, startReplicatedPostgres, waitForSyncStandby } from '../support/pg-replication';
import {
  acknowledgedIds,
  expectDevicesAgreeWithServer,
  loginOver,
  recordPushes,
  serverMutationIds,
} from '../support/recorded-sync';
import { type ServerChild, spawnServer } from '../support/server-child';
import { type Device, newDevice, newPatrolFor } from '../support/sync-devices';

/** Two streets, so the devices write to different grids. */
const USERNAMES = ['hb-grid01', 'hb-grid02', 'hb-leader', 'tq-grid01'];
const RECORDS_PER_SYNC = 2;
/** Acknowledged mutations before the replication link stalls: traffic is flowing. */
const ACKS_BEFORE_STALL = 16;
/** A generous bound for each phase on a busy machine; reaching it fails the test with its name. */
const PHASE_TIMEOUT_MS = 90_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

describe.runIf(replicationAvailable())('failover to a synchronous standby', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, 60_000);

  it('keeps every acknowledged push, once, when the primary is killed and the standby promoted', async () => {
    const cluster = await startReplicatedPostgres();
    cleanups.push(cluster.stop);
    await waitForSyncStandby(cluster, 'sync');
    const dataDir = mkdtempSync(join(tmpdir(), 'gridkeeper-failover-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const server: ServerChild = await spawnServer({ dataDir, databaseUrl: cluster.multiHostUrl });
    cleanups.push(() => server.kill('SIGKILL'));

    // Every answer's status, and how many pushes are waiting for theirs.
    const recorder = recordPushes(() => server.url);
    const statuses: number[] = [];
    let pushesInFlight = 0;
    const observed: typeof fetch = async (input, init) => {
      const isPush = String(input).includes('/api/sync/push');
      if (isPush) pushesInFlight += 1;
      try {
        const response = await recorder.fetch(input, init);
        statuses.push(response.status);
        return response;
      } finally {
        if (isPush) pushesInFlight -= 1;
      }
    };
    const devices: Device[] = [];
    for (const username of USERNAMES)
      devices.push(newDevice(await loginOver(server.url, username), observed));

    let traffic = true;
    const drive = async (device: Device, index: number) => {
      for (let n = 0; traffic; n++) {
        for (let k = 0; k < RECORDS_PER_SYNC; k++) {
          await saveRecord(device.db, newPatrolFor(device.who, `设备${index} 第${n}轮 第${k}条`));
        }
        // The device's own backoff is seconds; a short pause keeps the test short.
        if ((await device.sync()).status !== 'ok') await sleep(200);
      }
    };
    const driving = Promise.all(devices.map(drive));

    await until(
      'pushes acknowledged by the primary',
      () => acknowledgedIds(recorder.pushes).length >= ACKS_BEFORE_STALL,
    );
    cluster.holdReplication();
    const sentBeforeStall = recorder.pushes.length;
    // Synchronous: every device ends up with a push waiting on its commit. Asynchronous: pushes
    // keep being acknowledged.
    await until(
      'pushes during the stall',
      () => pushesInFlight === devices.length || recorder.pushes.length >= sentBeforeStall + devices.length,
    );
    await sleep(500);

    cluster.killPrimary();
    const answeredBeforeKill = statuses.length;
    await until('a 503 while there is no primary', () => statuses.slice(answeredBeforeKill).includes(503));

    // Before promotion, on the standby as it was left: it has every acknowledged mutation.
    const acknowledgedByOldPrimary = acknowledgedIds(recorder.pushes);
    const onStandby = await mutationIdsAt(cluster.urlOf(cluster.standbyPort));
    const lost = acknowledgedByOldPrimary.filter((id) => !onStandby.has(id));
    expect(lost, 'acknowledged mutations the standby does not have').toEqual([]);

    cluster.promoteStandby();
    const acknowledgedAtPromotion = acknowledgedIds(recorder.pushes).length;
    await until(
      'pushes acknowledged by the new primary',
      () => acknowledgedIds(recorder.pushes).length > acknowledgedAtPromotion,
    );
    traffic = false;
    await driving;

    for (const device of devices) {
      await until('the device to finish syncing', async () => {
        const outcome = await device.sync();
        return outcome.status === 'ok' && (await device.db.outbox.count()) === 0;
      });
    }
    // A quiet pass each, so every device has pulled what the others pushed last.
    for (const device of devices) expect((await device.sync()).status).toBe('ok');

    expect(
      recorder.pushes.some((push) => push.results === undefined),
      'a push was cut off by the kill',
    ).toBe(true);
    await server.kill('SIGTERM');

    const db = await openDatabase({ url: cluster.urlOf(cluster.standbyPort) });
    try {
      const present = await serverMutationIds(db);
      for (const id of acknowledgedIds(recorder.pushes))
        expect(present.get(id), `acknowledged ${id}`).toBe(1);
      expect([...present.values()].filter((n) => n > 1)).toEqual([]);
      await expectDevicesAgreeWithServer(db, devices, expect);
    } finally {
      await db.destroy();
    }
  }, 240_000);
});

/** The mutation ids a (possibly read-only) server holds, read directly. */
async function mutationIdsAt(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM mutations');
    return new Set(rows.map((row) => row.id));
  } finally {
    await client.end();
  }
}
