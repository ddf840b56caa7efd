import { describe, expect, it } from 'vitest';
import { dueDateExtensionSchema } from '../../src/domain/dispute';
import {
  addDays,
  addWorkingDays,
  daysBetween,
  daysLeft,
  disputeDueAt,
  followUpDueDay,
  hazardRecheckDueDay,
  isNearDue,
  isPastDue,
  isValidDay,
  localDayOf,
  startOfLocalDay,
} from '../../src/domain/due-dates';

describe('local days in China (UTC+8)', () => {
  it('puts 23:59:59 in Beijing on that day and 00:00 on the next', () => {
    expect(localDayOf(new Date('2025-03-31T15:59:59.999Z'))).toBe('2025-03-31');
    expect(localDayOf(new Date('2025-03-31T16:00:00.000Z'))).toBe('2025-04-01');
    expect(localDayOf(new Date('2025-04-01T00:30:00+08:00'))).toBe('2025-04-01');
  });

  it('starts a day at 00:00 +08:00', () => {
    expect(startOfLocalDay('2025-04-01').toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });

  it('accepts only real calendar days', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2025-02-29')).toBe(false);
    expect(isValidDay('2025-13-01')).toBe(false);
    expect(isValidDay('2025-1-01')).toBe(false);
    expect(isValidDay('2025-04-01T00:00')).toBe(false);
  });

  it('refuses to compute with a day that does not exist', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('crosses month and year ends, leap and common Februaries', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28);
    expect(daysBetween('2025-03-01', '2025-02-01')).toBe(-28);
  });
});

describe('dispute due date', () => {
  it('is the registration day + 30 days', () => {
    expect(disputeDueAt(new Date('2025-01-31T20:00:00+08:00'))).toBe('2025-03-02');
  });

  it('counts from the day in Beijing: 01:00 on 1 February is 17:00 UTC on 31 January', () => {
    expect(disputeDueAt(new Date('2025-01-31T17:00:00Z'))).toBe('2025-03-03');
  });

  it('adds every consented extension', () => {
    const registeredAt = new Date('2025-12-10T09:00:00+08:00');
    expect(disputeDueAt(registeredAt, [{ days: 15, reason: '双方同意延期' }])).toBe('2026-01-24');
    expect(
      disputeDueAt(registeredAt, [
        { days: 15, reason: '双方同意延期' },
        { days: 10, reason: '等待鉴定结果' },
      ]),
    ).toBe('2026-02-03');
  });

  it('requires an extension to have its id, time, days, a reason and both parties’ consent', () => {
    const ok = {
      id: '0190a5d2-7a3b-7c4d-8e9f-0000000000e9',
      at: '2026-01-10T10:00:00+08:00',
      days: 10,
      reason: '双方同意',
      partiesConsented: true,
    };
    expect(dueDateExtensionSchema.safeParse(ok).success).toBe(true);
    expect(dueDateExtensionSchema.safeParse({ ...ok, days: 0 }).success).toBe(false);
    expect(dueDateExtensionSchema.safeParse({ ...ok, days: 1.5 }).success).toBe(false);
    expect(dueDateExtensionSchema.safeParse({ ...ok, reason: '  ' }).success).toBe(false);
    expect(dueDateExtensionSchema.safeParse({ ...ok, partiesConsented: false }).success).toBe(false);
    const { id: _id, ...withoutId } = ok;
    expect(dueDateExtensionSchema.safeParse(withoutId).success).toBe(false);
  });
});

describe('days left', () => {
  it('is 0 until 24:00 in Beijing on the due day, then -1', () => {
    expect(daysLeft('2025-03-02', new Date('2025-03-02T15:59:59Z'))).toBe(0);
    expect(daysLeft('2025-03-02', new Date('2025-03-02T16:00:00Z'))).toBe(-1);
  });

  it('counts calendar days across a month end', () => {
    expect(daysLeft('2025-03-02', new Date('2025-02-27T10:00:00+08:00'))).toBe(3);
  });

  it('calls a due day near from today through withinDays ahead, not once past', () => {
    const now = new Date('2025-02-27T10:00:00+08:00');
    expect(isNearDue('2025-02-27', now, 3)).toBe(true);
    expect(isNearDue('2025-03-02', now, 3)).toBe(true);
    expect(isNearDue('2025-03-03', now, 3)).toBe(false);
    expect(isNearDue('2025-02-26', now, 3)).toBe(false);
  });

  it('calls a due day past only after it has ended in Beijing', () => {
    expect(isPastDue('2025-03-02', new Date('2025-03-02T23:59:59+08:00'))).toBe(false);
    expect(isPastDue('2025-03-02', new Date('2025-03-03T00:00:00+08:00'))).toBe(true);
  });
});

describe('hazard recheck due date', () => {
  it('is 3 working days after a Wednesday deadline: the next Monday', () => {
    expect(hazardRecheckDueDay('2025-06-04')).toBe('2025-06-09');
  });

  it('skips the weekend after a Friday or Saturday deadline', () => {
    expect(hazardRecheckDueDay('2025-06-06')).toBe('2025-06-11');
    expect(hazardRecheckDueDay('2025-06-07')).toBe('2025-06-11');
  });

  it('crosses a month end', () => {
    expect(hazardRecheckDueDay('2025-07-31')).toBe('2025-08-05');
  });

  it('skips the 2026 元旦 holiday and counts its make-up Sunday', () => {
    // 1-1…1-3 off; Sun 1-4 is a working day, then Mon 1-5 and Tue 1-6.
    expect(hazardRecheckDueDay('2025-12-31')).toBe('2026-01-06');
  });

  it('adds no days for 0 working days', () => {
    expect(addWorkingDays('2025-06-07', 0)).toBe('2025-06-07');
  });
});

describe('follow-up due date', () => {
  it('is 7 days after the performance deadline by default', () => {
    expect(followUpDueDay('2025-02-25')).toBe('2025-03-04');
    expect(followUpDueDay('2024-02-25')).toBe('2024-03-03');
  });

  it('takes another number of days', () => {
    expect(followUpDueDay('2025-12-30', 3)).toBe('2026-01-02');
  });
});
