/**
 * Samples pg_stat_activity while the load bench runs: how many of the servers' connections sit
 * waiting on a lock. Pushes queue on the change counter row holding a pooled connection each, so
 * this tells whether a slow pull waited for the database or for a free connection in the pool.
 */
import pg from 'pg';
import { median } from './stats';

const SAMPLE_EVERY_MS = 500;

export interface LockSamples {
  /** Server connections open (any state) at each sample. */
  connections: number[];
  /** Of those, waiting on a lock. */
  waiting: number[];
}

export interface LockWaits {
  samples: number;
  connectionsMedian: number;
  waitingMedian: number;
  waitingMax: number;
}

/** Samples into `into` until the returned stop is called. */
export async function sampleLockWaits(url: string, into: LockSamples): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ open: number; waiting: number }>(
        `SELECT count(*)::int AS open, (count(*) FILTER (WHERE wait_event_type = 'Lock'))::int AS waiting
           FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid()`,
      );
      into.connections.push(rows[0]?.open ?? 0);
      into.waiting.push(rows[0]?.waiting ?? 0);
      await new Promise((wake) => setTimeout(wake, SAMPLE_EVERY_MS));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await client.end();
  };
}

export function summarizeLockWaits(samples: LockSamples): LockWaits {
  return {
    samples: samples.waiting.length,
    connectionsMedian: median(samples.connections),
    waitingMedian: median(samples.waiting),
    waitingMax: Math.max(0, ...samples.waiting),
  };
}
