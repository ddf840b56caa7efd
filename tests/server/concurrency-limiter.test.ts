import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter, QueueFullError } from '../../src/server/auth/concurrency-limiter';
import { hashPassword, passwordHashing, verifyPassword } from '../../src/server/auth/password';

/** A task that runs until the test ends it, recording when it started. */
function gate(started: string[], name: string) {
  let finish: (value: string) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const task = () => {
    started.push(name);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { task, finish: () => finish(name), fail: (error: Error) => fail(error) };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrency limiter', () => {
  it('runs at most `concurrency` tasks at once and starts the waiting ones in order as slots free', async () => {
    const limiter = createConcurrencyLimiter({ concurrency: 2, maxWaiting: 10 });
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = gates.map((g) => limiter.run(g.task));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect([limiter.running, limiter.waiting]).toEqual([2, 2]);

    gates[1]?.finish();
    expect(await results[1]).toBe('b');
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    expect([limiter.running, limiter.waiting]).toEqual([2, 1]);

    // A task that fails frees its slot like one that succeeds.
    gates[0]?.fail(new Error('boom'));
    await expect(results[0]).rejects.toThrow('boom');
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);

    gates[2]?.finish();
    gates[3]?.finish();
    expect(await Promise.all([results[2], results[3]])).toEqual(['c', 'd']);
    expect([limiter.running, limiter.waiting]).toEqual([0, 0]);
  });

  it('refuses a task at once, without running it, when `maxWaiting` tasks already wait', async () => {
    const limiter = createConcurrencyLimiter({ concurrency: 1, maxWaiting: 2 });
    const started: string[] = [];
    const gates = ['a', 'b', 'c'].map((name) => gate(started, name));
    const accepted = gates.map((g) => limiter.run(g.task));
    const refused = gate(started, 'refused');
    await expect(limiter.run(refused.task)).rejects.toBeInstanceOf(QueueFullError);
    for (const g of gates) {
      await settle();
      g.finish();
    }
    expect(await Promise.all(accepted)).toEqual(['a', 'b', 'c']);
    expect(started).toEqual(['a', 'b', 'c']);
    // Room again once the queue has drained.
    const later = gate(started, 'later');
    const result = limiter.run(later.task);
    await settle();
    later.finish();
    expect(await result).toBe('later');
  });

  it('is what password hashing runs through: with its slots busy and its queue full, a check is refused at once', async () => {
    const started: string[] = [];
    const blockers = Array.from(
      { length: passwordHashing.concurrency + passwordHashing.maxWaiting },
      (_, i) => gate(started, `blocker-${i}`),
    );
    const blocked = blockers.map((g) => passwordHashing.run(g.task));
    const stored = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    await expect(verifyPassword('guess', stored)).rejects.toBeInstanceOf(QueueFullError);
    await expect(hashPassword('new password')).rejects.toBeInstanceOf(QueueFullError);
    for (const g of blockers) {
      await settle();
      g.finish();
    }
    await Promise.all(blocked);
    expect(await verifyPassword('right', await hashPassword('right'))).toBe(true);
    expect(passwordHashing.concurrency).toBe(2);
  });
});
