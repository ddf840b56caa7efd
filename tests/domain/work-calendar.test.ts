/**
 * Deadlines count China's working days (issue 12): the 法定节假日 are skipped and the weekend 调休
 * days count. Before, due-dates.ts counted Monday to Friday, so a 复查 due over 国庆 came out days
 * early and one due over a make-up Sunday a day late.
 */
import { describe, expect, it } from 'vitest';
import { CN_HOLIDAYS } from '../../src/domain/calendars/cn-holidays';
import { addWorkingDays, hazardRecheckDueDay, workingDaysBetween } from '../../src/domain/due-dates';
import { calendarCovers, installCalendarYears, isWorkingDay } from '../../src/domain/work-calendar';

describe('the working-day calendar', () => {
  it('knows the 2026 国庆 holiday and its make-up days', () => {
    for (const day of ['2026-10-01', '2026-10-05', '2026-10-07']) expect(isWorkingDay(day), day).toBe(false);
    // Sunday 9-20 and Saturday 10-10 are working days.
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
  });

  it('holds 33 days off and 6 make-up days in 2026, and a make-up day is never also a holiday', () => {
    const year = CN_HOLIDAYS.find((entry) => entry.year === 2026);
    const off = year?.holidays.flatMap((h) => {
      const days: string[] = [];
      for (
        let d = new Date(`${h.from}T00:00:00Z`);
        d <= new Date(`${h.to}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1)
      )
        days.push(d.toISOString().slice(0, 10));
      return days;
    });
    expect(off).toHaveLength(33);
    expect(year?.workdays).toHaveLength(6);
    for (const day of off ?? []) expect(isWorkingDay(day), day).toBe(false);
    for (const day of year?.workdays ?? []) expect(isWorkingDay(day), day).toBe(true);
  });

  it('counts Monday to Friday in a year no schedule covers, and says it does not know it', () => {
    expect(calendarCovers('2026-06-01')).toBe(true);
    expect(calendarCovers('2045-10-04')).toBe(false);
    expect(isWorkingDay('2045-10-04')).toBe(true); // a Wednesday
    expect(isWorkingDay('2045-10-07')).toBe(false); // a Saturday
  });

  // The calendar is one per process (tests share it): this test's year is its own, 2040.
  it('installs a later year, and refuses a schedule that contradicts itself', () => {
    expect(() =>
      installCalendarYears([
        {
          year: 2040,
          holidays: [{ name: '国庆节', from: '2040-10-01', to: '2040-10-07' }],
          workdays: ['2040-10-01'],
        },
      ]),
    ).toThrow(/both a holiday and a working day/);
    expect(() => installCalendarYears([{ year: 2040, holidays: [], workdays: ['2040-10-09'] }])).toThrow(
      /not a weekend/,
    );
    expect(() =>
      installCalendarYears([
        { year: 2040, holidays: [{ name: '元旦', from: '2041-01-01', to: '2041-01-01' }], workdays: [] },
      ]),
    ).toThrow(/not in 2040/);
    expect(calendarCovers('2040-10-01')).toBe(false);
    installCalendarYears([
      {
        year: 2040,
        holidays: [{ name: '国庆节', from: '2040-10-01', to: '2040-10-07' }],
        workdays: ['2040-09-30'],
      },
    ]);
    expect(calendarCovers('2040-10-01')).toBe(true);
    expect(isWorkingDay('2040-10-02')).toBe(false);
    expect(isWorkingDay('2040-09-30')).toBe(true);
  });
});

describe('deadlines in working days', () => {
  it('puts a 复查 due over 国庆 after the holiday, counting the make-up Saturday', () => {
    // Deadline Wed 9-30; 10-1…7 off; Thu 10-8, Fri 10-9, Sat 10-10 (make-up) are the three days.
    expect(hazardRecheckDueDay('2026-09-30')).toBe('2026-10-10');
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });

  it('counts the make-up Sunday before 国庆', () => {
    // Deadline Fri 9-18; Sun 9-20 is a working day: 9-20, 9-21, 9-22.
    expect(hazardRecheckDueDay('2026-09-18')).toBe('2026-09-22');
  });

  it('skips 春节 and counts its make-up Saturday', () => {
    // Deadline Fri 2-13; Sat 2-14 works, 2-15…23 off; Tue 2-24, Wed 2-25.
    expect(addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
  });

  it('counts an ordinary week Monday to Friday', () => {
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-25');
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(workingDaysBetween('2026-11-25', '2026-11-20')).toBe(0);
  });
});
