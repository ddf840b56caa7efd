/** What one configuration of the server load bench logged, and the figures reported from it. */
import { percentile, round } from './stats';

export interface LoadLog {
  /** Latency of every push request answered (any status), ms. */
  pushMs: number[];
  /** Latency of every pull request (one page each) answered, ms. */
  pullMs: number[];
  /** Ids of the records the server answered `applied` for. */
  appliedIds: string[];
  /** Records received by pulls. */
  pulledChanges: number;
  /** One line per failed request or mutation not applied: a bench that hides these measures nothing. */
  errors: string[];
}

export function emptyLoadLog(): LoadLog {
  return { pushMs: [], pullMs: [], appliedIds: [], pulledChanges: 0, errors: [] };
}

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  /** The slowest request: a lock that wakes its waiters out of order shows here first. */
  maxMs: number;
}

export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  return {
    requests: samples.length,
    p50Ms: round(percentile(samples, 50), 1),
    p95Ms: round(percentile(samples, 95), 1),
    maxMs: round(percentile(samples, 100), 1),
  };
}

export interface LoadFigures {
  windowSeconds: number;
  recordsPushed: number;
  /** Records applied per second over the whole measured window, from the first request to the last answer. */
  recordsPerSecond: number;
  push: LatencySummary;
  pull: LatencySummary;
  pulledChanges: number;
  errors: number;
}

export function loadFigures(log: LoadLog, windowMs: number): LoadFigures {
  return {
    windowSeconds: round(windowMs / 1000, 1),
    recordsPushed: log.appliedIds.length,
    recordsPerSecond: windowMs > 0 ? round(log.appliedIds.length / (windowMs / 1000), 0) : Number.NaN,
    push: summarizeLatencies(log.pushMs),
    pull: summarizeLatencies(log.pullMs),
    pulledChanges: log.pulledChanges,
    errors: log.errors.length,
  };
}
