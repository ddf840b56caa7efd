/**
 * One configuration of the server load bench (its server processes, its database, its 20 signed-in
 * devices), kept up for the whole run so windows of every configuration can take turns: a load
 * swing on the shared machine then hits all of them instead of whichever ran at that moment.
 */
import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import { type DatabaseConfig, openDatabase } from '../src/server/db/database';
import type { Database } from '../src/server/db/schema';
import type { ServerProcess } from '../tests/e2e/support/server-process';
import { type LoadDevice, pullToEnd, pushBatch, signInDevice } from './load-device';
import { emptyLoadLog, type LoadFigures, type LoadLog, loadFigures } from './load-figures';
import { type LockSamples, type LockWaits, sampleLockWaits, summarizeLockWaits } from './lock-waits';
import { median, round } from './stats';

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
  /** Records/s of each window, and their median (the figure to compare). */
  recordsPerSecondByWindow: number[];
  recordsPerSecondMedian: number;
  /** Acknowledged records found in the database, and rows added in all: both must equal recordsPushed. */
  stored: number;
  rowsAdded: number;
  loadAverageByWindow: number[];
  /** PostgreSQL only: the servers' connections waiting on a lock during the windows. */
  lockWaits?: LockWaits;
}

export interface LoadConfiguration {
  label: string;
  /** Runs one window; answers its records/s. */
  runWindow(seconds: number): Promise<number>;
  /** Checks the database against what was acknowledged and sums up every window. */
  finish(): Promise<{ figures: ConfigurationFigures; log: LoadLog }>;
  close(): Promise<void>;
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
    const row = await db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', 'in', ids.slice(i, i + ID_CHUNK))
      .executeTakeFirstOrThrow();
    present += Number(row.n);
  }
  return present;
}

/** Devices push and pull until the deadline; the window ends with the last answer. */
async function driveDevices(
  devices: readonly LoadDevice[],
  urls: readonly string[],
  log: LoadLog,
  seconds: number,
  batchRecords: number,
): Promise<number> {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < deadline) {
        await pushBatch(device, urls, log, batchRecords);
        await pullToEnd(device, urls, log);
      }
    }),
  );
  return performance.now() - start;
}

export async function openLoadConfiguration(options: {
  label: string;
  servers: readonly ServerProcess[];
  storage: DatabaseConfig;
  devices: number;
  batchRecords: number;
  /** Stops the servers and removes the database. */
  teardown(): Promise<void>;
}): Promise<LoadConfiguration> {
  const { label, servers, storage, batchRecords } = options;
  const urls = servers.map((server) => server.url);
  let db: Kysely<Database> | undefined;
  const log = emptyLoadLog();
  const devices: LoadDevice[] = [];
  let before: number;
  try {
    db = await openDatabase(storage);
    before = await countRecords(db);
    for (let i = 0; i < options.devices; i++) {
      devices.push(await signInDevice(urls, ACCOUNTS[i % ACCOUNTS.length] ?? '', i));
    }
    // Catching up is what a fresh phone does once; it also warms the servers before any window.
    await Promise.all(devices.map((device) => pullToEnd(device, urls, log)));
    log.pullMs.length = 0;
    log.pulledChanges = 0;
  } catch (error) {
    await db?.destroy();
    await options.teardown();
    throw error;
  }
  const verifyDb = db;

  const rates: number[] = [];
  const loads: number[] = [];
  const lockSamples: LockSamples = { connections: [], waiting: [] };
  let windowMs = 0;
  return {
    label,
    async runWindow(seconds) {
      loads.push(round(loadavg()[0] ?? 0));
      const applied = log.appliedIds.length;
      const stopSampling = 'url' in storage ? await sampleLockWaits(storage.url, lockSamples) : undefined;
      const ms = await driveDevices(devices, urls, log, seconds, batchRecords);
      await stopSampling?.();
      windowMs += ms;
      const rate = round((log.appliedIds.length - applied) / (ms / 1000), 0);
      rates.push(rate);
      return rate;
    },
    async finish() {
      const figures: ConfigurationFigures = {
        processes: servers.length,
        ...loadFigures(log, windowMs),
        recordsPerSecondByWindow: rates,
        recordsPerSecondMedian: median(rates),
        stored: await countPresent(verifyDb, log.appliedIds),
        rowsAdded: (await countRecords(verifyDb)) - before,
        loadAverageByWindow: loads,
        ...('url' in storage ? { lockWaits: summarizeLockWaits(lockSamples) } : {}),
      };
      return { figures, log };
    },
    async close() {
      try {
        await verifyDb.destroy();
      } finally {
        await options.teardown();
      }
    },
  };
}
