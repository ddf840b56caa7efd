/**
 * `npm run admin -- db-size`: every table once with its row count and size, largest first, and
 * sizes that follow what is written — a patrol-day's GPS track shows up once, encoded, in
 * track_segments, and the tables that keep a copy of the record grow by a page at most.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridRecord } from '../../src/domain/record-envelope';
import { encodeTrackPoints } from '../../src/domain/track-codec';
import { databaseSize } from '../../src/server/db/table-sizes';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, mutation, startTestServer, type TestServer } from '../support/test-server';
import { walkedTrack } from '../support/walked-track';
import { adminRunner, lent } from './admin-runner';

/** The tables of schema.ts. */
const TABLES = [
  'audit_log',
  'clients',
  'counters',
  'login_throttle',
  'mutations',
  'orgs',
  'record_revisions',
  'records',
  'sessions',
  'street_settings',
  'track_segments',
  'user_assignments',
  'users',
];
/** Tables that hold a whole copy of a pushed record (its track named, not copied). */
const RECORD_COPIES = ['records', 'record_revisions', 'audit_log'];

describe.each(DIALECTS)('database size by table (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  const admin = (...argv: string[]) =>
    adminRunner(
      async () => lent(server.db),
      () => new Date(),
    )(...argv);

  it('prints every table once with its row count, largest first, and the whole database', async () => {
    const { code, out } = await admin('db-size');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^table\s+rows\s+size$/);
    const rows = lines
      .map((line) => /^(\w+)\s+([\d,]+)\s+([\d.]+) (B|KB|MB|GB)$/.exec(line))
      .filter((match) => match !== null);
    const names = rows.map((match) => match[1]);
    for (const table of TABLES)
      expect(
        names.filter((name) => name === table),
        table,
      ).toHaveLength(1);
    const printedRows = (table: string) => Number(rows.find((m) => m[1] === table)?.[2]?.replaceAll(',', ''));
    expect(printedRows('users')).toBe(15);
    expect(printedRows('records')).toBe(await server.count('records'));
    expect(printedRows('audit_log')).toBe(await server.count('audit_log'));
    expect(out).toMatch(
      dialect === 'sqlite' ? /^database file: [\d.]+ (KB|MB)/m : /^database: [\d.]+ (KB|MB)/m,
    );

    const { tables } = await databaseSize(server.db);
    expect(names).toEqual(tables.map((t) => t.table));
    const bytes = tables.map((t) => t.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
  });

  it("grows by a patrol-day's track once, in track_segments, not in each copy of the record", async () => {
    const who = await server.login('hb-grid01');
    // A first push makes the tables' first pages, so what follows measures one patrol, not them.
    await server.push(who.token, randomUUID(), [
      mutation(samplePatrol(randomUUID(), HUBIN_GRID_1, who.user.id)),
    ]);
    const before = await databaseSize(server.db);
    const track = walkedTrack(Date.parse('2026-11-26T00:30:00.000Z'));
    const base = samplePatrol(randomUUID(), HUBIN_GRID_1, who.user.id);
    const patrol = { ...base, body: { ...base.body, track } } as GridRecord;
    const reply = await server.push(who.token, randomUUID(), [mutation(patrol)]);
    expect(reply.body.results[0].status).toBe('applied');
    const after = await databaseSize(server.db);

    const trackBytes = JSON.stringify(track).length;
    const encodedBytes = track.reduce((sum, s) => sum + (encodeTrackPoints(s.points)?.length ?? 0), 0);
    const of = (size: typeof before, table: string) => size.tables.find((t) => t.table === table);
    const grown = (table: string) => (of(after, table)?.bytes ?? 0) - (of(before, table)?.bytes ?? 0);
    for (const table of RECORD_COPIES) {
      expect(of(after, table)?.rows, table).toBe((of(before, table)?.rows ?? 0) + 1);
      expect(grown(table), `${table} grew`).toBeLessThan(trackBytes * 0.1);
    }
    expect(of(after, 'track_segments')?.rows).toBe((of(before, 'track_segments')?.rows ?? 0) + track.length);
    // The encoded points hardly compress (PostgreSQL's TOAST keeps most of them); SQLite stores them as they are.
    expect(grown('track_segments')).toBeGreaterThan(encodedBytes * (dialect === 'sqlite' ? 0.9 : 0.5));
    expect(grown('track_segments')).toBeLessThan(trackBytes * 0.5);
    // The stored first result names the revision instead of copying the record: a page at most.
    expect(of(after, 'mutations')?.rows).toBe((of(before, 'mutations')?.rows ?? 0) + 1);
    const result = (of(after, 'mutations')?.bytes ?? 0) - (of(before, 'mutations')?.bytes ?? 0);
    expect(result, 'mutations grew').toBeLessThan(trackBytes * 0.1);
    expect(after.totalBytes).toBeGreaterThan(before.totalBytes);
  });
});
