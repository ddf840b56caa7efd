/**
 * The export's columns (src/domain/export-columns.ts): every personal column names a personal
 * field of its kind, a masked row never carries a raw personal value of the samples, and an
 * unmasked row carries them as entered, dates in China time.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportHeaders, exportRow } from '../../src/domain/export-columns';
import { KINDS } from '../../src/domain/kinds/index';
import type { GridRecord } from '../../src/domain/record-envelope';
import { RECORD_KINDS } from '../../src/domain/record-kinds';
import {
  sampleDispute,
  sampleGridEvent,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-00000000aaaa';
const SAMPLES: GridRecord[] = [
  samplePatrol(ID),
  sampleRentalInspection(ID),
  sampleDispute(ID),
  sampleGridEvent(ID),
  sampleRentalHouse(ID),
];
/** The personal values the samples hold in exported columns. */
const RAW = [
  '王建国',
  '13812341234',
  '320111196805121234',
  '李秀英',
  '13912345678',
  '32011119800101123X',
  '5栋302室',
];

describe('export columns', () => {
  it('name only personal fields their kind declares', () => {
    for (const kind of RECORD_KINDS)
      for (const column of EXPORT_COLUMNS[kind])
        if (column.personal !== undefined)
          expect(Object.keys(KINDS[kind].personalFields), `${kind} ${column.header}`).toContain(
            column.personal,
          );
  });

  it('give one header per cell', () => {
    for (const record of SAMPLES)
      expect(exportRow(record, true)).toHaveLength(exportHeaders(record.kind).length);
  });

  it('mask every personal value by its class, and show them unmasked when asked', () => {
    const masked = JSON.stringify(SAMPLES.map((record) => exportRow(record, true)));
    for (const raw of RAW) expect(masked).not.toContain(raw);
    expect(masked).toContain('王*国');
    expect(masked).toContain('138****1234');
    expect(masked).toContain('320***********1234');
    expect(masked).toContain('湖滨新寓5栋***室');
    const unmasked = JSON.stringify(SAMPLES.map((record) => exportRow(record, false)));
    for (const raw of RAW) expect(unmasked).toContain(raw);
  });

  it('write instants in China time', () => {
    const row = exportRow(sampleDispute(ID), true);
    expect(row[exportHeaders('dispute').indexOf('登记时间')]).toBe('2026-11-20 09:30');
    const late = sampleGridEvent(ID);
    late.body.reportedAt = '2026-11-20T23:30:00.000Z';
    expect(exportRow(late, true)[exportHeaders('gridEvent').indexOf('上报时间')]).toBe('2026-11-21 07:30');
  });
});
