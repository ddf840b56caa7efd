/**
 * Where the server keeps its data, read from the environment the same way by main.ts and the
 * admin CLI: DATA_DIR (./data) holds the SQLite file and the photos; DATABASE_URL (postgres://…)
 * puts the database in PostgreSQL instead. Failures are `ConfigError`s with a message for the operator.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from './db/database';
import type { Database } from './db/schema';

export class ConfigError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** DATA_DIR as an absolute path, with its photos folder created if missing. */
export function prepareDataDir(env: Env = process.env): string {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  try {
    mkdirSync(resolve(dataDir, 'photos'), { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `the data directory ${dataDir} cannot be created (set DATA_DIR to a writable directory).`,
      error,
    );
  }
  return dataDir;
}

/** The database of DATABASE_URL, else DATA_DIR's SQLite file, migrated to the latest schema. */
export async function openConfiguredDatabase(
  dataDir: string,
  env: Env = process.env,
): Promise<Kysely<Database>> {
  const url = env.DATABASE_URL;
  if (url) {
    try {
      return await openDatabase({ url });
    } catch (error) {
      throw new ConfigError('the PostgreSQL database in DATABASE_URL is unusable.', error);
    }
  }
  const sqlitePath = resolve(dataDir, 'gridkeeper.sqlite');
  try {
    return await openDatabase({ sqlitePath });
  } catch (error) {
    throw new ConfigError(
      `the database file ${sqlitePath} is unusable (set DATA_DIR to a writable directory).`,
      error,
    );
  }
}

/** How long raw GPS points are kept before `simplify-tracks` simplifies them (track-retention.ts). */
export const DEFAULT_TRACK_RETENTION_DAYS = 90;

/** TRACK_RETENTION_DAYS: whole days, at least 1; unset means the default. */
export function trackRetentionDays(env: Env = process.env): number {
  const raw = env.TRACK_RETENTION_DAYS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_TRACK_RETENTION_DAYS;
  const days = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(days) || days < 1)
    throw new ConfigError(`TRACK_RETENTION_DAYS must be a whole number of days, at least 1 (got "${raw}").`);
  return days;
}

/** How often each server process tries the supervision job (supervision-job.ts): 10 minutes. */
export const DEFAULT_SUPERVISION_INTERVAL_MS = 10 * 60_000;

/**
 * SUPERVISION_INTERVAL_MS: whole milliseconds, at least 100, or 0 to leave the job to other
 * processes (or to `npm run admin -- run-supervision`); unset means the default.
 */
export function supervisionIntervalMs(env: Env = process.env): number {
  const raw = env.SUPERVISION_INTERVAL_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_SUPERVISION_INTERVAL_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(ms) || (ms !== 0 && ms < 100))
    throw new ConfigError(
      `SUPERVISION_INTERVAL_MS must be whole milliseconds, at least 100, or 0 to turn the job off here (got "${raw}").`,
    );
  return ms;
}
