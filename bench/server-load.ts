/**
 * Sustained push throughput and request latency of the real server under 20 simulated devices
 * (issue 6), side by side in one run: SQLite (one process), PostgreSQL (one process) and two
 * server processes on one PostgreSQL database, the requests going round-robin to both.
 *
 * Each device signs in a demo account that may write patrols in its own grid (several devices per
 * account, each with its own clientId), catches up with one full pull, then for a fixed window
 * repeatedly pushes BATCH_RECORDS new patrols in one request and pulls until nothing is left. Every
 * request's latency is kept; every non-200 answer and every mutation not `applied` counts as an
 * error; at the end the database must hold exactly the records acknowledged, each one once.
 *
 * Pushes decide one at a time under the change counter lock (counters.repository.ts), so records/s
 * is the serial rate of push transactions; a second process adds CPU for parsing and validating,
 * not write concurrency. Latencies are measured in the bench process, which shares the machine's
 * cores with the servers: they include client-side queueing, so compare configurations within one
 * run, not across runs.
 *
 * Run alone (no build needed, the server then serves the API only):
 *   npx tsx bench/server-load.ts          SERVER_LOAD_SECONDS=10 shortens each window
 * `npm run bench` runs it with the others (results.serverLoad in bench/results/*.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type DatabaseConfig, openDatabase } from '../src/server/db/database';
import type { Database } from '../src/server/db/schema';
import { type ServerProcess, startServerProcess } from '../tests/e2e/support/server-process';
import { type LoadDevice, pullToEnd, pushBatch, signInDevice } from './load-device';
import { emptyLoadLog, type LoadFigures, type LoadLog, loadFigures } from './load-figures';
import { type LockWaits, watchLockWaits } from './lock-waits';
import { startBenchPostgres } from './postgres';
import { round } from './stats';

const DEVICES = 20;
const BATCH_RECORDS = 25;
const WINDOW_SECONDS = Number(process.env.SERVER_LOAD_SECONDS ?? 20);
/** The demo accounts whose role writes patrols (access-rules.ts); each pushes into its first grid. */
const ACCOUNTS = [
  'hb-grid01',
  'hb-grid02',
  'hb-leader',
  'hb-police',
  'hb-aux',
  'hb-admin',
  'dc-admin',
  'tq-grid01',
  'tq-police',
];
const ID_CHUNK = 500;

export interface ConfigurationFigures extends LoadFigures {
  processes: number;
  /** Records found in the database that were acknowledged, and rows added in all. */
  stored: number;
  rowsAdded: number;
  loadAverageAtStart: number;
  /** PostgreSQL only: the servers' connections waiting on a lock during the window. */
  lockWaits?: LockWaits;
}

async function countRecords(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countPresent(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  let present = 0;
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    const row = await db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', chunk)
      .executeTakeFirstOrThrow();
    present += Number(row.n);
  }
  return present;
}

/** Devices push and pull until the window is over; the window ends with the last answer. */
async function driveDevices(devices: readonly LoadDevice[], urls: readonly string[], log: LoadLog) {
  const start = performance.now();
  const deadline = start + WINDOW_SECONDS * 1000;
  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < deadline) {
        await pushBatch(device, urls, log, BATCH_RECORDS);
        await pullToEnd(device, urls, log);
      }
    }),
  );
  return performance.now() - start;
}

async function measureConfiguration(
  label: string,
  servers: readonly ServerProcess[],
  storage: DatabaseConfig,
): Promise<ConfigurationFigures> {
  const urls = servers.map((server) => server.url);
  const loadAverageAtStart = round(loadavg()[0] ?? 0, 2);
  const db = await openDatabase(storage);
  try {
    const before = await countRecords(db);
    const devices: LoadDevice[] = [];
    for (let i = 0; i < DEVICES; i++) {
      devices.push(await signInDevice(urls, ACCOUNTS[i % ACCOUNTS.length] ?? '', i));
    }
    // Catching up is what a fresh phone does once; it also warms the servers before the window.
    const warmUp = emptyLoadLog();
    await Promise.all(devices.map((device) => pullToEnd(device, urls, warmUp)));

    const log = emptyLoadLog();
    const watch = 'url' in storage ? await watchLockWaits(storage.url) : undefined;
    const windowMs = await driveDevices(devices, urls, log);
    const lockWaits = await watch?.stop();
    log.errors.unshift(...warmUp.errors);

    const stored = await countPresent(db, log.appliedIds);
    const rowsAdded = (await countRecords(db)) - before;
    const figures = {
      processes: servers.length,
      ...loadFigures(log, windowMs),
      stored,
      rowsAdded,
      loadAverageAtStart,
      ...(lockWaits ? { lockWaits } : {}),
    };
    report(label, figures, log, servers);
    return figures;
  } finally {
    await db.destroy();
  }
}

