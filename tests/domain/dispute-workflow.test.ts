import { describe, expect, it } from 'vitest';
import { DISPUTE_STATUSES } from '../../src/domain/dispute';
import {
  allowedDisputeEvents,
  DISPUTE_EVENT_TYPES,
  type DisputeContext,
  type DisputeEvent,
  type DisputeEventType,
  type DisputeStatus,
  nextHandlingLevel,
  transitionDispute,
} from '../../src/domain/dispute-workflow';

/** A dispute whose every guard passes. */
const READY: DisputeContext = {
  handlingLevel: 'grid',
  consentToMediate: true,
  mediatorCount: 1,
  rightsNotifiedAt: '2025-06-02T10:00:00+08:00',
  sessionCount: 1,
  agreementType: 'written',
  failureReason: '双方对赔偿金额分歧过大',
  routesNotified: ['litigation'],
  performanceStatus: 'fulfilled',
  followUpCount: 1,
  transferFeedback: '派出所已受理',
};

const EVENTS: Record<DisputeEventType, DisputeEvent> = {
  accept: { type: 'accept' },
  notAccept: { type: 'notAccept', reason: 'outOfScope' },
  startMediation: { type: 'startMediation' },
  succeed: { type: 'succeed' },
  fail: { type: 'fail' },
  withdraw: { type: 'withdraw' },
  escalate: { type: 'escalate', toLevel: 'community' },
  transfer: { type: 'transfer', referredTo: 'policeStation' },
  startPerformance: { type: 'startPerformance' },
  followUp: { type: 'followUp' },
  terminate: { type: 'terminate' },
  confirmReceipt: { type: 'confirmReceipt' },
  close: { type: 'close' },
};

/** Every transition the machine allows; every (status, event) pair not listed must be refused. */
const ALLOWED: Record<DisputeStatus, Partial<Record<DisputeEventType, DisputeStatus>>> = {
  reported: { accept: 'accepted', notAccept: 'notAccepted', escalate: 'escalated', transfer: 'transferred' },
  notAccepted: { close: 'closed' },
  accepted: {
    startMediation: 'mediating',
    withdraw: 'terminated',
    escalate: 'escalated',
    transfer: 'transferred',
  },
  mediating: {
    succeed: 'success',
    fail: 'failed',
    withdraw: 'terminated',
    escalate: 'escalated',
    transfer: 'transferred',
  },
  success: { startPerformance: 'performing', followUp: 'followedUp' },
  performing: { followUp: 'followedUp' },
  followedUp: { close: 'closed' },
  failed: { terminate: 'terminated' },
  terminated: { close: 'closed' },
  escalated: { accept: 'accepted', startMediation: 'mediating', transfer: 'transferred' },
  transferred: { confirmReceipt: 'awaitingFeedback' },
  awaitingFeedback: { close: 'closed' },
  closed: {},
};

const PAIRS = DISPUTE_STATUSES.flatMap((state) =>
  DISPUTE_EVENT_TYPES.map((type) => [state, type, ALLOWED[state][type] ?? '-'] as const),
);

describe('dispute workflow', () => {
  it.each(PAIRS)('%s + %s → %s', (state, type, expected) => {
    const result = transitionDispute(state, EVENTS[type], READY);
    expect(result).toEqual(
      expected === '-'
        ? { ok: false, reason: 'notAllowed' }
        : { ok: true, state: expected, handlingLevel: type === 'escalate' ? 'community' : 'grid' },
    );
  });

  it.each(DISPUTE_STATUSES)('lists the events %s accepts', (state) => {
    expect(allowedDisputeEvents(state)).toEqual(DISPUTE_EVENT_TYPES.filter((type) => ALLOWED[state][type]));
  });

  it('lets every status reach closed', () => {
    for (const start of DISPUTE_STATUSES) {
      const seen = new Set<DisputeStatus>([start]);
      const queue: DisputeStatus[] = [start];
      for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
        for (const next of Object.values(ALLOWED[state])) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      expect(seen.has('closed'), start).toBe(true);
    }
  });
});

describe('dispute escalation', () => {
  it('raises the level one step: grid → community → street → district', () => {
    expect(nextHandlingLevel('grid')).toBe('community');
    expect(nextHandlingLevel('community')).toBe('street');
    expect(nextHandlingLevel('street')).toBe('district');
    expect(nextHandlingLevel('district')).toBeUndefined();
  });

  it('may skip a level: a red case goes from the grid to the street', () => {
    expect(transitionDispute('reported', { type: 'escalate', toLevel: 'street' }, READY)).toEqual({
      ok: true,
      state: 'escalated',
      handlingLevel: 'street',
    });
  });

  it('never escalates to the same or a lower level', () => {
    const atStreet = { ...READY, handlingLevel: 'street' } as const;
    for (const toLevel of ['grid', 'community', 'street'] as const) {
      expect(transitionDispute('mediating', { type: 'escalate', toLevel }, atStreet)).toEqual({
        ok: false,
        reason: 'levelNotHigher',
      });
    }
    const atDistrict = { ...READY, handlingLevel: 'district' } as const;
    expect(transitionDispute('mediating', { type: 'escalate', toLevel: 'district' }, atDistrict)).toEqual({
      ok: false,
      reason: 'levelNotHigher',
    });
  });

  it('lets the receiving level accept the case again, at its own level', () => {
    const atCommunity = { ...READY, handlingLevel: 'community' } as const;
    expect(transitionDispute('escalated', { type: 'accept' }, atCommunity)).toEqual({
      ok: true,
      state: 'accepted',
      handlingLevel: 'community',
    });
  });
});

