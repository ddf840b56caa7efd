/**
 * One client's push rate against the real server (issue 15): a Node client signs in, then pushes
 * RECORDS new patrols of about 1.6 KB in batches of BATCH, one request after the other, and every
 * one must come back `applied`. Next to it, in the same run, the baseline: the same number of
 * records rows written straight into a database of the same kind (one transaction per batch, one
 * multi-row insert each), which is about what the database itself can take. Rounds take turns
 * (SQLite push, SQLite raw, PostgreSQL push, PostgreSQL raw) so a load swing on the shared machine
 * hits all of them; each figure is the median over the rounds. On PostgreSQL each round also
 * pushes the same number of records from 4 clients at once, two in 大厂街道 and two in 泰山街道, and
 * from 2 clients, one in each street, sampling the server database's lock waits meanwhile: pushes
 * to different streets take different counter rows (counters.repository.ts), so the second should
 * show no waits at all, and the first only the waits of two clients in one street.
 *
 * Run alone (no build needed):
 *   npx tsx bench/server-push.ts      SERVER_PUSH_ROUNDS=5 for more rounds; DATABASE_URL for PostgreSQL
 * `npm run bench` runs it with the others (results.serverPush in bench/results/*.json).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { PushResponse } from '../src/domain/protocol';
import { type DatabaseConfig, openDatabase } from '../src/server/db/database';
import type { Database } from '../src/server/db/schema';
import { uuidV7 } from '../src/sync/uuid-v7';
import { type ServerProcess, startServerProcess } from '../tests/e2e/support/server-process';
import { type LoadDevice, loadPatrol, signInDevice } from './load-device';
import { type LockSamples, type LockWaits, sampleLockWaits, summarizeLockWaits } from './lock-waits';
import { freshPostgresDatabase, startBenchPostgres } from './postgres';
import { median, round } from './stats';

const RECORDS = 10_000;
const BATCH = 500;
const ROUNDS = Number(process.env.SERVER_PUSH_ROUNDS ?? 3);
const LOCK_SAMPLE_MS = 50;
/** PostgreSQL's concurrent rounds: 4 clients on two streets (大厂 and 泰山), and one on each. */
const TWO_STREETS = ['hb-grid01', 'hb-grid02', 'tq-grid01', 'tq-police'];
const ONE_EACH = ['hb-grid01', 'tq-grid01'];

/**
 * Pushes `records` new patrols in batches of BATCH, one request at a time; answers records/s.
 * bench/device.ts runs it beside the device's push, as the rate the device is measured against.
 */
