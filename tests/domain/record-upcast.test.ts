import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMA_VERSION, recordSchema } from '../../src/domain/record-envelope';
import { derivedId, upcastRecord } from '../../src/domain/record-upcast';
import { sampleDispute, samplePatrol, type sampleRentalInspection } from '../support/sample-records';
import { v1Dispute, v1Inspection, v1Patrol } from '../support/v1-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';

describe('record upcast', () => {
  it.each([
    ['patrol', v1Patrol],
    ['rentalInspection', v1Inspection],
    ['dispute', v1Dispute],
  ])('turns a v1 %s into a valid record of the current version', (_kind, make) => {
    const old = make(ID);
    expect(recordSchema.safeParse(old).success).toBe(false);
    const upcast = upcastRecord(old);
    const parsed = recordSchema.safeParse(upcast);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect((upcast as { schemaVersion: number }).schemaVersion).toBe(RECORD_SCHEMA_VERSION);
  });

  it('takes a v2 record to v3 with its body as it was (v3 only adds dispute signatures)', () => {
    for (const current of [samplePatrol(ID), sampleDispute(ID)]) {
      const v2 = { ...current, schemaVersion: 2 };
      expect(recordSchema.safeParse(v2).success).toBe(false);
      expect(upcastRecord(v2)).toEqual({ ...current, schemaVersion: 3 });
    }
  });

  it('is deterministic: two upcasts of one record agree to the byte', () => {
    for (const make of [v1Patrol, v1Inspection, v1Dispute]) {
      expect(JSON.stringify(upcastRecord(make(ID)))).toBe(JSON.stringify(upcastRecord(make(ID))));
    }
  });

  it('leaves current and unknown records alone', () => {
    const current = samplePatrol(ID);
    expect(upcastRecord(current)).toBe(current);
    const junk = { schemaVersion: 1, kind: 'spaceship', body: {} };
    expect(upcastRecord(junk)).toBe(junk);
    expect(upcastRecord(null)).toBe(null);
  });

  it('makes one hazard per failed item, handled as the v1 overall result said', () => {
    const upcast = upcastRecord(v1Inspection(ID)) as ReturnType<typeof sampleRentalInspection>;
    expect(upcast.body.hazards).toEqual([
      {
        id: derivedId(ID, 1),
        itemCode: 'EB01',
        description: '电动车停放在门厅',
        hazardLevel: 'major',
        handling: 'deadline',
        deadline: '2026-11-27',
        status: 'rectifying',
        rechecks: [],
      },
    ]);
  });

  it('keeps a v1 "fixed on site" without a photo open: the fix has no proof', () => {
    const old = v1Inspection(ID);
    old.body.overallResult = 'fixedOnSite';
    delete old.body.rectificationDeadline;
    const upcast = upcastRecord(old) as ReturnType<typeof sampleRentalInspection>;
    expect(upcast.body.hazards[0]).toMatchObject({ handling: 'onSite', status: 'open' });
    expect(recordSchema.safeParse(upcast).success).toBe(true);
  });

  it('derives child ids that stay valid uuids and differ per child', () => {
    expect(derivedId(ID, 1)).toBe('0190a5d2-7a3b-7c4d-8e9f-000000000001');
    expect(derivedId(ID, 2)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-0{11}2$/);
  });
});
