/**
 * Runs at most `concurrency` async tasks at once and queues up to `maxWaiting` more, started in
 * arrival order as slots free; a task beyond that is refused at once (QueueFullError) instead of
 * piling up, so a burst costs the caller a quick "busy" rather than everyone a long wait.
 */
export class QueueFullError extends Error {
  constructor() {
    super('Too many tasks waiting');
    this.name = 'QueueFullError';
  }
}

export interface ConcurrencyLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly concurrency: number;
  readonly maxWaiting: number;
  /** Tasks running now. */
  readonly running: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

export function createConcurrencyLimiter(options: {
  concurrency: number;
  maxWaiting: number;
}): ConcurrencyLimiter {
  let running = 0;
  const queue: Array<() => void> = [];

  function release(): void {
    const next = queue.shift();
    // The slot passes straight to the next task, so `running` stays as it is.
    if (next) next();
    else running -= 1;
  }

  return {
    concurrency: options.concurrency,
    maxWaiting: options.maxWaiting,
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < options.concurrency) running += 1;
      else if (queue.length >= options.maxWaiting) throw new QueueFullError();
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
