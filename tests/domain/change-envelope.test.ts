import { describe, expect, it } from 'vitest';
import { changeEnvelopeSchema, readChange } from '../../src/domain/change-envelope';
import { RECORD_SCHEMA_VERSION } from '../../src/domain/record-envelope';
import { upcastRecord } from '../../src/domain/record-upcast';
import { samplePatrol } from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';

describe('reading a pulled change by its envelope', () => {
  it('reads a record of a kind and version this app knows', () => {
    const patrol = samplePatrol(ID);
    expect(readChange(patrol)).toEqual({ as: 'record', record: patrol });
  });

  it('upcasts an older body version before reading it', () => {
    const {
      findings: _f,
      selfResolvedCount: _s,
      reportedCount: _r,
      antiFraud: _a,
      ...v1Body
    } = samplePatrol(ID).body;
    const v1 = { ...samplePatrol(ID), schemaVersion: 1, body: v1Body };
    expect(readChange(v1)).toEqual({ as: 'record', record: upcastRecord(v1) });
  });

  it('keeps a kind it does not know, and a newer body version, whole for a newer app', () => {
    const event = { ...samplePatrol(ID), kind: 'streetLamp', schemaVersion: 1, body: { title: '井盖缺失' } };
    const future = {
      ...samplePatrol(ID),
      schemaVersion: RECORD_SCHEMA_VERSION + 1,
      body: { anything: ['a newer app decides'] },
      // A field a newer server may add to the envelope is kept too.
      syncedVia: 'gateway',
    };
    expect(readChange(event)).toEqual({ as: 'newer', change: event });
    expect(readChange(future)).toEqual({ as: 'newer', change: future });
  });

  it('calls unreadable a known kind and version whose body breaks the schema', () => {
    const patrol = samplePatrol(ID);
    expect(readChange({ ...patrol, body: { ...patrol.body, householdsVisited: -1 } })).toEqual({
      as: 'unreadable',
      id: ID,
    });
  });

  it('calls unreadable a change whose envelope is broken, whatever its kind', () => {
    const event = { ...samplePatrol(ID), kind: 'streetLamp', schemaVersion: 1, body: {} };
    for (const broken of [
      { ...event, kind: '' },
      { ...event, kind: 7 },
      { ...event, schemaVersion: 0 },
      { ...event, schemaVersion: 1.5 },
      { ...event, rev: -1 },
      { ...event, gridId: 'a grid/with spaces' },
      { ...event, updatedAt: 'yesterday' },
      { ...event, deleted: 'no' },
      { ...event, body: ['not', 'an', 'object'] },
      { ...event, body: null },
    ]) {
      expect(changeEnvelopeSchema.safeParse(broken).success).toBe(false);
      expect(readChange(broken)).toEqual({ as: 'unreadable', id: ID });
    }
  });
});
