/** Stored rows of each kind for the home-list tests, built around one envelope. */
import type { GridRecord } from '../../src/domain/record-envelope';
import type { LocalRecord } from '../../src/sync/local-db';

let next = 0;

export function storedRow(
  kind: string,
  body: Record<string, unknown>,
  fields: { updatedAt?: string; gridId?: string; deleted?: boolean } = {},
): LocalRecord {
  next += 1;
  const id = `0195764e-0000-7000-8000-${String(next).padStart(12, '0')}`;
  const updatedAt = fields.updatedAt ?? '2025-03-08T02:00:00.000Z';
  const gridId = fields.gridId ?? 'hubin-01';
  const record = {
    id,
    kind,
    gridId,
    rev: 1,
    createdAt: updatedAt,
    createdBy: 'u1',
    updatedAt,
    updatedBy: 'u1',
    deleted: fields.deleted ?? false,
    schemaVersion: 2,
    body,
  } as unknown as GridRecord;
  return { id, kind: kind as LocalRecord['kind'], gridId, updatedAt, syncState: 'synced', record };
}

export const patrol = (content: string, fields?: Parameters<typeof storedRow>[2]) =>
  storedRow(
    'patrol',
    {
      patrolTypes: ['antiFraud'],
      startedAt: '2025-03-08T01:00:00.000Z',
      householdsVisited: 3,
      content,
      status: 'submitted',
    },
    fields,
  );

export const inspection = (
  body: { address?: string; status?: string; rectificationDeadline?: string },
  fields?: Parameters<typeof storedRow>[2],
) =>
  storedRow(
    'rentalInspection',
    {
      address: '湖滨花园3栋502室',
      landlordName: '张三明',
      landlordPhone: '13812345678',
      inspectionType: 'routine',
      inspectedAt: '2025-03-08T01:00:00.000Z',
      checklist: [{ itemCode: 'EB01', result: 'fail' }],
      // The list reads overdue from the hazards; the deadline of the one hazard is the inspection's.
      hazards: [
        {
          id: 'h1',
          itemCode: 'EB01',
          description: '电动车入户',
          hazardLevel: 'major',
          handling: body.rectificationDeadline ? 'deadline' : 'onSite',
          ...(body.rectificationDeadline ? { deadline: body.rectificationDeadline } : {}),
          status: body.rectificationDeadline ? 'rectifying' : 'open',
          rechecks: [],
        },
      ],
      overallResult: 'rectifying',
      status: 'rectifying',
      ...body,
    },
    fields,
  );

export const dispute = (
  body: {
    title?: string;
    status?: string;
    registeredAt?: string;
    extensions?: { days: number; reason: string }[];
  },
  fields?: Parameters<typeof storedRow>[2],
) =>
  storedRow(
    'dispute',
    {
      title: '楼上漏水引发邻里纠纷',
      disputeType: 'neighbor',
      summary: '602室卫生间漏水，联系电话 139-1356-1234',
      registeredAt: '2025-03-01T02:00:00.000Z',
      parties: [
        {
          id: 'p1',
          role: 'party',
          partyType: 'natural',
          name: '陈立新',
          phone: '13913561234',
          idNo: '320102198001011234',
        },
        { id: 'p2', role: 'party', partyType: 'natural', name: '周红梅', phone: '15951781234' },
      ],
      riskLevel: 'yellow',
      status: 'mediating',
      ...body,
    },
    fields,
  );
