/**
 * The 上报事件 clock over the 2026 国庆 holiday (issue 12): limits count China's working days, so a
 * report made the day before the holiday is not 黄牌 on 10-02, and the make-up Saturday 10-10 counts.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_CATEGORIES, isKnownCategory } from '../../src/domain/event-categories';
import { DEFAULT_EVENT_TIME_LIMITS, EVENT_STEP_OF, stepClock } from '../../src/domain/event-supervision';
import { GRID_EVENT_STATUSES, isOpenEvent } from '../../src/domain/event-workflow';

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

describe('the step clock', () => {
  it('gives 受理 one working day, then a 黄牌, then a 红牌, over 国庆', () => {
    // Reported Wed 9-30: the holiday runs 10-1…10-7; the one working day is Thu 10-8.
    const clock = (day: string) => stepClock('reported', at('2026-09-30', '16:00'), at(day));
    expect(clock('2026-10-02')).toMatchObject({
      step: 'accept',
      yellowDay: '2026-10-08',
      redDay: '2026-10-09',
      card: 'none',
    });
    expect(clock('2026-10-08')).toMatchObject({ card: 'none', workingDaysLeft: 0, warn: true });
    expect(clock('2026-10-09')).toMatchObject({ card: 'yellow', workingDaysLeft: -1 });
    expect(clock('2026-10-10')).toMatchObject({ card: 'red' }); // the make-up Saturday
  });

  it('gives 办理 five working days, warns at 70%, and counts an approved extension', () => {
    // Dispatched Mon 9-28: 9-29, 9-30, 10-8, 10-9 and the make-up Saturday 10-10.
    const clock = (day: string, extension = 0) =>
      stepClock('processing', at('2026-09-28'), at(day), DEFAULT_EVENT_TIME_LIMITS, extension);
    expect(clock('2026-09-30')).toMatchObject({
      step: 'handle',
      yellowDay: '2026-10-10',
      workingDaysLeft: 3,
      warn: false,
    });
    expect(clock('2026-10-09')).toMatchObject({ workingDaysLeft: 1, warn: true, card: 'none' });
    expect(clock('2026-10-12')).toMatchObject({ card: 'yellow' });
    expect(clock('2026-10-12', 3)).toMatchObject({ yellowDay: '2026-10-14', card: 'none' });
  });

  it('runs for every open status and for no finished one', () => {
    for (const status of GRID_EVENT_STATUSES) {
      expect(EVENT_STEP_OF[status] !== undefined, status).toBe(isOpenEvent(status));
      expect(stepClock(status, at('2026-11-02'), at('2026-11-30')) !== undefined, status).toBe(
        isOpenEvent(status),
      );
    }
  });
});

describe('event categories', () => {
  it('have unique level-one codes and unique sub-categories within each', () => {
    const codes = EVENT_CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const category of EVENT_CATEGORIES) {
      expect(new Set(category.subcategories).size, category.code).toBe(category.subcategories.length);
      expect(category.subcategories.length, category.code).toBeGreaterThan(0);
    }
  });

  it('knows a built-in pair and one a street added, and nothing else', () => {
    expect(isKnownCategory('safetyHazard', 'eBike')).toBe(true);
    expect(isKnownCategory('dispute', 'neighbor')).toBe(true);
    expect(isKnownCategory('safetyHazard', 'elevator')).toBe(false);
    expect(isKnownCategory('safetyHazard', 'elevator', { safetyHazard: ['elevator'] })).toBe(true);
    expect(isKnownCategory('noSuchCategory', 'eBike')).toBe(false);
    expect(isKnownCategory('toString', 'eBike')).toBe(false);
  });
});
