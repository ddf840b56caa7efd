import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordRow } from '../../src/app/components/record-row';
import { NO_ANTI_FRAUD, NO_FINDINGS } from '../../src/domain/patrol';
import type { GridRecord } from '../../src/domain/record-envelope';
import { RECORD_SCHEMA_VERSION } from '../../src/domain/record-kinds';
import type { LocalRecord } from '../../src/sync/local-db';
import { sampleGridEvent } from '../support/sample-records';

const NOW = new Date('2025-03-08T08:00:00.000Z');
const envelope = {
  id: '0195764e-0000-7000-8000-0000000000aa',
  gridId: 'dc-hubin-01',
  rev: 0,
  createdAt: '2025-03-08T06:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2025-03-08T06:00:00.000Z',
  updatedBy: 'u1',
  deleted: false,
  schemaVersion: RECORD_SCHEMA_VERSION,
} as const;

function row(record: GridRecord, syncState: LocalRecord['syncState'] = 'pending'): LocalRecord {
  return {
    id: record.id,
    kind: record.kind,
    gridId: record.gridId,
    updatedAt: record.updatedAt,
    syncState,
    record,
  };
}

function renderRow(localRecord: LocalRecord): HTMLElement {
  const host = document.createElement('ul');
  document.body.append(host);
  render(<RecordRow row={localRecord} gridName="湖滨一网格" now={NOW} />, host);
  return host;
}

describe('record list row', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('masks the landlord name and shows no landlord phone, not even masked', () => {
    const host = renderRow(
      row({
        ...envelope,
        kind: 'rentalInspection',
        body: {
          address: '湖滨花园3栋502室',
          landlordName: '张三明',
          landlordPhone: '13812345678',
          inspectionType: 'routine',
          inspectedAt: '2025-03-08T06:00:00.000Z',
          checklist: [{ itemCode: 'EB01', result: 'pass' }],
          hazards: [],
          overallResult: 'noHazard',
          status: 'closed',
        },
      }),
    );
    const text = host.textContent ?? '';
    expect(text).toContain('湖滨花园3栋502室');
    expect(text).toContain('张*明');
    expect(text).not.toContain('张三明');
    expect(text).not.toContain('5678');
    expect(text).toContain('湖滨一网格');
    expect(text).toContain('待同步');
  });

  it('masks party names of a dispute and shows its sync state in words', () => {
    const host = renderRow(
      row(
        {
          ...envelope,
          kind: 'dispute',
          body: {
            title: '楼上漏水纠纷',
            disputeType: 'neighbor',
            summary: '漏水',
            registeredAt: '2025-03-08T06:00:00.000Z',
            source: 'gridReport',
            nature: 'individual',
            involvedCount: 2,
            riskLevel: 'yellow',
            handlingLevel: 'grid',
            sessions: [],
            followUps: [],
            flowLogs: [],
            status: 'reported',
            parties: [
              {
                id: '0195764e-0000-7000-8000-000000000001',
                role: 'applicant',
                partyType: 'natural',
                name: '李四',
              },
              {
                id: '0195764e-0000-7000-8000-000000000002',
                role: 'respondent',
                partyType: 'natural',
                name: '欧阳明华',
              },
            ],
          },
        },
        'rejected',
      ),
    );
    const text = host.textContent ?? '';
    expect(text).toContain('楼上漏水纠纷');
    expect(text).toContain('李* 与 欧阳**');
    expect(text).not.toContain('李四');
    expect(text).not.toContain('欧阳明华');
    expect(host.querySelector('.chip--rejected')?.textContent).toBe('被拒绝');
  });

  it('masks phone and ID numbers typed into a dispute title or a patrol log', () => {
    const dispute = renderRow(
      row({
        ...envelope,
        kind: 'dispute',
        body: {
          title: '13812345678 反映噪音',
          disputeType: 'neighbor',
          summary: '噪音',
          registeredAt: '2025-03-08T06:00:00.000Z',
          source: 'gridReport',
          nature: 'individual',
          involvedCount: 2,
          riskLevel: 'none',
          handlingLevel: 'grid',
          sessions: [],
          followUps: [],
          flowLogs: [],
          status: 'reported',
          parties: [],
        },
      }),
    );
    expect(dispute.textContent).toContain('138****5678 反映噪音');
    expect(dispute.textContent).not.toContain('13812345678');
    const patrol = renderRow(
      row({
        ...envelope,
        kind: 'patrol',
        body: {
          patrolTypes: ['antiFraud'],
          startedAt: '2025-03-08T06:00:00.000Z',
          householdsVisited: 1,
          findings: NO_FINDINGS,
          selfResolvedCount: 0,
          reportedCount: 0,
          content: '核查320111198001011234的居住登记',
          antiFraud: NO_ANTI_FRAUD,
          status: 'submitted',
        },
      }),
    );
    expect(patrol.textContent).toContain('320***********1234');
    expect(patrol.textContent).not.toContain('320111198001011234');
  });

  it('titles a patrol log by its work types and date and links to the record', () => {
    const host = renderRow(
      row(
        {
          ...envelope,
          kind: 'patrol',
          body: {
            patrolTypes: ['antiFraud', 'rentalInspection'],
            startedAt: '2025-03-08T06:00:00.000Z',
            householdsVisited: 12,
            findings: NO_FINDINGS,
            selfResolvedCount: 0,
            reportedCount: 0,
            content: '走访12户，宣传反诈',
            antiFraud: NO_ANTI_FRAUD,
            status: 'submitted',
          },
        },
        'synced',
      ),
    );
    expect(host.querySelector('.record-row__title')?.textContent).toMatch(/^反诈宣传、出租房巡防 · 3月8日$/);
    expect(host.querySelector('a')?.getAttribute('href')).toBe(`/records/${envelope.id}`);
    expect(host.querySelector('.chip--synced')?.textContent).toBe('已同步');
  });

  it('names an event by its 小类, a street’s own by the label kept on it', () => {
    const event = sampleGridEvent(envelope.id, 'dc-hubin-01');
    const builtIn = renderRow(row(event));
    expect(builtIn.querySelector('.record-row__subtitle')?.textContent).toMatch(
      /^电动自行车违规停放\/充电 · /,
    );
    builtIn.remove();
    const streets = renderRow(
      row({ ...event, body: { ...event.body, categoryL2: 'x-stall', categoryL2Label: '早市占道' } }),
    );
    expect(streets.querySelector('.record-row__subtitle')?.textContent).toMatch(/^早市占道 · /);
  });
});
