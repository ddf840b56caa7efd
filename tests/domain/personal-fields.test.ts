import { describe, expect, it } from 'vitest';
import { recordFacts } from '../../src/domain/access-rules';
import { KINDS } from '../../src/domain/kinds/index';
import {
  ERASED_ID_NO,
  ERASED_PHONE,
  ERASED_TEXT,
  withoutPersonalData,
} from '../../src/domain/personal-fields';
import { type GridRecord, recordSchema } from '../../src/domain/record-envelope';
import {
  sampleDispute,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';

const AT = '2026-11-20T09:30:00.000+08:00';
const uuid = (n: number) => `0190a5d2-7a3b-7c4d-8e9f-${String(n).padStart(12, '0')}`;
const location = { lngLat: [118.75, 32.22] as [number, number], accuracyM: 15, capturedAt: AT };

/** One record of each kind with every personal field of its kind's personalFields filled. */
function fullRecords(): GridRecord[] {
  const patrol = samplePatrol(uuid(1));
  patrol.body = {
    ...patrol.body,
    accompaniedBy: [{ id: uuid(2), name: '刘海涛', duty: '社区民警' }],
    track: [{ id: uuid(3), points: [[118.75, 32.22, 1_700_000_000_000, 10]] }],
    location,
  };

  const house = sampleRentalHouse(uuid(10));
  house.body = {
    ...house.body,
    managerName: '钱物业',
    managerPhone: '025-58001234',
    remarks: '房东说二楼住着他表弟周某',
    location,
    tenants: [
      {
        id: uuid(11),
        name: '孙晓东',
        idType: 'idCard',
        idNo: '320106199001011234',
        phone: '13705171234',
        householdRegistration: '安徽省滁州市',
        workplace: '南钢集团',
        relationToPrimaryTenant: '表弟',
        residenceRegistration: 'registered',
      },
    ],
  };

  const inspection = sampleRentalInspection(uuid(20));
  const [hazard] = inspection.body.hazards;
  if (!hazard) throw new Error('the sample inspection has a hazard');
  inspection.body = {
    ...inspection.body,
    presentPerson: { name: '孙晓东', relation: 'tenant' },
    inspectors: [{ id: uuid(21), userId: 'demo-hb-grid01', name: '王丽' }],
    remarks: '租客孙晓东称房东不让装烟感',
    location,
    hazards: [
      {
        ...hazard,
        referredTo: 'lawEnforcement',
        feedback: '执法队已通知房东王建国',
        rechecks: [{ id: uuid(22), at: AT, by: 'demo-hb-grid01', result: 'failed', note: '孙晓东不在家' }],
      },
    ],
  };

  const dispute = sampleDispute(uuid(30));
  const [applicant, respondent] = dispute.body.parties;
  if (!applicant || !respondent) throw new Error('the sample dispute has two parties');
  dispute.body = {
    ...dispute.body,
    claims: '赔偿维修费3000元',
    parties: [
      { ...applicant, gender: 'female', age: 56, occupation: '退休教师', address: '湖滨新寓5栋402室' },
      respondent,
    ],
    mediators: [{ id: uuid(31), userId: 'demo-hb-mediator', name: '周桂芳' }],
    extensions: [{ id: uuid(32), at: AT, days: 15, reason: '赵伟出差', partiesConsented: true }],
    sessions: [
      {
        id: uuid(33),
        at: AT,
        place: '湖滨社区调解室',
        participants: '李秀英、赵伟',
        mediators: '周桂芳',
        recorder: '王丽',
        statements: '李秀英称漏水三个月',
        verifiedFacts: '502室防水层破损',
        outcome: 'noAgreement',
      },
    ],
    consentToMediate: true,
    rightsNotifiedAt: AT,
    agreementType: 'written',
    agreement: {
      facts: '502室漏水',
      terms: '赵伟赔偿李秀英2000元',
      performanceMethod: '转账给李秀英',
      performancePlace: '湖滨社区',
    },
    failureReason: '赵伟拒绝',
    transferFeedback: '派出所已联系赵伟',
    followUps: [
      {
        id: uuid(34),
        at: AT,
        by: '王丽',
        partyVisited: '李秀英',
        performance: 'fulfilled',
        satisfaction: 'satisfied',
        residualRisk: false,
        measures: '请赵伟每月检查',
      },
    ],
    flowLogs: [
      {
        id: uuid(35),
        at: AT,
        by: 'demo-hb-grid01',
        byName: '王丽',
        action: 'accept',
        fromStatus: 'reported',
        toStatus: 'accepted',
        reason: '李秀英申请',
      },
    ],
    place: '湖滨新寓5栋',
    location,
    status: 'followedUp',
    performanceStatus: 'fulfilled',
  };
  return [patrol, house, inspection, dispute];
}

/** Every value at a dotted path (`*` = each list item). */
function valuesAt(node: unknown, path: readonly string[]): unknown[] {
  const [key, ...rest] = path;
  if (key === undefined) return [node];
  if (typeof node !== 'object' || node === null) return [];
  if (key === '*') return Array.isArray(node) ? node.flatMap((item) => valuesAt(item, rest)) : [];
  const child = (node as Record<string, unknown>)[key];
  return child === undefined ? [] : valuesAt(child, rest);
}

describe.each(fullRecords().map((record) => [record.kind, record] as const))(
  'a %s tombstone',
  (_, record) => {
    it('is a valid record to start from, with every personal field filled (so the test covers all)', () => {
      expect(recordSchema.safeParse(record).error).toBeUndefined();
      for (const path of Object.keys(KINDS[record.kind].personalFields)) {
        expect(valuesAt(record.body, path.split('.')), path).not.toEqual([]);
      }
    });

    it('keeps none of the personal values, and is still a valid record', () => {
      const erased = withoutPersonalData(record);
      expect(recordSchema.safeParse(erased).error).toBeUndefined();
      for (const path of Object.keys(KINDS[record.kind].personalFields)) {
        for (const value of valuesAt(erased.body, path.split('.'))) {
          expect([ERASED_TEXT, ERASED_PHONE, ERASED_ID_NO], path).toContain(value);
        }
      }
      const json = JSON.stringify(erased);
      // The sample values of the sample records by hand too: phones, ID numbers and names.
      for (const secret of ['13812341234', '320111196805121234', '32011119800101123X', '李秀英', '孙晓东']) {
        expect(json).not.toContain(secret);
      }
    });

    it('keeps the envelope, the facts access rules read, and the fields that are not personal', () => {
      const erased = withoutPersonalData(record);
      const { body: _b, ...envelope } = record;
      const { body: _e, ...erasedEnvelope } = erased;
      expect(erasedEnvelope).toEqual(envelope);
      expect(recordFacts(erased)).toEqual(recordFacts(record));
      expect((erased.body as { status: string }).status).toBe((record.body as { status: string }).status);
      expect(record).toEqual(fullRecords().find((r) => r.id === record.id));
    });
  },
);
