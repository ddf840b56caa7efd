/**
 * A throwaway PostgreSQL for the bench: DATABASE_URL when given, else a fresh cluster made with
 * initdb as the `postgres` user (initdb refuses root) on a free port, removed afterwards.
 * Undefined when neither is possible, so the bench still runs on SQLite alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../src/server/db/database';
import { freePort } from '../tests/e2e/support/server-process';

export interface BenchPostgres {
  url: string;
  stop(): void;
}

function findBin(name: string): string | undefined {
  for (const dir of ['/usr/local/bin', '/usr/lib/postgresql/15/bin', '/usr/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export async function startBenchPostgres(): Promise<BenchPostgres | undefined> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => {} };
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  if (!initdb || !pgCtl) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-bench-pg-'));
  const port = await freePort();
  const asPostgres = (command: string) =>
    execFileSync('su', ['postgres', '-c', command], { stdio: 'ignore' });
  try {
    execFileSync('chown', ['postgres', dir]);
    asPostgres(`${initdb} -D ${dir}/data -A trust -U postgres -E UTF8`);
    asPostgres(
      `${pgCtl} -D ${dir}/data -l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1" start`,
    );
  } catch (error) {
    console.warn(`bench: could not start PostgreSQL (${String(error)}); SQLite only`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgres(`${pgCtl} -D ${dir}/data -m fast stop`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh database on the bench's PostgreSQL, so each configuration or round starts empty of what another left. */
export async function freshPostgresDatabase(adminUrl: string, name: string) {
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

/**
 * Runs `measure` on a fresh SQLite file, then — when a PostgreSQL server is given — on a fresh
 * database of it; each is removed afterwards. `name` names the file and the database.
 */
export async function onBothDialects<T>(
  name: string,
  postgresUrl: string | undefined,
  measure: (label: string, config: DatabaseConfig) => Promise<T>,
): Promise<{ sqlite: T; postgres?: T }> {
  const dir = mkdtempSync(join(tmpdir(), `gridkeeper-${name}-bench-`));
  let sqlite: T;
  try {
    sqlite = await measure('SQLite', { sqlitePath: join(dir, `${name}.sqlite`) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!postgresUrl) return { sqlite };
  const database = await freshPostgresDatabase(postgresUrl, `gridkeeper_${name}_bench_${process.pid}`);
  try {
    return { sqlite, postgres: await measure('PostgreSQL', { url: database.url }) };
  } finally {
    await database.drop();
  }
}
