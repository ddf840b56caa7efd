import { describe, expect, it } from 'vitest';
import { kindLabel, listFacets, recordFacets, statusLabel } from '../../src/app/lib/record-facets';
import { disputeDueAt, isPastDue } from '../../src/domain/due-dates';
import { dispute, inspection, patrol, storedRow } from './list-fixtures';

/** 2025-03-08 10:00 in China. */
const NOW = new Date('2025-03-08T02:00:00.000Z');

describe('record facets', () => {
  it('searches a dispute by title, place and party names, but not by phone or ID number', () => {
    const { text } = recordFacets(dispute({}));
    expect(text).toContain('楼上漏水');
    expect(text).toContain('陈立新');
    expect(text).toContain('周红梅');
    expect(text).not.toContain('13913561234');
    expect(text).not.toContain('15951781234');
    expect(text).not.toContain('320102198001011234');
    expect(text).not.toContain('1234');
  });

  it('searches an inspection by address and landlord name, not the landlord phone', () => {
    const { text } = recordFacets(inspection({}));
    expect(text).toContain('湖滨花园3栋502室');
    expect(text).toContain('张三明');
    expect(text).not.toContain('13812345678');
  });

  it('cuts phone and ID numbers typed into free text out of the searchable text, keeping short numbers', () => {
    const { text } = recordFacets(
      patrol('走访3栋502室，住户电话13812345678，证件320102198001011234X，另一号码 138 1234 5678'),
    );
    expect(text).toContain('3栋502室');
    expect(text).not.toMatch(/\d{6}/);
    expect(text).not.toContain('138 1234 5678');
  });

  it('searches a patrol by its work type label and content, lower-cased', () => {
    const { text } = recordFacets(patrol('检查APP安装'));
    expect(text).toContain('反诈宣传');
    expect(text).toContain('检查app安装');
  });

  it('marks an inspection overdue only after its whole deadline day has passed in China, and never once closed', () => {
    const facets = recordFacets(inspection({ rectificationDeadline: '2025-03-07' }));
    // 2025-03-07 23:59 China = 15:59 UTC; 2025-03-08 00:00 China = 16:00 UTC.
    expect(facets.overdue(new Date('2025-03-07T15:59:00.000Z'))).toBe(false);
    expect(facets.overdue(new Date('2025-03-07T16:00:00.000Z'))).toBe(true);
    expect(
      recordFacets(inspection({ rectificationDeadline: '2025-03-07', status: 'closed' })).overdue(NOW),
    ).toBe(false);
    expect(recordFacets(inspection({})).overdue(NOW)).toBe(false);
  });

  it('searches a rental house by address, landlord and tenant names, not their numbers', () => {
    const { text } = recordFacets(
      storedRow('rentalHouse', {
        address: '浦泗路18号',
        landlordName: '王建国',
        landlordPhone: '13812341234',
        landlordIdNo: '320111196805121234',
        tenants: [
          {
            id: '0195764e-0000-7000-8000-0000000000f1',
            name: '孙晓东',
            phone: '13705171234',
            residenceRegistration: 'registered',
          },
        ],
        status: 'active',
      }),
    );
    expect(text).toContain('浦泗路18号');
    expect(text).toContain('王建国');
    expect(text).toContain('孙晓东');
    expect(text).not.toMatch(/\d{6}/);
  });

  it('marks a dispute overdue 30 days after registration in China only while mediation runs', () => {
    // Registered 2025-02-05 07:30 China (23:30 UTC the day before): due 2025-03-07, overdue on the 8th.
    const registeredAt = '2025-02-04T23:30:00.000Z';
    expect(recordFacets(dispute({ registeredAt })).overdue(new Date('2025-03-07T15:59:00.000Z'))).toBe(false);
    expect(recordFacets(dispute({ registeredAt })).overdue(new Date('2025-03-07T16:00:00.000Z'))).toBe(true);
    for (const status of ['closed', 'notAccepted', 'terminated', 'failed', 'success', 'transferred']) {
      expect(recordFacets(dispute({ registeredAt, status })).overdue(NOW)).toBe(false);
    }
    expect(recordFacets(dispute({ registeredAt, status: 'mediating' })).overdue(NOW)).toBe(true);
  });

  it('never marks a patrol overdue', () => {
    expect(recordFacets(patrol('巡查', { updatedAt: '2020-01-01T00:00:00.000Z' })).overdue(NOW)).toBe(false);
  });

  it('labels a kind or status this build has no label for by its code', () => {
    expect(kindLabel('streetLamp')).toBe('streetLamp');
    expect(statusLabel('streetLamp', 'active')).toBe('active');
    expect(statusLabel('dispute', 'onHold')).toBe('onHold');
  });

  it('labels statuses with the kind’s own enum labels', () => {
    expect(statusLabel('rentalInspection', 'rectifying')).toBe('整改中');
    expect(statusLabel('dispute', 'closed')).toBe('已结案');
    expect(statusLabel('patrol', 'reviewed')).toBe('已审阅');
    expect(kindLabel('dispute')).toBe('纠纷');
  });

  it('dates a record by the China day of its last change', () => {
    expect(recordFacets(patrol('x', { updatedAt: '2025-03-07T15:59:59.999Z' })).updatedDay).toBe(
      '2025-03-07',
    );
    expect(recordFacets(patrol('x', { updatedAt: '2025-03-07T16:00:00.000Z' })).updatedDay).toBe(
      '2025-03-08',
    );
  });

  it('lists live records newest first and leaves deleted ones out', () => {
    const old = patrol('old', { updatedAt: '2025-03-01T00:00:00.000Z' });
    const gone = patrol('gone', { updatedAt: '2025-03-05T00:00:00.000Z', deleted: true });
    const fresh = patrol('fresh', { updatedAt: '2025-03-08T00:00:00.000Z' });
    expect(listFacets([old, gone, fresh]).map((f) => f.row)).toEqual([fresh, old]);
  });
});

describe('dispute overdue in the list', () => {
  it('follows the domain due date, China midnight included, and counts consented extensions', () => {
    const instants = [
      '2024-02-28T16:00:00.000Z',
      '2024-12-31T15:59:59.999Z',
      '2024-12-31T16:00:00.000Z',
      '2025-03-07T23:30:00.000Z',
    ];
    for (const iso of instants) {
      const at = new Date(iso);
      const row = dispute({ registeredAt: iso });
      for (const later of [29, 30, 31]) {
        const now = new Date(at.getTime() + later * 24 * 3600 * 1000);
        expect(recordFacets(row).overdue(now)).toBe(isPastDue(disputeDueAt(at), now));
      }
    }
    const registeredAt = '2024-02-28T16:00:00.000Z';
    const extended = dispute({ registeredAt, extensions: [{ days: 10, reason: '双方同意' }] });
    const day35 = new Date(Date.parse(registeredAt) + 35 * 24 * 3600 * 1000);
    expect(recordFacets(extended).overdue(day35)).toBe(false);
  });
});