export async function pushAll(url: string, device: LoadDevice, records = RECORDS): Promise<number> {
  const start = performance.now();
  for (let sent = 0; sent < records; sent += BATCH) {
    const mutations = Array.from({ length: BATCH }, () => ({
      id: uuidV7(),
      seq: ++device.seq,
      op: 'upsert' as const,
      baseRev: 0,
      record: loadPatrol(device),
    }));
    const response = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, clientId: device.clientId, mutations }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`push: HTTP ${response.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as PushResponse;
    const notApplied = body.results.filter((result) => result.status !== 'applied');
    if (body.results.length !== BATCH || notApplied.length > 0) {
      throw new Error(
        `push: ${notApplied.length} of ${body.results.length} not applied: ${text.slice(0, 300)}`,
      );
    }
  }
  return records / ((performance.now() - start) / 1000);
}

/**
 * RECORDS new patrols split evenly over `devices` pushing at once, each one request at a time,
 * while the server database's lock waits are sampled; answers records/s over the whole wall time.
 */
async function pushTogether(
  url: string,
  databaseUrl: string,
  devices: readonly LoadDevice[],
  waits: LockSamples,
): Promise<number> {
  const stopSampling = await sampleLockWaits(databaseUrl, waits, LOCK_SAMPLE_MS);
  const start = performance.now();
  try {
    await Promise.all(devices.map((device) => pushAll(url, device, RECORDS / devices.length)));
  } finally {
    await stopSampling();
  }
  return RECORDS / ((performance.now() - start) / 1000);
}

/** The same records as rows, written straight into `db`: one transaction and one insert per batch. */
async function insertRaw(db: Kysely<Database>, device: LoadDevice, firstSeq: number): Promise<number> {
  const start = performance.now();
  let seq = firstSeq;
  for (let sent = 0; sent < RECORDS; sent += BATCH) {
    const rows = Array.from({ length: BATCH }, () => {
      const record = loadPatrol(device);
      return {
        id: record.id,
        kind: record.kind,
        grid_id: record.gridId,
        rev: 1,
        change_seq: ++seq,
        deleted: 0,
        created_at: record.createdAt,
        created_by: record.createdBy,
        updated_at: record.updatedAt,
        updated_by: record.updatedBy,
        schema_version: record.schemaVersion,
        body: JSON.stringify(record.body),
        received_at: new Date().toISOString(),
      };
    });
    await db.transaction().execute((trx) => trx.insertInto('records').values(rows).execute());
  }
  return RECORDS / ((performance.now() - start) / 1000);
}

interface Target {
  label: string;
  server: ServerProcess;
  device: LoadDevice;
  raw: Kysely<Database>;
  push: number[];
  baseline: number[];
  /** PostgreSQL only: the server database, and the concurrent rounds with their lock waits. */
  concurrent?: {
    databaseUrl: string;
    twoStreets: LoadDevice[];
    oneEach: LoadDevice[];
    twoStreetsRate: number[];
    oneEachRate: number[];
    twoStreetsWaits: LockSamples;
    oneEachWaits: LockSamples;
  };
  close(): Promise<void>;
}

async function openTarget(label: string, postgresUrl?: string): Promise<Target> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    let serverEnv: Record<string, string> = {};
    let databaseUrl: string | undefined;
    let rawConfig: DatabaseConfig;
    if (postgresUrl) {
      const serverDb = await freshPostgresDatabase(postgresUrl, `gridkeeper_push_server_${process.pid}`);
      cleanups.push(serverDb.drop);
      const rawDb = await freshPostgresDatabase(postgresUrl, `gridkeeper_push_raw_${process.pid}`);
      cleanups.push(rawDb.drop);
      serverEnv = { DATABASE_URL: serverDb.url };
      databaseUrl = serverDb.url;
      rawConfig = { url: rawDb.url };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-push-raw-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      rawConfig = { sqlitePath: join(dir, 'raw.sqlite') };
    }
    const server = await startServerProcess(serverEnv);
    cleanups.push(() => server.stop());
    const raw = await openDatabase(rawConfig);
    cleanups.push(() => raw.destroy());
    const device = await signInDevice([server.url], 'hb-grid01', 0);
    const signIn = (usernames: readonly string[]) =>
      Promise.all(usernames.map((username, i) => signInDevice([server.url], username, i)));
    const concurrent = databaseUrl && {
      databaseUrl,
      twoStreets: await signIn(TWO_STREETS),
      oneEach: await signIn(ONE_EACH),
      twoStreetsRate: [],
      oneEachRate: [],
      twoStreetsWaits: { connections: [], waiting: [] },
      oneEachWaits: { connections: [], waiting: [] },
    };
    return { label, server, device, raw, push: [], baseline: [], ...(concurrent && { concurrent }), close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function measureServerPush(postgresUrl: string | undefined) {
  console.log(
    `server push: 1 client, ${RECORDS} records of about 1.6 KB in batches of ${BATCH}, ${ROUNDS} rounds, taking turns`,
  );
  const targets: Target[] = [];
  try {
    targets.push(await openTarget('SQLite'));
    if (postgresUrl) targets.push(await openTarget('PostgreSQL', postgresUrl));
    for (let r = 0; r < ROUNDS; r++) {
      for (const target of targets) {
        target.push.push(round(await pushAll(target.server.url, target.device), 0));
        target.baseline.push(round(await insertRaw(target.raw, target.device, r * RECORDS), 0));
        const c = target.concurrent;
        if (!c) continue;
        const url = target.server.url;
        c.twoStreetsRate.push(
          round(await pushTogether(url, c.databaseUrl, c.twoStreets, c.twoStreetsWaits), 0),
        );
        c.oneEachRate.push(round(await pushTogether(url, c.databaseUrl, c.oneEach, c.oneEachWaits), 0));
      }
    }
  } finally {
    for (const target of targets) await target.close();
  }
  const figures: Record<string, unknown> = { records: RECORDS, batch: BATCH, rounds: ROUNDS };
  for (const target of targets) {
    const push = median(target.push);
    const baseline = median(target.baseline);
    console.log(
      `server push, ${target.label}: ${push} rec/s (rounds ${target.push.join(', ')}), ` +
        `raw insert ${baseline} rec/s (rounds ${target.baseline.join(', ')}), ${round((push / baseline) * 100, 0)}% of raw`,
    );
    figures[target.label === 'SQLite' ? 'sqlite' : 'postgres'] = {
      pushRecordsPerSecondByRound: target.push,
      pushRecordsPerSecondMedian: push,
      rawRecordsPerSecondByRound: target.baseline,
      rawRecordsPerSecondMedian: baseline,
      shareOfRaw: round(push / baseline),
      ...(target.concurrent && concurrentFigures(target.concurrent, push)),
    };
  }
  return figures;
}

function concurrentFigures(c: NonNullable<Target['concurrent']>, oneClient: number) {
  const twoStreets = median(c.twoStreetsRate);
  const oneEach = median(c.oneEachRate);
  const twoStreetsWaits = summarizeLockWaits(c.twoStreetsWaits);
  const oneEachWaits = summarizeLockWaits(c.oneEachWaits);
  const waits = (w: LockWaits) =>
    `lock waits median ${w.waitingMedian} max ${w.waitingMax}, ${round(w.samplesWaiting * 100, 0)}% of ${w.samples} samples` +
    ` (${
      Object.entries(w.events)
        .map(([event, n]) => `${event} ${n}`)
        .join(', ') || 'none'
    })`;
  console.log(
    `server push, PostgreSQL, 4 clients on two streets: ${twoStreets} rec/s (rounds ${c.twoStreetsRate.join(', ')}), ` +
      `${round(twoStreets / oneClient)}x one client, ${waits(twoStreetsWaits)}`,
  );
  console.log(
    `server push, PostgreSQL, 2 clients on different streets: ${oneEach} rec/s (rounds ${c.oneEachRate.join(', ')}), ` +
      `${round(oneEach / oneClient)}x one client, ${waits(oneEachWaits)}`,
  );
  return {
    fourClientsTwoStreets: {
      recordsPerSecondByRound: c.twoStreetsRate,
      recordsPerSecondMedian: twoStreets,
      vsOneClient: round(twoStreets / oneClient),
      lockWaits: twoStreetsWaits,
    },
    twoClientsDifferentStreets: {
      recordsPerSecondByRound: c.oneEachRate,
      recordsPerSecondMedian: oneEach,
      vsOneClient: round(oneEach / oneClient),
      lockWaits: oneEachWaits,
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = new Date().toISOString();
  const postgres = await startBenchPostgres();
  let serverPush: unknown;
  try {
    serverPush = await measureServerPush(postgres?.url);
  } finally {
    postgres?.stop();
  }
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${at.replaceAll(':', '-')}-server-push.json`);
  writeFileSync(file, `${JSON.stringify({ at, serverPush }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
