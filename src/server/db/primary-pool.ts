/**
 * A connection pool to whichever PostgreSQL host is the writable primary, for a DATABASE_URL that
 * lists several hosts as libpq does (`postgres://u@h1:5432,h2:5432/db?target_session_attrs=read-write`).
 * node-postgres 8 connects to one host only (pg-connection-string reads the first), so the choice
 * is made here:
 *
 *   connect() ──pool?──yes──▶ pool.connect() ──connection error──▶ drop pool, throw unavailable
 *                 │ no
 *                 ▼
 *   try each host in order: connects, and neither pg_is_in_recovery() nor transaction_read_only
 *        │ found                                   │ none
 *        ▼                                         ▼
 *   new pg.Pool on that host                 throw DatabaseUnavailableError (the route answers 503)
 *
 * A pool is dropped when one of its connections dies (the primary went away) or a statement meets
 * a read-only server (it was demoted), so the next request looks for the new primary. Nothing
 * here waits forever: connecting has a timeout, and a request that finds no primary fails at once
 * with a retryable 503, which the device's sync already retries with backoff.
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';

/** How long one host may take to accept a connection, and a request to wait for a pooled one. */
const CONNECT_TIMEOUT_MS = 5_000;
/** After a search found no primary, requests fail fast for this long instead of each searching. */
const SEARCH_COOLDOWN_MS = 500;
/**
 * TCP keepalive on pooled connections, so a primary cut off by the network (no reset ever comes)
 * is noticed in minutes rather than the OS default of two hours.
 */
const KEEPALIVE_IDLE_MS = 10_000;

type PoolConfig = Omit<pg.PoolConfig, 'connectionString'>;

/** The pool Kysely's PostgresDialect uses, following the primary. */
export interface PrimaryPool extends PostgresPool {
  /** The host the current pool talks to, if any (for logs and tests). */
  currentHost(): string | undefined;
}

/**
 * One connection string per host of a (possibly multi-host) postgres:// URL, in the URL's order,
 * each without `target_session_attrs` (only read-write makes sense for a server that writes).
 */
export function hostUrls(url: string): { host: string; url: string }[] {
  const match = /^(postgres(?:ql)?:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!match) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const [, scheme = '', authority = '', rest = ''] = match;
  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hosts = authority.slice(at + 1).split(',');
  const [path = '', query = ''] = splitOnce(rest, '?');
  const params = new URLSearchParams(query);
  const attrs = params.get('target_session_attrs') ?? 'read-write';
  if (attrs !== 'read-write' && attrs !== 'primary') {
    throw new Error(
      `target_session_attrs=${attrs} is not supported: the server writes, so it needs read-write (or primary)`,
    );
  }
  params.delete('target_session_attrs');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  return hosts.map((host) => {
    if (host === '' && hosts.length > 1) throw new Error('DATABASE_URL lists an empty host');
    return { host, url: `${scheme}${userInfo}${host}${path}${search}` };
  });
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}

export function createPrimaryPool(url: string, config: PoolConfig): PrimaryPool {
  const candidates = hostUrls(url);
  let current: { pool: pg.Pool; host: string } | undefined;
  let searching: Promise<{ pool: pg.Pool; host: string }> | undefined;
  let lastFailure: { at: number; error: DatabaseUnavailableError } | undefined;
  let ended = false;
  // Kysely keys its connection objects by client, so each client gets one wrapper for life.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const drop = (pool: pg.Pool) => {
    if (current?.pool !== pool) return;
    current = undefined;
    // Checked-out clients leave the ended pool as they are released.
    pool.end().catch(() => undefined);
  };

  const openPool = (hostUrl: string): pg.Pool => {
    const pool = new pg.Pool({
      ...config,
      connectionString: hostUrl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    });
    // Without these listeners a dead connection's 'error' event would crash the process.
    pool.on('error', () => drop(pool));
    pool.on('connect', (client) => client.on('error', () => drop(pool)));
    return pool;
  };

  const search = async (): Promise<{ pool: pg.Pool; host: string }> => {
    const reasons: string[] = [];
    for (const candidate of candidates) {
      const verdict = await probe(candidate.url);
      if (verdict === 'writable') return { pool: openPool(candidate.url), host: candidate.host };
      reasons.push(`${candidate.host}: ${verdict}`);
    }
    throw new DatabaseUnavailableError(`no writable PostgreSQL primary (${reasons.join('; ')})`);
  };

  const primary = async (): Promise<{ pool: pg.Pool; host: string }> => {
    if (ended) throw new Error('the database pool has been closed');
    if (current) return current;
    if (lastFailure && Date.now() - lastFailure.at < SEARCH_COOLDOWN_MS) throw lastFailure.error;
    searching ??= search()
      .then((found) => {
        lastFailure = undefined;
        if (ended) {
          void found.pool.end();
          throw new Error('the database pool has been closed');
        }
        current = found;
        return found;
      })
      .catch((error: unknown) => {
        if (error instanceof DatabaseUnavailableError) lastFailure = { at: Date.now(), error };
        throw error;
      })
      .finally(() => {
        searching = undefined;
      });
    return searching;
  };

  const wrap = (pool: pg.Pool, client: pg.PoolClient): PostgresPoolClient => {
    const known = wrappers.get(client);
    if (known) return known;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const wrapper = {
      // A statement that meets a read-only server or a dead connection sends the next request
      // looking for the primary again. (A cursor is returned as it is.)
      query(...args: unknown[]) {
        const result = query(...args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (isDatabaseUnavailable(error)) drop(pool);
          throw error;
        });
      },
      release: (destroy?: boolean) => client.release(destroy),
    } as PostgresPoolClient;
    wrappers.set(client, wrapper);
    return wrapper;
  };

  return {
    async connect() {
      const { pool } = await primary();
      try {
        return wrap(pool, await pool.connect());
      } catch (error) {
        // A queue timeout means a busy pool, not a lost primary: keep it.
        if (!/timeout exceeded when trying to connect/i.test(String(error))) drop(pool);
        throw new DatabaseUnavailableError('the PostgreSQL primary does not accept connections', error);
      }
    },
    async end() {
      ended = true;
      const pool = current?.pool;
      current = undefined;
      await pool?.end();
    },
    currentHost: () => current?.host,
  };
}

/** Whether the server at `url` accepts connections and writes. */
async function probe(url: string): Promise<'writable' | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ recovery: boolean; read_only: string }>(
      "SELECT pg_is_in_recovery() AS recovery, current_setting('transaction_read_only') AS read_only",
    );
    const row = rows[0];
    if (row?.recovery) return 'a standby (in recovery)';
    if (row?.read_only !== 'off') return 'read-only';
    return 'writable';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
