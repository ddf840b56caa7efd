import { describe, expect, it } from 'vitest';
import {
  allowedHazardEvents,
  HAZARD_EVENT_TYPES,
  HAZARD_STATUSES,
  type HazardEvent,
  type HazardEventType,
  type HazardStatus,
  transitionHazard,
} from '../../src/domain/hazard-workflow';

const NOW = new Date('2025-06-10T10:00:00+08:00');
/** Past, so a rectifying hazard is overdue and may be rechecked or referred. */
const OLD_DEADLINE = '2025-06-05';
const PHOTO = 'a'.repeat(64);

const RECHECK = {
  type: 'recheck',
  result: 'passed',
  at: '2025-06-10T09:00:00+08:00',
  by: 'user-1',
} as const satisfies HazardEvent;

/** One event of each type whose data passes every guard in the context below. */
const VALID_EVENTS: Record<HazardEventType, HazardEvent> = {
  fixOnSite: { type: 'fixOnSite', photoIds: [PHOTO] },
  setDeadline: { type: 'setDeadline', deadline: '2025-06-20' },
  refer: { type: 'refer', referredTo: 'fireRescue' },
  reportFixed: { type: 'reportFixed' },
  recheck: RECHECK,
  deptFeedback: { type: 'deptFeedback', note: '消防已责令整改' },
  close: { type: 'close' },
};

/** The whole machine: every status, every event; '-' = refused. Update it with HAZARD_TRANSITIONS. */
const EXPECTED: Record<HazardStatus, Record<HazardEventType, HazardStatus | '-'>> = {
  open: {
    fixOnSite: 'fixedOnSite',
    setDeadline: 'rectifying',
    refer: 'referred',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: '-',
    close: '-',
  },
  fixedOnSite: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: '-',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: '-',
    close: 'closed',
  },
  rectifying: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: 'referred',
    reportFixed: 'reportedFixed',
    recheck: 'recheckPassed',
    deptFeedback: '-',
    close: '-',
  },
  reportedFixed: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: '-',
    reportFixed: '-',
    recheck: 'recheckPassed',
    deptFeedback: '-',
    close: '-',
  },
  recheckPassed: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: '-',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: '-',
    close: 'closed',
  },
  recheckFailed: {
    fixOnSite: '-',
    setDeadline: 'rectifying',
    refer: 'referred',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: '-',
    close: '-',
  },
  referred: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: '-',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: 'deptFeedback',
    close: '-',
  },
  deptFeedback: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: '-',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: '-',
    close: 'closed',
  },
  closed: {
    fixOnSite: '-',
    setDeadline: '-',
    refer: '-',
    reportFixed: '-',
    recheck: '-',
    deptFeedback: '-',
    close: '-',
  },
};

const PAIRS = HAZARD_STATUSES.flatMap((state) =>
  HAZARD_EVENT_TYPES.map((type) => [state, type, EXPECTED[state][type]] as const),
);

describe('hazard workflow', () => {
  it.each(PAIRS)('%s + %s → %s', (state, type, expected) => {
    const result = transitionHazard(state, VALID_EVENTS[type], { now: NOW, deadline: OLD_DEADLINE });
    expect(result).toEqual(
      expected === '-' ? { ok: false, reason: 'notAllowed' } : { ok: true, state: expected },
    );
  });

  it.each(HAZARD_STATUSES)('lists the events %s accepts', (state) => {
    const expected = HAZARD_EVENT_TYPES.filter((type) => EXPECTED[state][type] !== '-');
    expect(allowedHazardEvents(state)).toEqual(expected);
  });

  it('sends a failed recheck to recheckFailed, from rectifying and from reportedFixed', () => {
    const failed: HazardEvent = { ...RECHECK, result: 'failed' };
    const context = { now: NOW, deadline: OLD_DEADLINE };
    expect(transitionHazard('reportedFixed', failed, context)).toEqual({ ok: true, state: 'recheckFailed' });
    expect(transitionHazard('rectifying', failed, context)).toEqual({ ok: true, state: 'recheckFailed' });
  });
});

