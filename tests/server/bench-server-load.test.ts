/** Pure helpers of the server load bench (bench/server-load.ts): what it pushes and how it sums up. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { type LoadDevice, loadPatrol } from '../../bench/load-device';
import { emptyLoadLog, loadFigures, summarizeLatencies } from '../../bench/load-figures';
import { recordSchema } from '../../src/domain/record-envelope';

const device: LoadDevice = {
  name: 'hb-grid01#0',
  token: 't',
  userId: 'demo-hb-grid01',
  gridId: 'dachang-hubin-01',
  clientId: crypto.randomUUID(),
  seq: 0,
  cursor: undefined,
  turn: 0,
};

describe('server load bench', () => {
  it('pushes valid v2 patrols with a track, in the device grid, each with its own id', () => {
    const first = loadPatrol(device);
    const second = loadPatrol(device);
    const parsed = z.safeParse(recordSchema, first);
    expect(parsed.success).toBe(true);
    expect(first.gridId).toBe('dachang-hubin-01');
    expect(first.kind === 'patrol' && first.body.track?.[0]?.points.length).toBe(20);
    expect(second.id).not.toBe(first.id);
  });

  it('summarizes latencies as nearest-rank p50, p95 and the slowest', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(samples)).toEqual({ requests: 100, p50Ms: 50, p95Ms: 95, maxMs: 100 });
  });

  it('rates only the applied records over the window and counts every error', () => {
    const log = emptyLoadLog();
    log.appliedIds.push(...Array.from({ length: 500 }, (_, i) => `r${i}`));
    log.pushMs.push(10, 20);
    log.errors.push('push hb-aux#4: rejected forbidden');
    const figures = loadFigures(log, 2_000);
    expect(figures.recordsPerSecond).toBe(250);
    expect(figures.recordsPushed).toBe(500);
    expect(figures.errors).toBe(1);
    expect(figures.pull.requests).toBe(0);
  });
});
