import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { type GridEventBody, gridEventBodySchema } from '../../src/domain/grid-event';

const PHOTO = 'b'.repeat(64);
const DEPT = 'dachang-zhifa';

const reported = (overrides: Partial<GridEventBody> = {}): GridEventBody => ({
  title: '消防通道被电动车堵塞',
  categoryL1: 'safetyHazard',
  categoryL2: 'eBike',
  description: '湖滨新寓5栋楼道口停放电动车6辆，堵塞消防通道',
  reportedAt: '2026-09-30T08:00:00.000Z',
  source: 'patrol',
  nature: 'individual',
  scale: 'minor',
  photoIds: [PHOTO],
  handlingMode: 'reportUp',
  reportedBy: 'demo-hb-grid01',
  reportedLevel: 'grid',
  handlingLevel: 'grid',
  flowLogs: [],
  status: 'reported',
  ...overrides,
});

/** The paths the schema refuses, or [] when it accepts the body. */
function refusedPaths(body: unknown): string[] {
  const result = z.safeParse(gridEventBodySchema, body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the 上报事件 body', () => {
  it('takes a reported safety hazard with its photo', () => {
    expect(refusedPaths(reported())).toEqual([]);
  });

  it('asks for a photo of a safety hazard, and not of a resident’s demand', () => {
    expect(refusedPaths(reported({ photoIds: [] }))).toEqual(['photoIds']);
    expect(
      refusedPaths(reported({ categoryL1: 'publicOpinion', categoryL2: 'demand', photoIds: [] })),
    ).toEqual([]);
  });

  it('files an event resolved on the spot, with how, and only such an event', () => {
    const selfResolved = reported({
      handlingMode: 'selfResolved',
      status: 'filed',
      selfResolvedNote: '已劝离挪车',
    });
    expect(refusedPaths(selfResolved)).toEqual([]);
    expect(refusedPaths({ ...selfResolved, selfResolvedNote: ' ' })).toEqual(['selfResolvedNote']);
    expect(refusedPaths({ ...selfResolved, status: 'reported' })).toEqual(['status']);
    expect(refusedPaths(reported({ status: 'filed' }))).toEqual(['status']);
  });

  it('names the department and deadline once dispatched, what was done once handled, why once rejected', () => {
    expect(refusedPaths(reported({ status: 'assigned' }))).toEqual(['departmentId']);
    expect(
      refusedPaths(reported({ status: 'assigned', departmentId: DEPT, deadline: '2026-10-09' })),
    ).toEqual([]);
    expect(
      refusedPaths(reported({ status: 'processed', departmentId: DEPT, deadline: '2026-10-09' })),
    ).toEqual(['handlingNote']);
    expect(refusedPaths(reported({ status: 'rejected' }))).toEqual(['rejectReason']);
  });

  it('refuses an impossible deadline, an unknown category, a control character, a level below the reporter’s', () => {
    expect(
      refusedPaths(reported({ status: 'assigned', departmentId: DEPT, deadline: '2026-02-30' })),
    ).toEqual(['deadline']);
    expect(refusedPaths({ ...reported(), categoryL1: 'noSuch' })).toEqual(['categoryL1']);
    expect([...new Set(refusedPaths(reported({ categoryL2: 'has space' })))]).toEqual(['categoryL2']);
    expect(refusedPaths(reported({ title: '堵塞\u0000' }))).toEqual(['title']);
    expect(refusedPaths(reported({ reportedLevel: 'community', handlingLevel: 'grid' }))).toEqual([
      'handlingLevel',
    ]);
  });
});

describe('an event’s category', () => {
  it('is a code the schema can check: a 矛盾纠纷 is a dispute type, the others may be a street’s own', () => {
    expect(refusedPaths(reported({ categoryL2: 'fire' }))).toEqual([]);
    // Only the street knows its own codes: the server's push checks those (event-change.test.ts).
    expect(refusedPaths(reported({ categoryL2: 'elevator', categoryL2Label: '电梯安全' }))).toEqual([]);
    expect(refusedPaths(reported({ categoryL2: 'Elevator' }))).toEqual(['categoryL2']);
    expect(refusedPaths(reported({ categoryL2: 'elevator', categoryL2Label: '电梯\u0000' }))).toEqual([
      'categoryL2Label',
    ]);
    expect(refusedPaths(reported({ categoryL1: 'dispute', categoryL2: 'neighbor', photoIds: [] }))).toEqual(
      [],
    );
    expect(refusedPaths(reported({ categoryL1: 'dispute', categoryL2: 'eBike', photoIds: [] }))).toEqual([
      'categoryL2',
    ]);
  });
});
