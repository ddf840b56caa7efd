import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridRecord } from '../../src/domain/record-envelope';
import { insertAuditEntries, insertAuditEntry } from '../../src/server/db/audit-log.repository';
import { findRecord, insertRecords } from '../../src/server/db/records.repository';
import { samplePatrol } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1, startTestServer, type TestServer } from '../support/test-server';
import { walkedTrack } from '../support/walked-track';
import { type AdminRun, adminRunner, lent } from './admin-runner';

const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(DIALECTS)('audit retention (%s)', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  const admin: AdminRun = (...argv) =>
    adminRunner(
      async () => lent(server.db),
      () => NOW,
    )(...argv);

  it('keeps three years: refuses a later cut-off and removes only older rows, auditing the removal', async () => {
    await insertAuditEntry(server.db, { at: '2022-06-01T00:00:00.000Z', userId: 'old', action: 'login' });
    await insertAuditEntry(server.db, { at: '2024-06-01T00:00:00.000Z', userId: 'recent', action: 'login' });
    const before = await server.count('audit_log');

    const tooRecent = await admin('prune-audit', '--before', '2024-01-01');
    expect(tooRecent.code).not.toBe(0);
    expect(tooRecent.err).toContain('at least 3 years');
    expect(await server.count('audit_log')).toBe(before);

    const pruned = await admin('prune-audit', '--before', '2023-11-26');
    expect(pruned.err).toBe('');
    expect(pruned.out).toBe('Removed 1 audit row older than 2023-11-26.');
    const users = (await server.db.selectFrom('audit_log').select('user_id').execute()).map((r) => r.user_id);
    expect(users).not.toContain('old');
    expect(users).toContain('recent');
    const record = await server.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'admin.pruneAudit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(record.after ?? 'null')).toEqual({ before: '2023-11-26', removed: 1 });
  });
});

describe.each(DIALECTS)('audit retention and tracks (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it("drops a deleted record's track once the pruned rows were the last to name it, and keeps a live one's", async () => {
    const at = '2022-06-01T00:00:00.000Z';
    const withTrack = (id: string): GridRecord => {
      const base = samplePatrol(id, HUBIN_GRID_1, 'demo-hb-grid01');
      return { ...base, rev: 1, body: { ...base.body, track: walkedTrack(Date.parse(at), 40) } };
    };
    const live = withTrack(randomUUID());
    const deleted = withTrack(randomUUID());
    // The deleted record's tombstone holds no track (personal-fields.ts); its old audit rows did.
    const tombstone = { ...deleted, rev: 2, deleted: true, body: { ...deleted.body, track: undefined } };
    await insertRecords(server.db, [
      { record: live, changeSeq: 900_001, receivedAt: at },
      { record: tombstone as GridRecord, changeSeq: 900_002, receivedAt: at },
    ]);
    await insertAuditEntries(
      server.db,
      [live, deleted].map((record) => ({
        at,
        userId: 'demo-hb-grid01',
        action: 'create',
        recordId: record.id,
        kind: 'patrol',
        before: null,
        after: record,
      })),
    );
    const segmentsOf = async (id: string) =>
      (await server.db.selectFrom('track_segments').select('key').where('record_id', '=', id).execute())
        .length;
    expect(await segmentsOf(live.id)).toBe(4);
    expect(await segmentsOf(deleted.id)).toBe(4);

    const pruned = await adminRunner(
      async () => lent(server.db),
      () => NOW,
    )('prune-audit', '--before', '2023-11-26');
    expect(pruned.code).toBe(0);
    expect(await segmentsOf(deleted.id)).toBe(0);
    expect(await segmentsOf(live.id)).toBe(4);
    expect(await findRecord(server.db, live.id)).toEqual(live);
  });
});

describe('the audit log is append-only in the server code', () => {
  it('has no update of audit rows but the lossless track move, and deletes them only in the retention command', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(resolve(import.meta.dirname, '../../src/server'));
    const touching = files.filter((file) =>
      /(updateTable|deleteFrom)\('audit_log'\)/.test(readFileSync(file, 'utf8')),
    );
    // Migration 0015 moves the tracks in before/after to track_segments, leaving references that
    // read back exactly as they were (track-segments-migration.test.ts): the form changes, not the history.
    // An export's one row (issue 13 §4: who, when, filter, row count) is written `started` before
    // its first byte and settled once with its outcome and count (export-streaming.test.ts).
    expect(touching.map((file) => file.slice(file.indexOf('src/server'))).sort()).toEqual([
      'src/server/admin/audit-retention.ts',
      'src/server/db/audit-log.repository.ts',
      'src/server/db/migrations/0015-tracks-segments.ts',
    ]);
  });
});
