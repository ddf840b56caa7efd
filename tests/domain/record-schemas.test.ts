import { describe, expect, it } from 'vitest';
import { toIssues } from '../../src/domain/protocol';
import { recordSchema } from '../../src/domain/record-envelope';
import { sampleDispute, samplePatrol, sampleRentalInspection } from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';

function issuePaths(value: unknown): string[] {
  const result = recordSchema.safeParse(value);
  return result.success ? [] : toIssues(result.error.issues).map((i) => i.path);
}

describe('record schemas', () => {
  it.each([
    ['patrol', samplePatrol(ID)],
    ['rentalInspection', sampleRentalInspection(ID)],
    ['dispute', sampleDispute(ID)],
  ])('accepts a valid %s record', (_kind, record) => {
    expect(recordSchema.safeParse(record).success).toBe(true);
  });

  it('rejects a patrol without a type and names the field', () => {
    const record = samplePatrol(ID);
    record.body.patrolTypes = [];
    expect(issuePaths(record)).toEqual(['body.patrolTypes']);
  });

  it('rejects a patrol whose content is only spaces', () => {
    const record = samplePatrol(ID);
    record.body.content = '   ';
    expect(issuePaths(record)).toEqual(['body.content']);
  });

  it('rejects a negative household count', () => {
    const record = samplePatrol(ID);
    record.body.householdsVisited = -1;
    expect(issuePaths(record)).toEqual(['body.householdsVisited']);
  });

  it('requires a rectification deadline when the result is rectifying', () => {
    const record = sampleRentalInspection(ID);
    delete record.body.rectificationDeadline;
    expect(issuePaths(record)).toEqual(['body.rectificationDeadline']);
  });

  it('refuses noHazard while a checklist item failed', () => {
    const record = sampleRentalInspection(ID);
    record.body.overallResult = 'noHazard';
    expect(issuePaths(record)).toEqual(['body.overallResult']);
  });

  it('rejects an unknown checklist item code', () => {
    const record = sampleRentalInspection(ID) as unknown as { body: { checklist: { itemCode: string }[] } };
    const first = record.body.checklist[0];
    if (first) first.itemCode = 'XX01';
    expect(issuePaths(record)).toEqual(['body.checklist.0.itemCode']);
  });

  it('rejects a bad landlord phone', () => {
    const record = sampleRentalInspection(ID);
    record.body.landlordPhone = '12345';
    expect(issuePaths(record)).toEqual(['body.landlordPhone']);
  });

  it('requires at least two parties in a dispute', () => {
    const record = sampleDispute(ID);
    record.body.parties = record.body.parties.slice(0, 1);
    expect(issuePaths(record)).toEqual(['body.parties']);
  });

  it('rejects a malformed ID number on a party', () => {
    const record = sampleDispute(ID);
    const party = record.body.parties[1];
    if (party) party.idNo = '3201111980010112';
    expect(issuePaths(record)).toEqual(['body.parties.1.idNo']);
  });

  it('rejects unknown fields in a body', () => {
    const record = { ...sampleDispute(ID), body: { ...sampleDispute(ID).body, extra: 1 } };
    expect(issuePaths(record)).toContain('body');
  });

  it('rejects an unknown kind, a bad id and a negative rev', () => {
    expect(issuePaths({ ...samplePatrol(ID), kind: 'event' })).toEqual(['kind']);
    expect(issuePaths({ ...samplePatrol(ID), id: 'not-a-uuid' })).toEqual(['id']);
    expect(issuePaths({ ...samplePatrol(ID), rev: -1 })).toEqual(['rev']);
  });

  it('rejects coordinates outside the globe', () => {
    const record = samplePatrol(ID);
    record.body.location = { lngLat: [200, 32], capturedAt: '2026-11-20T09:30:00.000+08:00' };
    expect(issuePaths(record)).toEqual(['body.location.lngLat.0']);
  });
});
