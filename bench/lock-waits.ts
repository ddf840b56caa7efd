/**
 * Samples pg_stat_activity while the load bench runs: how many of the servers' connections sit
 * waiting on a lock. Pushes queue on the change counter row holding a pooled connection each, so
 * this tells whether a slow pull waited for the database or for a free connection in the pool.
 */
import pg from 'pg';
import { median } from './stats';

const SAMPLE_EVERY_MS = 500;

export interface LockWaits {
  samples: number;
  /** Server connections open (any state), median over the samples. */
  connectionsMedian: number;
  /** Of those, waiting on a lock: median and most at once. */
  waitingMedian: number;
  waitingMax: number;
}

export async function watchLockWaits(url: string): Promise<{ stop(): Promise<LockWaits> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const waiting: number[] = [];
  const connections: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ open: number; waiting: number }>(
        `SELECT count(*)::int AS open, (count(*) FILTER (WHERE wait_event_type = 'Lock'))::int AS waiting
           FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid()`,
      );
      connections.push(rows[0]?.open ?? 0);
      waiting.push(rows[0]?.waiting ?? 0);
      await new Promise((wake) => setTimeout(wake, SAMPLE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return {
        samples: waiting.length,
        connectionsMedian: median(connections),
        waitingMedian: median(waiting),
        waitingMax: Math.max(0, ...waiting),
      };
    },
  };
}
