/**
 * The 上报事件 clock over the 2026 国庆 holiday (issue 12): limits count China's working days, so a
 * report made the day before the holiday is not 黄牌 on 10-02, and the make-up Saturday 10-10 counts.
 */
import { describe, expect, it } from 'vitest';
import {
  EVENT_CATEGORIES,
  isKnownCategory,
  streetSubcategoryLabel,
  subcategoriesOf,
} from '../../src/domain/event-categories';
import {
  type ClockedEvent,
  cardsDue,
  clockForEvent,
  DEFAULT_EVENT_TIME_LIMITS,
  EVENT_STEP_OF,
  eventStepStart,
  eventTimeLimits,
  nextCardDay,
  stampedClock,
  stepClock,
  stepLimitsProblem,
  syncedClock,
} from '../../src/domain/event-supervision';
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
    const street = [{ categoryL1: 'safetyHazard', code: 'elevator', label: '电梯安全' }] as const;
    expect(isKnownCategory('safetyHazard', 'elevator', street)).toBe(true);
    // Only under the category it was added to.
    expect(isKnownCategory('emergency', 'elevator', street)).toBe(false);
    expect(subcategoriesOf('safetyHazard', street).at(-1)).toBe('elevator');
    expect(streetSubcategoryLabel('safetyHazard', 'elevator', street)).toBe('电梯安全');
    expect(streetSubcategoryLabel('safetyHazard', 'eBike', street)).toBeUndefined();
    expect(isKnownCategory('noSuchCategory', 'eBike')).toBe(false);
    expect(isKnownCategory('toString', 'eBike')).toBe(false);
  });
});

describe('the step clock the server stamps and a device reads', () => {
  const event = (overrides: Partial<ClockedEvent> = {}): ClockedEvent => ({
    status: 'assigned',
    reportedAt: '2026-09-29T01:00:00.000Z',
    flowLogs: [
      {
        id: 'log-accept',
        at: '2026-09-29T02:00:00.000Z',
        action: 'accept',
        fromStatus: 'reported',
        toStatus: 'accepted',
      },
      {
        id: 'log-assign',
        at: '2026-09-30T02:00:00.000Z',
        action: 'assign',
        fromStatus: 'accepted',
        toStatus: 'assigned',
      },
    ],
    ...overrides,
  });

  it('starts the step at the entry that last handed the event over, not at a step that kept it', () => {
    const processing = event({
      status: 'processing',
      flowLogs: [
        ...event().flowLogs,
        {
          id: 'log-process',
          at: '2026-10-08T02:00:00.000Z',
          action: 'process',
          fromStatus: 'assigned',
          toStatus: 'processing',
        },
      ],
    });
    expect(eventStepStart(processing)).toEqual({ key: 'log-assign', at: '2026-09-30T02:00:00.000Z' });
    expect(eventStepStart(event({ status: 'reported', flowLogs: [] }))).toEqual({
      key: 'report',
      at: '2026-09-29T01:00:00.000Z',
    });
  });

  it('counts 办理 from 9-30 over 国庆 and the 10-10 make-up Saturday', () => {
    const clock = clockForEvent(event(), DEFAULT_EVENT_TIME_LIMITS);
    // Working days after 9-30: 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13 → yellow on 10-13.
    expect(clock).toMatchObject({
      stepKey: 'log-assign',
      step: 'handle',
      warnDay: '2026-10-12',
      yellowDay: '2026-10-13',
    });
    // Red after 10 working days: …10-14, 10-15, 10-16, 10-19, 10-20.
    expect(clock?.redDay).toBe('2026-10-20');
    const stamped = { ...event(), clock };
    expect(syncedClock(stamped, new Date('2026-10-05T04:00:00.000Z'))).toMatchObject({
      workingDaysLeft: 5,
      warn: false,
      card: 'none',
    });
    expect(syncedClock(stamped, new Date('2026-10-12T04:00:00.000Z'))).toMatchObject({
      warn: true,
      card: 'none',
    });
    expect(syncedClock(stamped, new Date('2026-10-14T04:00:00.000Z'))).toMatchObject({
      workingDaysLeft: -1,
      card: 'yellow',
    });
    expect(syncedClock(stamped, new Date('2026-10-21T04:00:00.000Z'))?.card).toBe('red');
  });

  it('adds the extension days approved in this step, and a street’s own limits', () => {
    const extended = event({ extensions: [{ days: 2, approvedAt: '2026-10-08T02:00:00.000Z' }] });
    expect(clockForEvent(extended, DEFAULT_EVENT_TIME_LIMITS)?.yellowDay).toBe('2026-10-15');
    const earlier = event({ extensions: [{ days: 2, approvedAt: '2026-09-29T03:00:00.000Z' }] });
    expect(clockForEvent(earlier, DEFAULT_EVENT_TIME_LIMITS)?.yellowDay).toBe('2026-10-13');
    const limits = eventTimeLimits({ safetyHazard: { handle: { yellow: 2, red: 4 } } }, 'safetyHazard');
    expect(limits.accept).toEqual(DEFAULT_EVENT_TIME_LIMITS.accept);
    expect(clockForEvent(event(), limits)).toMatchObject({ yellowDay: '2026-10-09', redDay: '2026-10-12' });
    expect(eventTimeLimits({ safetyHazard: { handle: { yellow: 2, red: 4 } } }, 'cityEvent')).toEqual(
      DEFAULT_EVENT_TIME_LIMITS,
    );
  });

  it('shows no countdown for a step taken offline and not yet clocked by the server, nor for a finished event', () => {
    const clock = clockForEvent(event(), DEFAULT_EVENT_TIME_LIMITS);
    const handedOn = event({
      status: 'processed',
      clock,
      flowLogs: [
        ...event().flowLogs,
        {
          id: 'log-complete',
          at: '2026-10-09T02:00:00.000Z',
          action: 'complete',
          fromStatus: 'processing',
          toStatus: 'processed',
        },
      ],
    });
    expect(syncedClock(handedOn, new Date('2026-10-09T04:00:00.000Z'))).toBeUndefined();
    expect(clockForEvent(event({ status: 'closed' }), DEFAULT_EVENT_TIME_LIMITS)).toBeUndefined();
    expect(
      syncedClock({ ...event({ status: 'closed' }), clock }, new Date('2026-10-09T04:00:00.000Z')),
    ).toBeUndefined();
  });
});

