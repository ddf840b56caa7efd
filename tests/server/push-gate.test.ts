import { describe, expect, it } from 'vitest';
import { createGate } from '../../src/server/push/push-gate';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('push gate', () => {
  it('lets at most `limit` pushes in at once and every one through in the end', async () => {
    const gate = createGate(2);
    let inside = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate.run(async () => {
          inside += 1;
          most = Math.max(most, inside);
          await tick();
          inside -= 1;
          return i;
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
    expect(gate.active).toBe(0);
  });

  it('passes a failure on and still lets the next push in', async () => {
    const gate = createGate(1);
    const failing = gate.run(async () => {
      await tick();
      throw new Error('database gone');
    });
    const next = gate.run(async () => 'next');
    await expect(failing).rejects.toThrow('database gone');
    await expect(next).resolves.toBe('next');
    expect(gate.active).toBe(0);
  });
});
