import { describe, expect, it } from 'vitest';
import { photoIdsOf } from '../../src/domain/photo';
import { sampleRentalInspection } from '../support/sample-records';

const hex = (n: number) => n.toString(16).padStart(64, '0');

describe('photoIdsOf', () => {
  it('finds photos of the record, its checklist entries, hazards and rechecks, once each', () => {
    const record = sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001');
    record.body.photoIds = [hex(1)];
    const [entry] = record.body.checklist;
    const [hazard] = record.body.hazards;
    if (!entry || !hazard) throw new Error('the sample has an entry and a hazard');
    entry.photoIds = [hex(2), hex(1)];
    hazard.photoIds = [hex(3)];
    hazard.rechecks = [
      {
        id: '0190a5d2-7a3b-7c4d-8e9f-0000000000c1',
        at: record.body.inspectedAt,
        by: 'u1',
        result: 'passed',
        photoIds: [hex(4)],
      },
    ];
    expect(photoIdsOf(record.body).sort()).toEqual([hex(1), hex(2), hex(3), hex(4)]);
  });

  it('ignores anything that is not a list of strings under photoIds', () => {
    expect(photoIdsOf({ photoIds: 'x', note: { photoIds: [1, null, hex(5)] } })).toEqual([hex(5)]);
    expect(photoIdsOf(null)).toEqual([]);
  });
});
