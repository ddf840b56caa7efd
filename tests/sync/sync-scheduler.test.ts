import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSyncOutcome } from '../../src/sync/sync-runner';
import {
  backoffDelayMs,
  IDLE_INTERVAL_MS,
  MAX_BACKOFF_MS,
  MIN_BACKOFF_MS,
  SAVE_DEBOUNCE_MS,
  startSyncScheduler,
} from '../../src/sync/sync-scheduler';

afterEach(() => vi.useRealTimers());

function scripted(outcomes: RunSyncOutcome[]) {
  const run = vi.fn(
    async (): Promise<RunSyncOutcome> => outcomes.shift() ?? { status: 'ok', pushed: 0, pulled: 0 },
  );
  return run;
}

describe('backoff', () => {
  it('doubles from 5 s to a 5 min cap with at most 20 % jitter', () => {
    expect(backoffDelayMs(1, () => 0.5)).toBe(MIN_BACKOFF_MS);
    expect(backoffDelayMs(2, () => 0.5)).toBe(2 * MIN_BACKOFF_MS);
    expect(backoffDelayMs(30, () => 0.5)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(1, () => 0)).toBe(0.8 * MIN_BACKOFF_MS);
    expect(backoffDelayMs(1, () => 1)).toBe(1.2 * MIN_BACKOFF_MS);
  });
});

describe('sync scheduler', () => {
  it('syncs at start, then retries an offline failure after the backoff', async () => {
    vi.useFakeTimers();
    const run = scripted([{ status: 'offline', error: 'no network' }]);
    const scheduler = startSyncScheduler({ run, random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(MIN_BACKOFF_MS - 1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('debounces saves into one pass', async () => {
    vi.useFakeTimers();
    const run = scripted([]);
    const scheduler = startSyncScheduler({ run });
    await vi.advanceTimersByTimeAsync(0);
    run.mockClear();
    scheduler.request('save');
    scheduler.request('save');
    scheduler.request('save');
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('runs again at once when a pass stopped its pull for an edit, then idles', async () => {
    vi.useFakeTimers();
    const run = scripted([{ status: 'ok', pushed: 0, pulled: 500, more: true }]);
    const scheduler = startSyncScheduler({ run });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(IDLE_INTERVAL_MS - 1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('polls again a minute after a successful pass', async () => {
    vi.useFakeTimers();
    const run = scripted([]);
    const scheduler = startSyncScheduler({ run });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(IDLE_INTERVAL_MS);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('waits for a sign-in after unauthorized instead of retrying', async () => {
    vi.useFakeTimers();
    const run = scripted([{ status: 'unauthorized' }]);
    const scheduler = startSyncScheduler({ run });
    await vi.advanceTimersByTimeAsync(MAX_BACKOFF_MS * 2);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.request('signin');
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('runs once more when asked during a pass, never two at once', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    let concurrent = 0;
    let maxConcurrent = 0;
    const run = vi.fn(async (): Promise<RunSyncOutcome> => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      concurrent -= 1;
      return { status: 'ok', pushed: 0, pulled: 0 };
    });
    const scheduler = startSyncScheduler({ run });
    await vi.advanceTimersByTimeAsync(0);
    scheduler.request('online');
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    expect(maxConcurrent).toBe(1);
    scheduler.stop();
  });
  it('keeps a save’s debounce when the pass in flight ends first, instead of waiting for the idle poll', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const run = vi.fn(
      () =>
        new Promise<RunSyncOutcome>((resolve) => {
          release = () => resolve({ status: 'ok', pushed: 1, pulled: 0 });
        }),
    );
    const scheduler = startSyncScheduler({ run });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    // 处置完成 is saved while the pass that pushed 开始处置 is still running, and that pass ends
    // before the save's debounce is up: the save still goes out after the debounce.
    scheduler.request('save');
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS / 2);
    release();
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS / 2);
    expect(run).toHaveBeenCalledTimes(2);
    release();
    // Then the idle poll as usual, a minute after that pass.
    await vi.advanceTimersByTimeAsync(IDLE_INTERVAL_MS - 1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('keeps a save’s debounce over the backoff of a failed pass', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const run = vi.fn(
      () =>
        new Promise<RunSyncOutcome>((resolve) => {
          release = () => resolve({ status: 'offline', error: 'Failed to fetch' });
        }),
    );
    const scheduler = startSyncScheduler({ run, random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(0);
    scheduler.request('save');
    release();
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });
});