describe('dispute guards', () => {
  const refused = (reason: string) => ({ ok: false, reason });
  const without = (patch: Partial<DisputeContext>): DisputeContext => ({ ...READY, ...patch });

  it('accepts only with the parties consent and a mediator', () => {
    expect(transitionDispute('reported', EVENTS.accept, without({ consentToMediate: false }))).toEqual(
      refused('consentRequired'),
    );
    expect(transitionDispute('reported', EVENTS.accept, without({ mediatorCount: 0 }))).toEqual(
      refused('mediatorRequired'),
    );
  });

  it('starts mediation only after the rights notice', () => {
    const { rightsNotifiedAt: _, ...notNotified } = READY;
    expect(transitionDispute('accepted', EVENTS.startMediation, notNotified)).toEqual(
      refused('rightsNotNotified'),
    );
  });

  it('checks consent too when the receiver of an escalation mediates at once', () => {
    expect(
      transitionDispute('escalated', EVENTS.startMediation, without({ consentToMediate: false })),
    ).toEqual(refused('consentRequired'));
    // From accepted, consent was checked on the way in.
    expect(
      transitionDispute('accepted', EVENTS.startMediation, without({ consentToMediate: false })),
    ).toEqual({
      ok: true,
      state: 'mediating',
      handlingLevel: 'grid',
    });
  });

  it('needs the routes told when refusing a case out of scope, not when a party refuses', () => {
    const noRoutes = without({ routesNotified: [] });
    expect(transitionDispute('reported', { type: 'notAccept', reason: 'outOfScope' }, noRoutes)).toEqual(
      refused('routesNotNotified'),
    );
    expect(transitionDispute('reported', { type: 'notAccept', reason: 'partyRefused' }, noRoutes)).toEqual({
      ok: true,
      state: 'notAccepted',
      handlingLevel: 'grid',
    });
  });

  it('needs a session and an agreement, written or oral, for success', () => {
    expect(transitionDispute('mediating', EVENTS.succeed, without({ sessionCount: 0 }))).toEqual(
      refused('sessionRequired'),
    );
    const { agreementType: _, ...noAgreement } = READY;
    expect(transitionDispute('mediating', EVENTS.succeed, noAgreement)).toEqual(refused('agreementRequired'));
    expect(transitionDispute('mediating', EVENTS.succeed, without({ agreementType: 'oral' }))).toEqual({
      ok: true,
      state: 'success',
      handlingLevel: 'grid',
    });
  });

  it('needs a session, a reason and the routes told for failure', () => {
    expect(transitionDispute('mediating', EVENTS.fail, without({ sessionCount: 0 }))).toEqual(
      refused('sessionRequired'),
    );
    expect(transitionDispute('mediating', EVENTS.fail, without({ failureReason: '  ' }))).toEqual(
      refused('failureReasonRequired'),
    );
    const { failureReason: _, ...noReason } = READY;
    expect(transitionDispute('mediating', EVENTS.fail, noReason)).toEqual(refused('failureReasonRequired'));
    expect(transitionDispute('mediating', EVENTS.fail, without({ routesNotified: [] }))).toEqual(
      refused('routesNotNotified'),
    );
  });

  it('marks a follow-up only once one is recorded and performance is settled', () => {
    expect(transitionDispute('performing', EVENTS.followUp, without({ followUpCount: 0 }))).toEqual(
      refused('followUpRequired'),
    );
    for (const performanceStatus of ['notDue', 'performing'] as const) {
      expect(transitionDispute('performing', EVENTS.followUp, without({ performanceStatus }))).toEqual(
        refused('performanceNotSettled'),
      );
    }
    const { performanceStatus: _, ...unknown } = READY;
    expect(transitionDispute('success', EVENTS.followUp, unknown)).toEqual(refused('performanceNotSettled'));
    for (const performanceStatus of ['fulfilled', 'partiallyFulfilled', 'notFulfilled'] as const) {
      expect(transitionDispute('success', EVENTS.followUp, without({ performanceStatus }))).toEqual({
        ok: true,
        state: 'followedUp',
        handlingLevel: 'grid',
      });
    }
  });

  it('closes a successful case only with a follow-up on record', () => {
    expect(transitionDispute('followedUp', EVENTS.close, without({ followUpCount: 0 }))).toEqual(
      refused('followUpRequired'),
    );
    // Other ways to closed have no follow-up.
    expect(transitionDispute('terminated', EVENTS.close, without({ followUpCount: 0 })).ok).toBe(true);
  });

  it('closes a transferred case only with the receiving unit feedback', () => {
    expect(transitionDispute('awaitingFeedback', EVENTS.close, without({ transferFeedback: '' }))).toEqual(
      refused('feedbackRequired'),
    );
  });

  it('checks the table before the guards', () => {
    expect(transitionDispute('closed', EVENTS.accept, without({ consentToMediate: false }))).toEqual(
      refused('notAllowed'),
    );
  });
});