describe('the server’s supervision', () => {
  const assigned: ClockedEvent = {
    status: 'assigned',
    reportedAt: '2026-09-29T01:00:00.000Z',
    flowLogs: [
      {
        id: 'log-assign',
        at: '2026-09-30T02:00:00.000Z',
        action: 'assign',
        fromStatus: 'accepted',
        toStatus: 'assigned',
      },
    ],
  };
  const clock = clockForEvent(assigned, DEFAULT_EVENT_TIME_LIMITS);
  const stamped = { ...assigned, clock };
  const day = (d: string) => new Date(`${d}T04:00:00.000Z`);

  it('finds the yellow card due after its last day, then the red, and never one the event carries', () => {
    // 办理 from 9-30: yellow after 10-13, red after 10-20 (国庆 and the 10-10 make-up day counted).
    expect(nextCardDay(stamped)).toBe('2026-10-13');
    expect(cardsDue(stamped, day('2026-10-13'))).toEqual([]);
    expect(cardsDue(stamped, day('2026-10-14'))).toEqual(['yellow']);
    expect(cardsDue(stamped, day('2026-10-21'))).toEqual(['yellow', 'red']);
    const yellow = { ...stamped, supervision: 'yellow' as const };
    expect(nextCardDay(yellow)).toBe('2026-10-20');
    expect(cardsDue(yellow, day('2026-10-14'))).toEqual([]);
    expect(cardsDue(yellow, day('2026-10-21'))).toEqual(['red']);
    // 普通督办 by a person is below both cards.
    expect(cardsDue({ ...stamped, supervision: 'normal' }, day('2026-10-14'))).toEqual(['yellow']);
    const red = { ...stamped, supervision: 'red' as const };
    expect(nextCardDay(red)).toBeUndefined();
    expect(cardsDue(red, day('2027-01-04'))).toEqual([]);
  });

  it('issues nothing for a finished event or on the clock of a step that is over', () => {
    expect(cardsDue({ ...stamped, status: 'closed' }, day('2026-12-01'))).toEqual([]);
    const handedOn: ClockedEvent = {
      ...stamped,
      status: 'accepted',
      flowLogs: [
        ...assigned.flowLogs,
        {
          id: 'log-return',
          at: '2026-10-09T02:00:00.000Z',
          action: 'return',
          fromStatus: 'assigned',
          toStatus: 'accepted',
        },
      ],
    };
    expect(nextCardDay(handedOn)).toBeUndefined();
    expect(cardsDue(handedOn, day('2026-12-01'))).toEqual([]);
  });

  it('keeps the stored clock while the step and its extensions stay, and starts a new one when they change', () => {
    const tighter = eventTimeLimits({ safetyHazard: { handle: { yellow: 2, red: 4 } } }, 'safetyHazard');
    // A street that tightened its limits moves no running clock…
    expect(stampedClock(stamped, { ...stamped, supervision: 'yellow' } as ClockedEvent, tighter)).toBe(clock);
    // …an approved extension recounts it, from the step's start, with the limits in force…
    const extended = { ...stamped, extensions: [{ days: 2, approvedAt: '2026-10-08T02:00:00.000Z' }] };
    expect(stampedClock(stamped, extended, DEFAULT_EVENT_TIME_LIMITS)?.yellowDay).toBe('2026-10-15');
    // …and so does a step that changes hands; a finished event has none.
    const returned: ClockedEvent = {
      ...stamped,
      status: 'accepted',
      flowLogs: [
        ...assigned.flowLogs,
        {
          id: 'log-return',
          at: '2026-10-09T02:00:00.000Z',
          action: 'return',
          fromStatus: 'assigned',
          toStatus: 'accepted',
        },
      ],
    };
    expect(stampedClock(stamped, returned, DEFAULT_EVENT_TIME_LIMITS)).toMatchObject({
      stepKey: 'log-return',
      startedAt: '2026-10-09T02:00:00.000Z',
    });
    expect(stampedClock(undefined, assigned, DEFAULT_EVENT_TIME_LIMITS)).toEqual(clock);
    expect(
      stampedClock(stamped, { ...stamped, status: 'closed' }, DEFAULT_EVENT_TIME_LIMITS),
    ).toBeUndefined();
  });

  it('takes a street’s limits of 1 to 60 working days, the red after the yellow', () => {
    expect(stepLimitsProblem({ yellow: 3, red: 6 })).toBeUndefined();
    expect(stepLimitsProblem({ yellow: 59, red: 60 })).toBeUndefined();
    expect(stepLimitsProblem({ yellow: 0, red: 6 })).toBe('yellow');
    expect(stepLimitsProblem({ yellow: 1.5, red: 6 })).toBe('yellow');
    expect(stepLimitsProblem({ yellow: 61, red: 62 })).toBe('yellow');
    expect(stepLimitsProblem({ yellow: 3, red: 3 })).toBe('red');
    expect(stepLimitsProblem({ yellow: 3, red: 61 })).toBe('red');
    expect(stepLimitsProblem({ yellow: 60, red: 60 })).toBe('red');
  });
});
