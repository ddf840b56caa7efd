/**
 * Stored rows of each kind for the home-list tests, built on the valid samples with the fields a
 * test is about changed. Each is a record this build reads (checked with the record schema), as
 * every row on a device is: pull and the forms validate before they store.
 */
import { type GridRecord, recordSchema } from '../../src/domain/record-envelope';
import type { RecordKind } from '../../src/domain/record-kinds';
import type { LocalRecord } from '../../src/sync/local-db';
import {
  sampleDispute,
  sampleGridEvent,
  samplePatrol,
  sampleRentalHouse,
  sampleRentalInspection,
} from '../support/sample-records';

let next = 0;

const SAMPLES: Record<RecordKind, (id: string) => GridRecord> = {
  patrol: samplePatrol,
  rentalInspection: sampleRentalInspection,
  dispute: sampleDispute,
  gridEvent: sampleGridEvent,
  rentalHouse: sampleRentalHouse,
};

type RowFields = { updatedAt?: string; gridId?: string; deleted?: boolean };

/** A stored, synced row of `kind`: the sample's body with `body`'s fields over it. */
export function storedRow(
  kind: RecordKind,
  body: Record<string, unknown>,
  fields: RowFields = {},
): LocalRecord {
  next += 1;
  const id = `0195764e-0000-7000-8000-${String(next).padStart(12, '0')}`;
  const updatedAt = fields.updatedAt ?? '2025-03-08T02:00:00.000Z';
  const gridId = fields.gridId ?? 'hubin-01';
  const sample = SAMPLES[kind](id);
  const record = recordSchema.parse({
    ...sample,
    gridId,
    rev: 1,
    createdAt: updatedAt,
    updatedAt,
    deleted: fields.deleted ?? false,
    body: { ...sample.body, ...body },
  });
  return { id, kind, gridId, updatedAt, syncState: 'synced', record };
}

export const patrol = (content: string, fields?: RowFields) =>
  storedRow(
    'patrol',
    { patrolTypes: ['antiFraud'], startedAt: '2025-03-08T01:00:00.000Z', content, status: 'submitted' },
    fields,
  );

export const inspection = (
  body: { address?: string; status?: string; rectificationDeadline?: string },
  fields?: RowFields,
) =>
  storedRow(
    'rentalInspection',
    {
      address: '湖滨花园3栋502室',
      landlordName: '张三明',
      landlordPhone: '13812345678',
      inspectedAt: '2025-03-08T01:00:00.000Z',
      checklist: [{ itemCode: 'EB01', result: 'fail' }],
      // The list reads overdue from the hazards; the deadline of the one hazard is the inspection's.
      hazards: [
        {
          id: '0195764e-0000-7000-8000-0000000000e1',
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

/** What each status the tests use needs besides (the schema's rules for a case in that status). */
const DISPUTE_STATUS_FIELDS: Readonly<Record<string, Record<string, unknown>>> = {
  closed: { closedAt: '2025-03-05T02:00:00.000Z' },
  notAccepted: { notAcceptedReason: 'outOfScope' },
  failed: { failureReason: '双方分歧过大', routesNotified: ['litigation'] },
  success: { agreement: { terms: '楼上承担维修费用' }, agreementType: 'written' },
  transferred: { referredTo: 'court' },
};

export const dispute = (
  body: {
    title?: string;
    status?: string;
    registeredAt?: string;
    extensions?: { days: number; reason: string }[];
  },
  fields?: RowFields,
) => {
  const { extensions, ...rest } = body;
  return storedRow(
    'dispute',
    {
      title: '楼上漏水引发邻里纠纷',
      summary: '602室卫生间漏水，联系电话 139-1356-1234',
      registeredAt: '2025-03-01T02:00:00.000Z',
      parties: [
        {
          id: '0195764e-0000-7000-8000-0000000000a1',
          role: 'applicant',
          partyType: 'natural',
          name: '陈立新',
          phone: '13913561234',
          idNo: '320102198001011234',
        },
        {
          id: '0195764e-0000-7000-8000-0000000000a2',
          role: 'respondent',
          partyType: 'natural',
          name: '周红梅',
          phone: '15951781234',
        },
      ],
      consentToMediate: true,
      mediators: [{ id: '0195764e-0000-7000-8000-0000000000c1', userId: 'u-med', name: '钱调解' }],
      rightsNotifiedAt: '2025-03-01T02:30:00.000Z',
      status: 'mediating',
      ...(extensions && {
        extensions: extensions.map((extension, index) => ({
          id: `0195764e-0000-7000-8000-0000000000b${index + 1}`,
          at: rest.registeredAt ?? '2025-03-01T02:00:00.000Z',
          partiesConsented: true,
          ...extension,
        })),
      }),
      ...DISPUTE_STATUS_FIELDS[rest.status ?? 'mediating'],
      ...rest,
    },
    fields,
  );
};