describe('hazard guards', () => {
  const context = { now: NOW, deadline: OLD_DEADLINE };
  const refused = (reason: string) => ({ ok: false, reason });

  it('needs a photo to fix on site', () => {
    expect(transitionHazard('open', { type: 'fixOnSite', photoIds: [] }, context)).toEqual(
      refused('photoRequired'),
    );
  });

  it('needs a real day as deadline', () => {
    expect(transitionHazard('open', { type: 'setDeadline', deadline: '2025-06-31' }, { now: NOW })).toEqual(
      refused('deadlineInvalid'),
    );
    expect(transitionHazard('open', { type: 'setDeadline', deadline: '' }, { now: NOW })).toEqual(
      refused('deadlineInvalid'),
    );
  });

  it('refuses a deadline before today in Beijing and accepts today', () => {
    // 00:30 on 10 June in Beijing is still 9 June in UTC.
    const justAfterMidnight = { now: new Date('2025-06-09T16:30:00Z') };
    expect(
      transitionHazard('open', { type: 'setDeadline', deadline: '2025-06-09' }, justAfterMidnight),
    ).toEqual(refused('deadlineInPast'));
    expect(
      transitionHazard('open', { type: 'setDeadline', deadline: '2025-06-10' }, justAfterMidnight),
    ).toEqual({ ok: true, state: 'rectifying' });
  });

  it('needs a later deadline after a failed recheck', () => {
    const stillRunning = { now: NOW, deadline: '2025-06-15' };
    expect(
      transitionHazard('recheckFailed', { type: 'setDeadline', deadline: '2025-06-15' }, stillRunning),
    ).toEqual(refused('deadlineNotLater'));
    expect(
      transitionHazard('recheckFailed', { type: 'setDeadline', deadline: '2025-06-16' }, stillRunning),
    ).toEqual({ ok: true, state: 'rectifying' });
  });

  it('refers a hazard under rectification only once it is overdue', () => {
    const refer: HazardEvent = { type: 'refer', referredTo: 'housing' };
    expect(transitionHazard('rectifying', refer, { now: NOW, deadline: '2025-06-10' })).toEqual(
      refused('notOverdue'),
    );
    expect(transitionHazard('rectifying', refer, { now: NOW })).toEqual(refused('notOverdue'));
    expect(transitionHazard('rectifying', refer, { now: NOW, deadline: '2025-06-09' })).toEqual({
      ok: true,
      state: 'referred',
    });
  });

  it('refers an open or failed hazard at any time', () => {
    const refer: HazardEvent = { type: 'refer', referredTo: 'police' };
    expect(transitionHazard('open', refer, { now: NOW })).toEqual({ ok: true, state: 'referred' });
    expect(transitionHazard('recheckFailed', refer, { now: NOW, deadline: '2025-06-30' })).toEqual({
      ok: true,
      state: 'referred',
    });
  });

  it('needs who rechecked, and a recheck time that is valid and not in the future', () => {
    const recheck = RECHECK;
    expect(transitionHazard('reportedFixed', { ...recheck, by: ' ' }, context)).toEqual(
      refused('recheckerRequired'),
    );
    expect(transitionHazard('reportedFixed', { ...recheck, at: 'yesterday' }, context)).toEqual(
      refused('recheckTimeInvalid'),
    );
    expect(
      transitionHazard('reportedFixed', { ...recheck, at: '2025-06-10T10:00:01+08:00' }, context),
    ).toEqual(refused('recheckInFuture'));
  });

  it('rechecks an unreported fix only from the deadline day on', () => {
    const recheck = RECHECK;
    expect(transitionHazard('rectifying', recheck, { now: NOW, deadline: '2025-06-11' })).toEqual(
      refused('deadlineNotReached'),
    );
    expect(transitionHazard('rectifying', recheck, { now: NOW })).toEqual(refused('deadlineNotReached'));
    expect(transitionHazard('rectifying', recheck, { now: NOW, deadline: '2025-06-10' })).toEqual({
      ok: true,
      state: 'recheckPassed',
    });
  });

  it('rechecks a reported fix before the deadline', () => {
    expect(
      transitionHazard('reportedFixed', VALID_EVENTS.recheck, { now: NOW, deadline: '2025-06-30' }),
    ).toEqual({ ok: true, state: 'recheckPassed' });
  });

  it('needs the department feedback written down', () => {
    expect(transitionHazard('referred', { type: 'deptFeedback', note: '  ' }, context)).toEqual(
      refused('feedbackRequired'),
    );
  });

  it('checks the table before the guards', () => {
    expect(transitionHazard('closed', { type: 'fixOnSite', photoIds: [] }, context)).toEqual(
      refused('notAllowed'),
    );
  });
});
