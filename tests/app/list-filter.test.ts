import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  applyListFilter,
  firstDayOf,
  type ListFilter,
  NO_FILTER,
  statusesOf,
  withoutFilter,
} from '../../src/app/lib/list-filter';
import { listFacets } from '../../src/app/lib/record-facets';
import { dispute, inspection, patrol } from './list-fixtures';

/** 2025-03-08 00:30 in China (still 2025-03-07 in UTC): day edges must follow China, not UTC. */
const NOW = new Date('2025-03-07T16:30:00.000Z');

const rows = {
  patrolToday: patrol('今天巡查湖滨花园', { updatedAt: '2025-03-07T16:10:00.000Z' }),
  patrolYesterday: patrol('昨天巡查', { updatedAt: '2025-03-07T15:50:00.000Z', gridId: 'hubin-02' }),
  overdueFix: inspection(
    { address: '湖滨花园5栋', rectificationDeadline: '2025-03-01' },
    { updatedAt: '2025-03-02T01:00:00.000Z' },
  ),
  fixInTime: inspection(
    { address: '新华路56号', rectificationDeadline: '2025-03-20' },
    { updatedAt: '2025-03-01T16:00:00.000Z' },
  ),
  closedFix: inspection(
    { address: '湖滨花园6栋', status: 'closed', rectificationDeadline: '2025-03-01' },
    { updatedAt: '2025-02-06T15:59:00.000Z' },
  ),
  oldDispute: dispute(
    { title: '租客拖欠房租', registeredAt: '2025-01-10T02:00:00.000Z' },
    { updatedAt: '2025-02-06T16:00:00.000Z', gridId: 'hubin-02' },
  ),
  newDispute: dispute(
    { title: '噪音扰民', registeredAt: '2025-03-05T02:00:00.000Z' },
    { updatedAt: '2025-03-05T02:00:00.000Z' },
  ),
};
const facets = listFacets(Object.values(rows));

function shown(change: Partial<ListFilter>): string[] {
  const names = new Map(Object.entries(rows).map(([name, row]) => [row, name]));
  return applyListFilter(facets, { ...NO_FILTER, ...change }, NOW).map((f) => names.get(f.row) ?? '?');
}

describe('home list filter', () => {
  it('shows every record, newest first, with no filter', () => {
    expect(shown({})).toEqual([
      'patrolToday',
      'patrolYesterday',
      'newDispute',
      'overdueFix',
      'fixInTime',
      'oldDispute',
      'closedFix',
    ]);
  });

  it('filters by kind', () => {
    expect(shown({ kind: 'dispute' })).toEqual(['newDispute', 'oldDispute']);
  });

  it('filters by status within a kind, and ignores a status while the kind is all', () => {
    expect(shown({ kind: 'rentalInspection', status: 'closed' })).toEqual(['closedFix']);
    expect(shown({ kind: 'all', status: 'closed' })).toHaveLength(7);
  });

  it('filters by grid', () => {
    expect(shown({ gridId: 'hubin-02' })).toEqual(['patrolYesterday', 'oldDispute']);
  });

  it('filters by China calendar day: today, 7 days and 30 days include today', () => {
    expect(firstDayOf('today', NOW)).toBe('2025-03-08');
    expect(firstDayOf('week', NOW)).toBe('2025-03-02');
    expect(firstDayOf('month', NOW)).toBe('2025-02-07');
    expect(firstDayOf('all', NOW)).toBeUndefined();
    expect(shown({ date: 'today' })).toEqual(['patrolToday']);
    // 2025-03-02 09:00 China is in; 2025-03-02 00:00 China (03-01 16:00 UTC) is the first instant in.
    expect(shown({ date: 'week' })).toEqual([
      'patrolToday',
      'patrolYesterday',
      'newDispute',
      'overdueFix',
      'fixInTime',
    ]);
    // 2025-02-07 00:00 China is in, 2025-02-06 23:59 China is out.
    expect(shown({ date: 'month' })).toContain('oldDispute');
    expect(shown({ date: 'month' })).not.toContain('closedFix');
  });

  it('shows only overdue records when asked', () => {
    expect(shown({ overdueOnly: true })).toEqual(['overdueFix', 'oldDispute']);
  });

  it('searches every word, case-insensitively, across titles, addresses and names', () => {
    expect(shown({ query: '湖滨花园' })).toEqual(['patrolToday', 'overdueFix', 'closedFix']);
    expect(shown({ query: '  湖滨花园   5栋 ' })).toEqual(['overdueFix']);
    expect(shown({ query: '陈立新 房租' })).toEqual(['oldDispute']);
    expect(shown({ query: '张三明' })).toHaveLength(3);
  });

  it('never finds a record by a phone or ID number', () => {
    for (const query of ['13812345678', '13913561234', '320102198001011234', '139-1356-1234']) {
      expect(shown({ query })).toEqual([]);
    }
  });

  it('combines kind, status, overdue, date and search', () => {
    const fix = { kind: 'rentalInspection', status: 'rectifying' };
    expect(shown(fix)).toEqual(['overdueFix', 'fixInTime']);
    expect(shown({ ...fix, overdueOnly: true })).toEqual(['overdueFix']);
    expect(shown({ ...fix, overdueOnly: true, query: '新华路' })).toEqual([]);
    expect(shown({ ...fix, date: 'today' })).toEqual([]);
    expect(shown({ kind: 'dispute', overdueOnly: true, gridId: 'hubin-02', query: '房租' })).toEqual([
      'oldDispute',
    ]);
  });

  it('lists the active parts, and removing the kind removes its status too', () => {
    const filter: ListFilter = {
      query: ' 漏水 ',
      kind: 'dispute',
      status: 'mediating',
      gridId: 'hubin-02',
      date: 'week',
      overdueOnly: true,
    };
    expect(activeFilters(filter)).toEqual(['query', 'kind', 'status', 'gridId', 'date', 'overdueOnly']);
    expect(activeFilters(NO_FILTER)).toEqual([]);
    expect(activeFilters({ ...NO_FILTER, query: '   ' })).toEqual([]);
    expect(withoutFilter(filter, 'kind')).toMatchObject({
      kind: 'all',
      status: undefined,
      gridId: 'hubin-02',
    });
    expect(withoutFilter(filter, 'overdueOnly')).toEqual({ ...filter, overdueOnly: false });
    expect(withoutFilter(filter, 'query').query).toBe('');
  });

  it('offers the statuses the stored records of a kind have', () => {
    expect(statusesOf(facets, 'rentalInspection').sort()).toEqual(['closed', 'rectifying']);
    expect(statusesOf(facets, 'patrol')).toEqual(['submitted']);
  });
});
