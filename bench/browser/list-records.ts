/**
 * A year-shaped device for the home list: `count` records of the three kinds, one every
 * 10 minutes back from `now` (index 0 newest), with known answers for tests:
 * - kinds cycle patrol, rentalInspection, dispute (index % 3);
 * - inspections are 整改中 when index % 6 === 1 (else 已闭环); their deadline is long past when
 *   index % 12 === 1 (overdue) and far ahead when index % 12 === 7;
 * - inspection addresses are `湖滨花园<index>号楼`, landlords 钱立群 / 13812341234;
 * - disputes are 调解中 when index % 6 === 2 (else 已结案), registered when last updated;
 * - patrol content starts `第<index>号巡查`.
 */
import { NO_FINDINGS } from '../../src/domain/patrol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { RECORD_SCHEMA_VERSION } from '../../src/domain/record-envelope';
import { type LocalRecord, syncedRow } from '../../src/sync/local-db';
import { uuidV7 } from '../../src/sync/uuid-v7';

const STEP_MS = 10 * 60 * 1000;
export const LIST_LANDLORD = { name: '钱立群', phone: '13812341234' };
export const LIST_PARTY_ID_NO = '320102198001011234';

function listRecord(i: number, now: number, gridId: string, userId: string): GridRecord {
  const ms = now - (i + 1) * STEP_MS;
  const at = new Date(ms).toISOString();
  const envelope: Omit<GridRecord, 'kind' | 'body'> = {
    id: uuidV7(ms),
    gridId,
    rev: 1,
    createdAt: at,
    createdBy: userId,
    updatedAt: at,
    updatedBy: userId,
    deleted: false,
    schemaVersion: RECORD_SCHEMA_VERSION,
  };
  if (i % 3 === 0) {
    return {
      ...envelope,
      kind: 'patrol',
      body: {
        patrolTypes: ['riskScreening'],
        startedAt: at,
        householdsVisited: i % 30,
        findings: { ...NO_FINDINGS, fireHazards: i % 2 },
        selfResolvedCount: i % 2,
        reportedCount: 0,
        content: `第${i}号巡查：走访楼栋，检查消防通道`,
        status: 'submitted',
      },
    };
  }
  if (i % 3 === 1) {
    const rectifying = i % 6 === 1;
    const deadline = i % 12 === 1 ? '2020-01-10' : '2099-12-31';
    return {
      ...envelope,
      kind: 'rentalInspection',
      body: {
        address: `湖滨花园${i}号楼`,
        landlordName: LIST_LANDLORD.name,
        landlordPhone: LIST_LANDLORD.phone,
        inspectionType: 'routine',
        inspectedAt: at,
        checklist: [{ itemCode: 'EB01', result: rectifying ? 'fail' : 'pass' }],
        hazards: rectifying
          ? [
              {
                id: uuidV7(ms),
                itemCode: 'EB01',
                description: '电动车入户',
                hazardLevel: 'major',
                handling: 'deadline',
                deadline,
                status: 'rectifying',
                rechecks: [],
              },
            ]
          : [],
        overallResult: rectifying ? 'rectifying' : 'noHazard',
        ...(rectifying ? { rectificationDeadline: deadline } : {}),
        status: rectifying ? 'rectifying' : 'closed',
      },
    };
  }
  const party = (name: string) => ({
    id: uuidV7(),
    role: 'party' as const,
    partyType: 'natural' as const,
    name,
    phone: '13913561234',
    idNo: LIST_PARTY_ID_NO,
  });
  return {
    ...envelope,
    kind: 'dispute',
    body: {
      title: `第${i}号邻里纠纷`,
      disputeType: 'neighbor',
      summary: '楼上卫生间漏水至楼下，双方就维修费用争执',
      registeredAt: at,
      parties: [party('陈立新'), party('周红梅')],
      source: 'gridReport',
      nature: 'individual',
      involvedCount: 2,
      riskLevel: 'none',
      consentToMediate: true,
      rightsNotifiedAt: at,
      handlingLevel: 'grid',
      mediators: [{ id: uuidV7(ms), name: '何建华' }],
      sessions: [],
      followUps: [],
      flowLogs: [],
      ...(i % 6 === 2 ? { status: 'mediating' as const } : { status: 'closed' as const, closedAt: at }),
    },
  };
}

/** The rows, as the device keeps records it has synced (no outbox: nothing to push). */
export function listRows(count: number, now: number, gridId: string, userId: string): LocalRecord[] {
  return Array.from({ length: count }, (_, i) => syncedRow(listRecord(i, now, gridId, userId)));
}
