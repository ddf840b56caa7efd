/**
 * Sustained push throughput and request latency of the real server under 20 simulated devices
 * (issue 6), side by side in one run: SQLite (one process), PostgreSQL (one process) and two
 * server processes on one PostgreSQL database, the requests going round-robin to both.
 *
 * Each device signs in a demo account that may write patrols in its own grid (several devices per
 * account, each with its own clientId), catches up with one full pull, then during each window
 * repeatedly pushes BATCH_RECORDS new patrols in one request and pulls until nothing is left. The
 * configurations take turns, WINDOWS windows each, so a load swing on the shared machine hits all
 * of them; records/s is the median over a configuration's windows and each ratio the median of the
 * ratios window by window. Every request's latency is kept; every non-200 answer and every mutation
 * not `applied` counts as an error; at the end the database must hold exactly the records
 * acknowledged, each one once.
 *
 * Pushes to one street decide one at a time under its change counter lock (counters.repository.ts);
 * the demo accounts are in two streets (7 in 大厂, 2 in 泰山), so most pushes here still queue on
 * 大厂's lock, and a second process adds CPU for parsing and validating more than write concurrency. Latencies are measured in the bench process, which shares the machine's
 * cores with the servers: they include client-side queueing, so compare configurations within one
 * run, not across runs.
 *
 * Run alone (no build needed, the server then serves the API only):
 *   npx tsx bench/server-load.ts          SERVER_LOAD_SECONDS=12 shortens the run (seconds per configuration)
 * `npm run bench` runs it with the others (results.serverLoad in bench/results/*.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startServerProcess } from '../tests/e2e/support/server-process';
import {
  type ConfigurationFigures,
  type LoadConfiguration,
  openLoadConfiguration,
} from './load-configuration';
import type { LoadLog } from './load-figures';
import { freshPostgresDatabase, startBenchPostgres } from './postgres';
import { median, round } from './stats';

const DEVICES = 20;
const BATCH_RECORDS = 25;
const WINDOWS = 3;
const SECONDS_PER_CONFIGURATION = Number(process.env.SERVER_LOAD_SECONDS ?? 21);

function report(label: string, f: ConfigurationFigures, log: LoadLog, servers: readonly ServerProcess[]) {
  console.log(
    `server load, ${label}: ${f.recordsPerSecondMedian} records/s (windows ${f.recordsPerSecondByWindow.join(', ')}; ` +
      `${f.recordsPushed} in ${f.windowSeconds} s), ` +
      `push p50 ${f.push.p50Ms} ms p95 ${f.push.p95Ms} ms max ${f.push.maxMs} ms (${f.push.requests}), ` +
      `pull p50 ${f.pull.p50Ms} ms p95 ${f.pull.p95Ms} ms max ${f.pull.maxMs} ms (${f.pull.requests}), ` +
      `${f.errors} errors, stored ${f.stored} of ${f.recordsPushed} (${f.rowsAdded} rows added), ` +
      `load ${f.loadAverageByWindow.join(', ')}`,
  );
  if (f.lockWaits) {
    const w = f.lockWaits;
    console.log(
      `  connections waiting on a lock: median ${w.waitingMedian} of ${w.connectionsMedian} open, at most ${w.waitingMax}` +
        ` (${
          Object.entries(w.events)
            .map(([event, n]) => `${event} ${n}`)
            .join(', ') || 'none'
        })`,
    );
  }
  const lost = f.stored !== f.recordsPushed || f.rowsAdded !== f.recordsPushed;
  if (f.errors === 0 && !lost) return;
  process.exitCode = 1;
  if (lost) {
    console.error(
      `  WRITES LOST OR DUPLICATED: ${f.recordsPushed} acknowledged, ${f.stored} found, ${f.rowsAdded} rows added`,
    );
  }
  for (const error of log.errors.slice(0, 10)) console.error(`  error: ${error}`);
  for (const server of servers) console.error(`  server output:\n${server.output().slice(-2000)}`);
}

interface Opened {
  key: string;
  configuration: LoadConfiguration;
  servers: ServerProcess[];
}

async function stopAll(servers: readonly ServerProcess[]) {
  for (const server of servers) await server.stop();
}

async function onSqlite(): Promise<Opened> {
  const server = await startServerProcess();
  const configuration = await openLoadConfiguration({
    label: 'SQLite, 1 process',
    servers: [server],
    storage: { sqlitePath: join(server.dataDir, 'gridkeeper.sqlite') },
    devices: DEVICES,
    batchRecords: BATCH_RECORDS,
    teardown: () => server.stop(),
  });
  return { key: 'sqlite', configuration, servers: [server] };
}

async function onPostgres(adminUrl: string, key: string, processes: number, label: string): Promise<Opened> {
  const database = await freshPostgresDatabase(adminUrl, `gridkeeper_load_${key.toLowerCase()}`);
  const servers: ServerProcess[] = [];
  const teardown = async () => {
    await stopAll(servers);
    await database.drop();
  };
  try {
    // One after the other: the first seeds the demo data (the seed race has its own test).
    for (let i = 0; i < processes; i++)
      servers.push(await startServerProcess({ DATABASE_URL: database.url }));
  } catch (error) {
    await teardown();
    throw error;
  }
  const configuration = await openLoadConfiguration({
    label,
    servers,
    storage: { url: database.url },
    devices: DEVICES,
    batchRecords: BATCH_RECORDS,
    teardown,
  });
  return { key, configuration, servers };
}

/** Median over the windows of a/b, window by window. */
function ratio(a: ConfigurationFigures | undefined, b: ConfigurationFigures | undefined): number | undefined {
  if (!a || !b) return undefined;
  const ratios = a.recordsPerSecondByWindow.map(
    (rate, i) => rate / (b.recordsPerSecondByWindow[i] ?? Number.NaN),
  );
  return round(median(ratios));
}

