/**
 * Samples pg_stat_activity while a bench runs: how many of the servers' connections sit waiting on
 * a lock. Pushes to one street queue on its change counter row (and one client's pushes on its
 * client row) holding a pooled connection each, so this tells whether a slow pull waited for the
 * database or for a free connection in the pool; pushes to different streets should never wait.
 */
import pg from 'pg';
import { median } from './stats';

const SAMPLE_EVERY_MS = 500;

export interface LockSamples {
  /** Server connections open (any state) at each sample. */
  connections: number[];
  /** Of those, waiting on a lock. */
  waiting: number[];
  /** Waits seen, by the kind of lock (pg_stat_activity.wait_event: `tuple`, `transactionid`, `extend`…). */
  events?: Record<string, number>;
}

export interface LockWaits {
  samples: number;
  connectionsMedian: number;
  waitingMedian: number;
  waitingMax: number;
  /** Share of the samples in which at least one connection waited on a lock. */
  samplesWaiting: number;
  /** Waits seen, by the kind of lock. */
  events: Record<string, number>;
}

/** Samples into `into` until the returned stop is called. */
export async function sampleLockWaits(
  url: string,
  into: LockSamples,
  everyMs = SAMPLE_EVERY_MS,
): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ open: number; waiting: number; events: string | null }>(
        `SELECT count(*)::int AS open, (count(*) FILTER (WHERE wait_event_type = 'Lock'))::int AS waiting,
                string_agg(wait_event, ',') FILTER (WHERE wait_event_type = 'Lock') AS events
           FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid()`,
      );
      into.connections.push(rows[0]?.open ?? 0);
      into.waiting.push(rows[0]?.waiting ?? 0);
      for (const event of rows[0]?.events?.split(',') ?? []) {
        into.events ??= {};
        into.events[event] = (into.events[event] ?? 0) + 1;
      }
      await new Promise((wake) => setTimeout(wake, everyMs));
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
    samplesWaiting:
      samples.waiting.length === 0
        ? 0
        : Math.round((samples.waiting.filter((n) => n > 0).length / samples.waiting.length) * 100) / 100,
    events: samples.events ?? {},
  };
}
