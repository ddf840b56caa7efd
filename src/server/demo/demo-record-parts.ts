/** Building blocks shared by the demo record builders: stable ids, envelopes, dates in China. */
import { createHash } from 'node:crypto';
import { type GridRecord, RECORD_SCHEMA_VERSION } from '../../domain/record-envelope';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A stable RFC 9562 version-8 (name-based, custom) uuid. */
export function demoUuid(name: string): string {
  const hex = createHash('sha256').update(`gridkeeper-demo/${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Makes the envelope of a demo record of `kind` stamped at `at`. */
export type EnvelopeOf = (kind: string, at: string) => Omit<GridRecord, 'kind' | 'body'>;

/** A demo record's envelope: synced once (rev 1) by `author` at `at`. */
export function demoEnvelope(
  name: string,
  gridId: string,
  at: string,
  author: string,
): Omit<GridRecord, 'kind' | 'body'> {
  return {
    id: demoUuid(name),
    gridId,
    rev: 1,
    createdAt: at,
    createdBy: author,
    updatedAt: at,
    updatedBy: author,
    deleted: false,
    schemaVersion: RECORD_SCHEMA_VERSION,
  };
}

/** The i-th item, wrapping around; lists are non-empty by type so this always answers. */
export function pick<T>(list: readonly [T, ...T[]], i: number): T {
  return list[i % list.length] ?? list[0];
}

/** `days` before `now`, at `hour` o'clock in China. */
export function daysAgo(now: Date, days: number, hour: number): string {
  const at = new Date(now.getTime() - days * DAY_MS);
  at.setUTCHours(hour - 8, 0, 0, 0); // hour in China Standard Time (UTC+8)
  return at.toISOString();
}

/** Degrees rounded to 6 decimals (about 0.1 m), as a GPS would report them. */
export function round6(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}
