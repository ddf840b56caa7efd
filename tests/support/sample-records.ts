/** Valid sample records of each kind, for tests. Each call returns fresh objects. */
import { NO_FINDINGS } from '../../src/domain/patrol';
import type {
  DisputeRecord,
  GridEventRecord,
  PatrolRecord,
  RentalHouseRecord,
  RentalInspectionRecord,
} from '../../src/domain/record-envelope';
import { RECORD_SCHEMA_VERSION } from '../../src/domain/record-kinds';

const AT = '2026-11-20T09:30:00.000+08:00';

function envelope(id: string, gridId: string, userId: string) {
  return {
    id,
    gridId,
    rev: 0,
    createdAt: AT,
    createdBy: userId,
    updatedAt: AT,
    updatedBy: userId,
    deleted: false,
    schemaVersion: RECORD_SCHEMA_VERSION as typeof RECORD_SCHEMA_VERSION,
  };
}

export function samplePatrol(id: string, gridId = 'g1', userId = 'u1'): PatrolRecord {
  return {
    ...envelope(id, gridId, userId),
    kind: 'patrol',
    body: {
      patrolTypes: ['antiFraud', 'rentalInspection'],
      startedAt: AT,
      householdsVisited: 12,
      findings: { ...NO_FINDINGS, fireHazards: 1 },
      selfResolvedCount: 1,
      reportedCount: 0,
      content: '走访湖滨新寓3栋,发放反诈宣传资料20份',
      antiFraud: {
        householdsReached: 12,
        peopleReached: 20,
        materials: 20,
        appInstalled: 5,
        alertsEnabled: 5,
      },
      location: { lngLat: [118.75, 32.22], accuracyM: 15, capturedAt: AT },
      status: 'submitted',
    },
  };
}

export function sampleRentalInspection(id: string, gridId = 'g1', userId = 'u1'): RentalInspectionRecord {
  return {
    ...envelope(id, gridId, userId),
    kind: 'rentalInspection',
    body: {
      address: '大厂街道湖滨新寓5栋302室',
      landlordName: '王建国',
      landlordPhone: '13812341234',
      inspectionType: 'routine',
      inspectedAt: AT,
      checklist: [
        { itemCode: 'EB01', result: 'fail', note: '电动车停放在门厅' },
        { itemCode: 'FE01', result: 'pass' },
      ],
      hazards: [
        {
          id: '0190a5d2-7a3b-7c4d-8e9f-0000000000e1',
          itemCode: 'EB01',
          description: '电动车停放在门厅',
          hazardLevel: 'major',
          handling: 'deadline',
          deadline: '2026-11-27',
          status: 'rectifying',
          rechecks: [],
        },
      ],
      overallResult: 'rectifying',
      rectificationDeadline: '2026-11-27',
      status: 'submitted',
    },
  };
}

export function sampleDispute(id: string, gridId = 'g1', userId = 'u1'): DisputeRecord {
  return {
    ...envelope(id, gridId, userId),
    kind: 'dispute',
    body: {
      title: '楼上漏水邻里纠纷',
      disputeType: 'neighbor',
      summary: '502室卫生间漏水至402室,双方就维修费用产生争执',
      registeredAt: AT,
      parties: [
        {
          id: '0190a5d2-7a3b-7c4d-8e9f-0123456789ab',
          role: 'applicant',
          partyType: 'natural',
          name: '李秀英',
          phone: '13912345678',
        },
        {
          id: '0190a5d2-7a3b-7c4d-8e9f-0123456789ac',
          role: 'respondent',
          partyType: 'natural',
          name: '赵伟',
          idNo: '32011119800101123X',
        },
      ],
      source: 'gridReport',
      nature: 'individual',
      involvedCount: 2,
      riskLevel: 'yellow',
      handlingLevel: 'grid',
      sessions: [],
      followUps: [],
      flowLogs: [],
      status: 'reported',
    },
  };
}

export function sampleRentalHouse(id: string, gridId = 'g1', userId = 'u1'): RentalHouseRecord {
  return {
    ...envelope(id, gridId, userId),
    kind: 'rentalHouse',
    body: {
      address: '大厂街道湖滨新寓5栋302室',
      houseType: 'suite',
      rentalUsage: 'residence',
      rentalMode: 'byRoom',
      roomCount: 3,
      occupantCount: 5,
      landlordType: 'individual',
      landlordName: '王建国',
      landlordIdType: 'idCard',
      landlordIdNo: '320111196805121234',
      landlordPhone: '13812341234',
      leaseDeclared: true,
      responsibilityLetterSigned: true,
      tenants: [
        {
          id: '0190a5d2-7a3b-7c4d-8e9f-0000000000f1',
          name: '孙晓东',
          phone: '13705171234',
          residenceRegistration: 'registered',
        },
      ],
      status: 'active',
    },
  };
}

/** A 上报事件 just reported at grid level by `userId` (a 安全隐患, so with its photo). */
export function sampleGridEvent(id: string, gridId = 'g1', userId = 'u1'): GridEventRecord {
  return {
    ...envelope(id, gridId, userId),
    kind: 'gridEvent',
    body: {
      title: '消防通道被电动车堵塞',
      categoryL1: 'safetyHazard',
      categoryL2: 'eBike',
      description: '湖滨新寓5栋楼道口停放电动车6辆，堵塞消防通道',
      reportedAt: AT,
      source: 'patrol',
      nature: 'individual',
      scale: 'minor',
      photoIds: ['b'.repeat(64)],
      handlingMode: 'reportUp',
      reportedBy: userId,
      reportedLevel: 'grid',
      handlingLevel: 'grid',
      address: '湖滨新寓5栋',
      location: { lngLat: [118.75, 32.22], accuracyM: 15, capturedAt: AT },
      flowLogs: [],
      status: 'reported',
    },
  };
}

/** A dispute mediated to a written agreement (调解成功), unsigned: what the 协议书 is printed from. */
export function sampleAgreedDispute(id: string, gridId = 'g1', userId = 'u1'): DisputeRecord {
  const record = sampleDispute(id, gridId, userId);
  record.body = {
    ...record.body,
    consentToMediate: true,
    rightsNotifiedAt: AT,
    mediationOrg: '大厂街道湖滨社区人民调解委员会',
    mediators: [{ id: '0190a5d2-7a3b-7c4d-8e9f-0123456789ad', userId, name: '陈调解' }],
    agreementType: 'written',
    agreement: {
      agreementNo: '(2026)湖滨人调字第12号',
      facts: '502室卫生间防水层老化漏水,致402室顶面受损。',
      terms: '赵伟于十日内修复防水层,并赔偿李秀英维修费800元。',
      amountYuan: 800,
      performanceMethod: '现金支付',
      performanceDeadline: '2026-12-01',
    },
    status: 'success',
  };
  return record;
}
