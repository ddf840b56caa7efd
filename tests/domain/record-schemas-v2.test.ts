import { describe, expect, it } from 'vitest';
import { toIssues } from '../../src/domain/protocol';
import { recordSchema } from '../../src/domain/record-envelope';
import {
  sampleDispute,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';
const AT = '2026-11-20T10:00:00.000+08:00';
const UUID = (n: number) => `0190a5d2-7a3b-7c4d-8e9f-${n.toString(16).padStart(12, '0')}`;

function issuePaths(value: unknown): string[] {
  const result = recordSchema.safeParse(value);
  return result.success ? [] : toIssues(result.error.issues).map((i) => i.path);
}

describe('patrol body v2', () => {
  it('requires the anti-fraud figures for an anti-fraud patrol', () => {
    const record = samplePatrol(ID);
    delete record.body.antiFraud;
    expect(issuePaths(record)).toEqual(['body.antiFraud']);
    record.body.patrolTypes = ['riskScreening'];
    expect(issuePaths(record)).toEqual([]);
  });

  it('refuses a patrol that ends before it started', () => {
    const record = samplePatrol(ID);
    record.body.endedAt = '2026-11-20T08:00:00.000+08:00';
    expect(issuePaths(record)).toEqual(['body.endedAt']);
  });

  it('takes a track as segments of [lng, lat, ms, accuracy] points', () => {
    const record = samplePatrol(ID);
    record.body.track = [{ id: UUID(1), points: [[118.75, 32.22, 1_790_000_000_000, 8]] }];
    expect(issuePaths(record)).toEqual([]);
    record.body.track = [{ id: UUID(1), points: [[218.75, 32.22, 1_790_000_000_000, 8]] }];
    expect(issuePaths(record)).toEqual(['body.track.0.points.0.0']);
  });

  it('names a negative finding count', () => {
    const record = samplePatrol(ID);
    record.body.findings.disputes = -1;
    expect(issuePaths(record)).toEqual(['body.findings.disputes']);
  });
});

describe('rental house', () => {
  it('accepts a valid house', () => {
    expect(issuePaths(sampleRentalHouse(ID))).toEqual([]);
  });

  it('checks the landlord ID number against its type', () => {
    const record = sampleRentalHouse(ID);
    record.body.landlordIdNo = '12345';
    expect(issuePaths(record)).toEqual(['body.landlordIdNo']);
    record.body.landlordIdType = 'businessLicense';
    record.body.landlordIdNo = '91320191MA1XXXXX0Y';
    expect(issuePaths(record)).toEqual([]);
    record.body.landlordIdType = 'other';
    record.body.landlordIdNo = 'HK-123';
    expect(issuePaths(record)).toEqual([]);
  });

  it('refuses a lease that ends before it starts', () => {
    const record = sampleRentalHouse(ID);
    record.body.leaseStart = '2026-06-01';
    record.body.leaseEnd = '2026-05-01';
    expect(issuePaths(record)).toEqual(['body.leaseEnd']);
  });

  it('checks a tenant resident ID number when its type says so', () => {
    const record = sampleRentalHouse(ID);
    const tenant = record.body.tenants[0];
    if (!tenant) throw new Error('sample has a tenant');
    tenant.idType = 'idCard';
    tenant.idNo = '1234';
    expect(issuePaths(record)).toEqual(['body.tenants.0.idNo']);
  });
});

describe('rental inspection hazards', () => {
  it('needs a hazard for every failed item once submitted, not in a draft', () => {
    const record = sampleRentalInspection(ID);
    record.body.hazards = [];
    expect(issuePaths(record)).toEqual(['body.hazards']);
    record.body.status = 'draft';
    expect(issuePaths(record)).toEqual([]);
  });

  it('needs a deadline for a deadline hazard and a unit for a referred one', () => {
    const record = sampleRentalInspection(ID);
    const hazard = record.body.hazards[0];
    if (!hazard) throw new Error('sample has a hazard');
    delete hazard.deadline;
    expect(issuePaths(record)).toEqual(['body.hazards.0.deadline']);
    hazard.handling = 'referred';
    expect(issuePaths(record)).toEqual(['body.hazards.0.referredTo']);
    hazard.referredTo = 'fireRescue';
    expect(issuePaths(record)).toEqual([]);
  });

  it('needs a photo for a hazard fixed on site', () => {
    const record = sampleRentalInspection(ID);
    const hazard = record.body.hazards[0];
    if (!hazard) throw new Error('sample has a hazard');
    hazard.handling = 'onSite';
    hazard.status = 'fixedOnSite';
    expect(issuePaths(record)).toEqual(['body.hazards.0.photoIds']);
    hazard.photoIds = ['a'.repeat(64)];
    expect(issuePaths(record)).toEqual([]);
  });
});

describe('dispute stages', () => {
  function accepted() {
    const record = sampleDispute(ID);
    record.body.status = 'accepted';
    record.body.consentToMediate = true;
    record.body.mediators = [{ id: UUID(9), name: '何建华' }];
    return record;
  }

  it('needs consent and a mediator once accepted', () => {
    const record = sampleDispute(ID);
    record.body.status = 'accepted';
    expect(issuePaths(record)).toEqual(['body.consentToMediate', 'body.mediators']);
    expect(issuePaths(accepted())).toEqual([]);
  });

  it('needs the rights notice once mediating', () => {
    const record = accepted();
    record.body.status = 'mediating';
    expect(issuePaths(record)).toEqual(['body.rightsNotifiedAt']);
    record.body.rightsNotifiedAt = AT;
    expect(issuePaths(record)).toEqual([]);
  });

  it('needs an agreement only once mediation succeeded', () => {
    const record = accepted();
    record.body.rightsNotifiedAt = AT;
    record.body.status = 'mediating';
    expect(issuePaths(record)).toEqual([]);
    record.body.status = 'success';
    expect(issuePaths(record)).toEqual(['body.agreement']);
    record.body.agreementType = 'oral';
    record.body.agreement = { terms: '赔偿维修费800元' };
    expect(issuePaths(record)).toEqual([]);
  });

  it('needs the reason and the routes told when mediation fails', () => {
    const record = accepted();
    record.body.rightsNotifiedAt = AT;
    record.body.status = 'failed';
    expect(issuePaths(record)).toEqual(['body.failureReason', 'body.routesNotified']);
    record.body.failureReason = '双方分歧过大';
    record.body.routesNotified = ['litigation'];
    expect(issuePaths(record)).toEqual([]);
  });

  it('needs a follow-up record once followed up, and the destination once transferred', () => {
    const record = sampleDispute(ID);
    record.body.status = 'transferred';
    expect(issuePaths(record)).toEqual(['body.referredTo']);
    record.body.referredTo = 'policeStation';
    expect(issuePaths(record)).toEqual([]);
  });
});