/** Runs every configuration; PostgreSQL ones only when `postgresUrl` (an admin connection) is given. */
export async function measureServerLoad(postgresUrl: string | undefined) {
  const seconds = SECONDS_PER_CONFIGURATION / WINDOWS;
  console.log(
    `server load: ${DEVICES} devices, ${BATCH_RECORDS} patrols per push, ${WINDOWS} windows of ${round(seconds, 1)} s per configuration, taking turns`,
  );
  const opened: Opened[] = [];
  const figures: Record<string, ConfigurationFigures> = {};
  try {
    opened.push(await onSqlite());
    if (postgresUrl) {
      opened.push(await onPostgres(postgresUrl, 'postgres', 1, 'PostgreSQL, 1 process'));
      opened.push(await onPostgres(postgresUrl, 'postgresTwoProcesses', 2, 'PostgreSQL, 2 processes'));
    }
    for (let window = 0; window < WINDOWS; window++) {
      for (const { configuration } of opened) await configuration.runWindow(seconds);
    }
    for (const { key, configuration, servers } of opened) {
      const { figures: f, log } = await configuration.finish();
      report(configuration.label, f, log, servers);
      figures[key] = f;
    }
  } finally {
    for (const { configuration } of opened) await configuration.close();
  }
  const ratios = {
    postgresTwoVsOneProcess: ratio(figures.postgresTwoProcesses, figures.postgres),
    postgresVsSqlite: ratio(figures.postgres, figures.sqlite),
  };
  if (postgresUrl) {
    console.log(
      `server load ratios (records/s, median of the window by window ratios): PostgreSQL 2 processes / 1 process ` +
        `${ratios.postgresTwoVsOneProcess}x, PostgreSQL / SQLite ${ratios.postgresVsSqlite}x`,
    );
  }
  return {
    devices: DEVICES,
    batchRecords: BATCH_RECORDS,
    windows: WINDOWS,
    windowSeconds: seconds,
    ...figures,
    ratios,
  };
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
