/**
 * 0019: events stored before the supervision kept its rows get them from their stored clock, so
 * the job finds the late ones among them too; finished, deleted and red events get none.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { sampleGridEvent } from '../support/sample-records';
import { DIALECTS, HUBIN_GRID_1 } from '../support/test-server';
import { migratedFrom } from './migration-fixture';

const CLOCK = {
  stepKey: 'report',
  step: 'accept',
  startedAt: '2026-11-20T01:30:00.000Z',
  warnDay: '2026-11-23',
  yellowDay: '2026-11-23',
  redDay: '2026-11-24',
} as const;

function row(record: GridEventRecord, changeSeq: number) {
  return {
    id: record.id,
    kind: record.kind,
    grid_id: record.gridId,
    rev: record.rev,
    change_seq: changeSeq,
    deleted: record.deleted ? 1 : 0,
    created_at: record.createdAt,
    created_by: record.createdBy,
    updated_at: record.updatedAt,
    updated_by: record.updatedBy,
    schema_version: record.schemaVersion,
    body: JSON.stringify(record.body),
    received_at: record.updatedAt,
  };
}

describe.each(DIALECTS)('the event clocks migration (%s)', (dialect) => {
  it('0019: gives each clocked event its row from the stored clock and card, and none to the rest', async () => {
    const event = (changes: Partial<GridEventRecord['body']>, deleted = false): GridEventRecord => {
      const sample = sampleGridEvent(randomUUID(), HUBIN_GRID_1, 'demo-hb-grid01');
      return { ...sample, rev: 1, deleted, body: { ...sample.body, ...changes } };
    };
    const waiting = event({ clock: CLOCK });
    const yellow = event({ clock: CLOCK, supervision: 'yellow' });
    const red = event({ clock: CLOCK, supervision: 'red' });
    const finished = event({});
    const deleted = event({ clock: CLOCK }, true);
    const { db, drop } = await migratedFrom(dialect, '0018_event_time_limits', async (old) => {
      await old
        .insertInto('records')
        .values([waiting, yellow, red, finished, deleted].map((record, index) => row(record, index + 1)))
        .execute();
    });
    try {
      const rows = await db.selectFrom('event_clocks').selectAll().orderBy('due_day').execute();
      // The red one has no card left to earn; the finished and the deleted ones no clock.
      expect(rows).toEqual([
        {
          record_id: waiting.id,
          grid_id: HUBIN_GRID_1,
          step_key: 'report',
          yellow_day: '2026-11-23',
          red_day: '2026-11-24',
          card: 'none',
          due_day: '2026-11-23',
        },
        {
          record_id: yellow.id,
          grid_id: HUBIN_GRID_1,
          step_key: 'report',
          yellow_day: '2026-11-23',
          red_day: '2026-11-24',
          card: 'yellow',
          due_day: '2026-11-24',
        },
      ]);
      expect(await db.selectFrom('scheduled_jobs').selectAll().execute()).toEqual([]);
    } finally {
      await drop();
    }
  });
});
