/**
 * At most `limit` pushes of one process at the database at once; the others wait here, in memory.
 * Every push takes the change-counter row lock, so on PostgreSQL only one makes progress at a time
 * anyway; without the gate the waiting ones each hold a pool connection while they wait for the
 * lock, and pulls — which need no lock — queue behind them for a connection (bench/server-load.ts
 * measured pull p50 ten times higher with one process than with two).
 */
export interface Gate {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Pushes inside the gate now (for tests). */
  readonly active: number;
}

export function createGate(limit: number): Gate {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return {
    get active() {
      return active;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((enter) => waiting.push(enter));
      active += 1;
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/** One push holds the counter lock, one more is ready to take it; the rest wait in memory. */
export const MAX_CONCURRENT_PUSHES = 2;
