import { describe, expect, it } from 'vitest';
import {
  defaultDeadline,
  emptyAnswer,
  failedItems,
  inspectionBodyFrom,
  inspectionDraftFrom,
  suggestedLevel,
} from '../../src/app/kinds/rental-inspection/inspection-draft';
import { addDays, localDayOf } from '../../src/domain/due-dates';
import { type RentalInspectionBody, rentalInspectionBodySchema } from '../../src/domain/rental-inspection';
import { sampleRentalHouse, sampleRentalInspection } from '../support/sample-records';

const NOW = new Date('2026-11-27T02:00:00Z');
const FIX = 'c'.repeat(64);
const SEEN = 'd'.repeat(64);
const PATROL = '0190a5d2-7a3b-7c4d-8e9f-0000000000d1';
const HOUSE_ID = '0190a5d2-7a3b-7c4d-8e9f-000000000002';
let counter = 0;
const newId = () => `0190a5d2-7a3b-7c4d-8e9f-${(++counter).toString().padStart(12, '0')}`;

function context(previous?: RentalInspectionBody) {
  return {
    previous,
    now: NOW,
    newId,
    describe: (code: string) => `item ${code}`,
    patrol: { patrolId: PATROL },
    inspectorUserId: 'u-grid01',
  };
}

function newDraft() {
  const house = { id: HOUSE_ID, body: sampleRentalHouse(HOUSE_ID).body };
  return inspectionDraftFrom(undefined, { house, inspector: '张网格', inspectedAt: NOW.toISOString() });
}

describe('the inspection form’s draft and body', () => {
  it('copies the house into a new inspection and names the signed-in user as inspector', () => {
    const draft = newDraft();
    expect(draft).toMatchObject({
      rentalHouseId: HOUSE_ID,
      address: '大厂街道湖滨新寓5栋302室',
      landlordName: '王建国',
      landlordPhone: '13812341234',
      premises: { roomCount: 3, occupantCount: 5 },
      inspectors: '张网格',
    });
  });

  it('turns a fix on site and a deadline into hazards, and derives 限期整改 / 整改中', () => {
    const draft = newDraft();
    draft.answers = {
      EB03: {
        ...emptyAnswer(),
        result: 'fail',
        handling: 'onSite',
        photos: [{ sha256: SEEN }],
        fixPhotos: [{ sha256: FIX }],
      },
      EL01: {
        ...emptyAnswer(),
        result: 'fail',
        handling: 'deadline',
        deadline: '2026-12-04',
        responsibleParty: 'landlord',
      },
      FE01: { ...emptyAnswer(), result: 'pass' },
    };
    const body = inspectionBodyFrom(draft, context());
    const parsed = rentalInspectionBodySchema.safeParse(body);
    expect(parsed.success).toBe(true);
    const b = body as RentalInspectionBody;
    expect(b).toMatchObject({
      rentalHouseId: HOUSE_ID,
      patrolId: PATROL,
      overallResult: 'rectifying',
      status: 'rectifying',
      rectificationDeadline: '2026-12-04',
      inspectors: [{ name: '张网格', userId: 'u-grid01' }],
    });
    const onSite = b.hazards.find((h) => h.itemCode === 'EB03');
    expect(onSite).toMatchObject({
      handling: 'onSite',
      status: 'closed',
      hazardLevel: 'major',
      closedAt: NOW.toISOString(),
    });
    expect(onSite?.photoIds).toEqual([SEEN, FIX]);
    // The fix photo is listed on the entry too, where the server looks for a record's photos.
    expect(b.checklist.find((e) => e.itemCode === 'EB03')?.photoIds).toEqual([SEEN, FIX]);
    expect(b.hazards.find((h) => h.itemCode === 'EL01')).toMatchObject({
      handling: 'deadline',
      deadline: '2026-12-04',
      responsibleParty: 'landlord',
      status: 'rectifying',
    });
  });

  it('keeps a hazard open when 当场整改 has no photo of the fix, and says so', () => {
    const draft = newDraft();
    draft.answers = { EB03: { ...emptyAnswer(), result: 'fail', handling: 'onSite' } };
    const body = inspectionBodyFrom(draft, context()) as RentalInspectionBody;
    expect(body.hazards[0]).toMatchObject({ status: 'open' });
    expect(body.status).toBe('submitted');
    expect(failedItems(draft, new Set())).toEqual({ failed: ['EB03'], unhandled: ['EB03'] });
  });

  it('closes an inspection with nothing failed as 未发现隐患', () => {
    const draft = newDraft();
    draft.answers = { EB01: { ...emptyAnswer(), result: 'pass' } };
    expect(inspectionBodyFrom(draft, context())).toMatchObject({
      overallResult: 'noHazard',
      status: 'closed',
      hazards: [],
    });
  });

  it('suggests 重大 for a missing smoke detector once the house meets the street’s group-rental threshold', () => {
    expect(suggestedLevel('FE03', { blocksExit: false }, { roomCount: 3, occupantCount: 5 })).toEqual({
      level: 'general',
      basis: 'default',
    });
    expect(suggestedLevel('FE03', { blocksExit: false }, { roomCount: 10, occupantCount: 5 })).toEqual({
      level: 'major',
      basis: 'groupRentalThreshold',
    });
  });

  it('on an edit keeps the recorded hazards, the patrol link it had and fields the form does not show', () => {
    const previous = {
      ...sampleRentalInspection('0190a5d2-7a3b-7c4d-8e9f-000000000001').body,
      status: 'rectifying' as const,
    };
    const draft = inspectionDraftFrom(previous, { inspector: 'x', inspectedAt: previous.inspectedAt });
    draft.remarks = '房东已承诺周末清理';
    const body = inspectionBodyFrom(draft, context(previous)) as RentalInspectionBody;
    expect(body.hazards).toEqual(previous.hazards);
    expect(body.patrolId).toBeUndefined();
    expect(body).toMatchObject({
      remarks: '房东已承诺周末清理',
      status: 'rectifying',
      rectificationDeadline: '2026-11-27',
    });
  });

  it('defaults a 一般 deadline to a week from today in China', () => {
    expect(defaultDeadline('general', NOW)).toBe(addDays(localDayOf(NOW), 7));
    expect(defaultDeadline('major', NOW)).toBe('');
  });
});