function report(label: string, f: ConfigurationFigures, log: LoadLog, servers: readonly ServerProcess[]) {
  console.log(
    `server load, ${label}: ${f.recordsPerSecond} records/s (${f.recordsPushed} in ${f.windowSeconds} s), ` +
      `push p50 ${f.push.p50Ms} ms p95 ${f.push.p95Ms} ms max ${f.push.maxMs} ms (${f.push.requests}), ` +
      `pull p50 ${f.pull.p50Ms} ms p95 ${f.pull.p95Ms} ms max ${f.pull.maxMs} ms (${f.pull.requests}), ` +
      `${f.errors} errors, stored ${f.stored} of ${f.recordsPushed} (${f.rowsAdded} rows added), load ${f.loadAverageAtStart}`,
  );
  if (f.lockWaits) {
    const w = f.lockWaits;
    console.log(
      `  connections waiting on a lock: median ${w.waitingMedian} of ${w.connectionsMedian} open, at most ${w.waitingMax}`,
    );
  }
  const lost = f.stored !== f.recordsPushed || f.rowsAdded !== f.recordsPushed;
  if (f.errors === 0 && !lost) return;
  process.exitCode = 1;
  if (lost)
    console.error(
      `  WRITES LOST OR DUPLICATED: ${f.recordsPushed} acknowledged, ${f.stored} found, ${f.rowsAdded} rows added`,
    );
  for (const error of log.errors.slice(0, 10)) console.error(`  error: ${error}`);
  for (const server of servers) console.error(`  server output:\n${server.output().slice(-2000)}`);
}

/** A fresh database on the bench's PostgreSQL, so each configuration starts from the demo seed. */
async function freshPostgresDatabase(adminUrl: string, name: string) {
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
}

async function onPostgres(adminUrl: string, name: string, processes: number, label: string) {
  const database = await freshPostgresDatabase(adminUrl, name);
  const servers: ServerProcess[] = [];
  try {
    // One after the other: the first seeds the demo data (the seed race has its own test).
    for (let i = 0; i < processes; i++)
      servers.push(await startServerProcess({ DATABASE_URL: database.url }));
    return await measureConfiguration(label, servers, { url: database.url });
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}

/** Runs every configuration; PostgreSQL ones only when `postgresUrl` (an admin connection) is given. */
export async function measureServerLoad(postgresUrl: string | undefined) {
  console.log(
    `server load: ${DEVICES} devices, ${BATCH_RECORDS} patrols per push, ${WINDOW_SECONDS} s per configuration`,
  );
  const results: Record<string, unknown> = {
    devices: DEVICES,
    batchRecords: BATCH_RECORDS,
    windowSeconds: WINDOW_SECONDS,
  };
  const sqliteServer = await startServerProcess();
  let sqlite: ConfigurationFigures;
  try {
    sqlite = await measureConfiguration('SQLite, 1 process', [sqliteServer], {
      sqlitePath: join(sqliteServer.dataDir, 'gridkeeper.sqlite'),
    });
  } finally {
    await sqliteServer.stop();
  }
  results.sqlite = sqlite;
  if (!postgresUrl) return results;

  const postgres = await onPostgres(postgresUrl, 'gridkeeper_load_one', 1, 'PostgreSQL, 1 process');
  const twoProcesses = await onPostgres(postgresUrl, 'gridkeeper_load_two', 2, 'PostgreSQL, 2 processes');
  const ratios = {
    postgresTwoVsOneProcess: round(twoProcesses.recordsPerSecond / postgres.recordsPerSecond),
    postgresVsSqlite: round(postgres.recordsPerSecond / sqlite.recordsPerSecond),
  };
  console.log(
    `server load ratios (records/s): PostgreSQL 2 processes / 1 process ${ratios.postgresTwoVsOneProcess}x, ` +
      `PostgreSQL / SQLite ${ratios.postgresVsSqlite}x`,
  );
  return { ...results, postgres, postgresTwoProcesses: twoProcesses, ratios };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = new Date().toISOString();
  const postgres = await startBenchPostgres();
  let serverLoad: unknown;
  try {
    serverLoad = await measureServerLoad(postgres?.url);
  } finally {
    postgres?.stop();
  }
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${at.replaceAll(':', '-')}-server-load.json`);
  writeFileSync(file, `${JSON.stringify({ at, serverLoad }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
