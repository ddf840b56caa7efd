import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { TodayCard } from '../../src/app/components/today-panel';
import type { DisputeRecord, GridRecord, RentalInspectionRecord } from '../../src/domain/record-envelope';
import { sampleDispute, sampleRentalInspection } from '../support/sample-records';

const NOW = new Date('2026-11-27T09:00:00+08:00');

function mount(records: GridRecord[]): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => render(<TodayCard records={records} now={NOW} />, host));
  return host;
}

function inspection(id: string, deadline: string, address = '江北新区大厂大街77号湖滨新村3栋201室') {
  const record: RentalInspectionRecord = sampleRentalInspection(id);
  record.body.address = address;
  record.body.hazards = record.body.hazards.map((h) => ({ ...h, deadline, description: '电动车入户' }));
  return record;
}

function mediating(id: string, title: string, registeredAt: string): DisputeRecord {
  const record = sampleDispute(id);
  record.body = { ...record.body, title, registeredAt, status: 'mediating' };
  return record;
}

function performing(id: string, title: string, performanceDeadline: string): DisputeRecord {
  const record = sampleDispute(id);
  record.body = {
    ...record.body,
    title,
    status: 'performing',
    agreementType: 'written',
    agreement: { terms: '退还押金', performanceDeadline },
  };
  return record;
}

const rows = (host: HTMLElement) => [...host.querySelectorAll('a')].map((a) => a.textContent);

describe('今日待办 card', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the count and the most urgent rows, overdue in red and near in amber, each linking to its record', () => {
    const host = mount([
      mediating('d1', '楼上漏水纠纷', '2026-10-31T10:00:00+08:00'),
      inspection('r1', '2026-11-25'),
      performing('d2', '租客押金纠纷', '2026-11-20'),
    ]);
    expect(host.querySelector('h2')?.textContent).toBe('今日待办 3 项');
    expect(rows(host)).toEqual([
      '湖滨新村3栋201室 · 电动车入户 · 逾期2天',
      '回访：租客押金纠纷 · 今天到期',
      '楼上漏水纠纷 · 调解期限还剩3天',
    ]);
    const links = [...host.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/records/r1', '/records/d2', '/records/d1']);
    expect(links[0]?.className).toContain('today-task--overdue');
    expect(links[1]?.className).toContain('today-task--near');
  });

  it('shows three rows and expands to all of them with 全部 n 项', async () => {
    const host = mount([
      inspection('r1', '2026-11-24'),
      inspection('r2', '2026-11-25'),
      inspection('r3', '2026-11-26'),
      inspection('r4', '2026-11-27'),
    ]);
    expect(rows(host)).toHaveLength(3);
    const more = host.querySelector('button');
    expect(more?.textContent).toBe('全部 4 项');
    await act(async () => more?.click());
    expect(rows(host)).toHaveLength(4);
    expect(rows(host)[3]).toContain('今天到期');
    expect(host.querySelector('button')?.textContent).toBe('收起');
  });

  it('says 今日无待办 calmly when nothing is due, with the month’s 小事不出网格 count', () => {
    const resolved = performing('d3', '邻里噪音', '2026-12-20');
    resolved.body.registeredAt = '2026-11-03T10:00:00+08:00';
    const host = mount([inspection('r1', '2026-12-20'), resolved]);
    expect(host.querySelector('h2')?.textContent).toBe('今日待办');
    expect(host.textContent).toContain('今日无待办');
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent).toContain('本月小事不出网格：1 件');
  });
});
