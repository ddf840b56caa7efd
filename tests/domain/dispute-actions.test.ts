import { describe, expect, it } from 'vitest';
import { type DisputeBody, disputeBodySchema } from '../../src/domain/dispute';
import {
  type ActionStamp,
  applyDisputeAction,
  type DisputeAction,
  disputeContextFrom,
  disputeDueDay,
  disputeRiskFactsFrom,
  extraDisputeActions,
} from '../../src/domain/dispute-actions';

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in China
let counter = 0;
const stamp = (now = NOW): ActionStamp => ({
  now,
  userId: 'u-mediator',
  newId: () => `00000000-0000-7000-8000-${String(++counter).padStart(12, '0')}`,
});

const REPORTED: DisputeBody = {
  title: '502漏水纠纷',
  disputeType: 'neighbor',
  summary: '楼上卫生间漏水至楼下',
  registeredAt: '2026-03-01T09:00:00+08:00',
  source: 'gridReport',
  nature: 'individual',
  involvedCount: 2,
  parties: [
    { id: '00000000-0000-7000-8000-00000000a001', role: 'applicant', partyType: 'natural', name: '李秀英' },
    { id: '00000000-0000-7000-8000-00000000a002', role: 'respondent', partyType: 'natural', name: '赵伟' },
  ],
  riskLevel: 'yellow',
  handlingLevel: 'grid',
  sessions: [],
  followUps: [],
  flowLogs: [],
  photoIds: [],
  status: 'reported',
};

const SESSION = {
  id: '00000000-0000-7000-8000-00000000b001',
  at: '2026-03-05T14:00:00+08:00',
  mediators: '王丽',
  outcome: 'agreed' as const,
};

/** Applies the steps in order and fails the test on the first refusal. */
function run(body: DisputeBody, ...actions: DisputeAction[]): DisputeBody {
  return actions.reduce((current, action) => {
    const result = applyDisputeAction(current, action, stamp());
    if (!result.ok) throw new Error(`${action.type} refused: ${result.reason}`);
    return result.body;
  }, body);
}

const ACCEPT: DisputeAction = {
  type: 'accept',
  consentToMediate: true,
  mediationOrg: '湖滨社区人民调解委员会',
  mediators: [{ id: '00000000-0000-7000-8000-00000000c001', userId: 'u-mediator', name: '王丽' }],
};
const START: DisputeAction = { type: 'startMediation', rightsNotifiedAt: '2026-03-05T13:50:00+08:00' };

describe('dispute actions', () => {
  it('accepts a case with consent and a mediator, and logs who did it and when', () => {
    const result = applyDisputeAction(REPORTED, ACCEPT, stamp());
    expect(result.ok && result.body.status).toBe('accepted');
    if (!result.ok) return;
    expect(result.body.mediators).toHaveLength(1);
    expect(result.body.flowLogs).toEqual([
      expect.objectContaining({
        action: 'accept',
        at: NOW.toISOString(),
        by: 'u-mediator',
        fromStatus: 'reported',
        toStatus: 'accepted',
        fromLevel: 'grid',
        toLevel: 'grid',
      }),
    ]);
    expect(disputeBodySchema.safeParse(result.body).success).toBe(true);
  });

  it('refuses to accept without the parties’ consent and leaves the body alone', () => {
    const result = applyDisputeAction(REPORTED, { ...ACCEPT, consentToMediate: false }, stamp());
    expect(result).toEqual({ ok: false, reason: 'consentRequired' });
    expect(REPORTED.status).toBe('reported');
  });

  it('refuses 调解成功 before any session is recorded', () => {
    const mediating = run(REPORTED, ACCEPT, START);
    const result = applyDisputeAction(
      mediating,
      { type: 'succeed', agreementType: 'written', agreement: { terms: '赵伟赔偿维修费1200元' } },
      stamp(),
    );
    expect(result).toEqual({ ok: false, reason: 'sessionRequired' });
  });

  it('records a session without moving the status, logged as a note from and to the same status', () => {
    const mediating = run(REPORTED, ACCEPT, START);
    const after = run(mediating, { type: 'recordSession', session: SESSION });
    expect(after.status).toBe('mediating');
    expect(after.sessions).toEqual([SESSION]);
    expect(after.flowLogs).toHaveLength(mediating.flowLogs.length + 1);
    expect(after.flowLogs.at(-1)).toMatchObject({
      action: 'recordSession',
      fromStatus: 'mediating',
      toStatus: 'mediating',
    });
  });

  it('records an extension with its own id, time and the parties’ consent', () => {
    const mediating = run(REPORTED, ACCEPT, START);
    const after = run(mediating, { type: 'extend', extension: { days: 15, reason: '双方同意延期' } });
    expect(after.extensions).toEqual([
      {
        id: expect.any(String),
        at: NOW.toISOString(),
        days: 15,
        reason: '双方同意延期',
        partiesConsented: true,
      },
    ]);
    expect(after.flowLogs.at(-1)).toMatchObject({ action: 'extend', reason: '双方同意延期' });
    expect(disputeBodySchema.safeParse(after).success).toBe(true);
  });

  it('walks a case from registration to 结案 with a schema-valid body at every step', () => {
    const steps: DisputeAction[] = [
      ACCEPT,
      START,
      { type: 'recordSession', session: SESSION },
      {
        type: 'succeed',
        agreementType: 'written',
        agreement: { terms: '赵伟赔偿维修费1200元', amountYuan: 1200, performanceDeadline: '2026-03-20' },
      },
      { type: 'startPerformance' },
      {
        type: 'followUp',
        followUp: {
          id: '00000000-0000-7000-8000-00000000d001',
          at: '2026-03-25T10:00:00+08:00',
          by: '王丽',
          performance: 'fulfilled',
          satisfaction: 'satisfied',
          residualRisk: false,
        },
      },
      { type: 'close' },
    ];
    let body = REPORTED;
    const statuses: string[] = [];
    for (const step of steps) {
      body = run(body, step);
      expect(disputeBodySchema.safeParse(body).success).toBe(true);
      statuses.push(body.status);
    }
    expect(statuses).toEqual([
      'accepted',
      'mediating',
      'mediating',
      'success',
      'performing',
      'followedUp',
      'closed',
    ]);
    expect(body.flowLogs.map((log) => log.action)).toEqual([
      'accept',
      'startMediation',
      'recordSession',
      'succeed',
      'startPerformance',
      'followUp',
      'close',
    ]);
    expect(new Set(body.flowLogs.map((log) => log.id)).size).toBe(7);
    expect(body.closedAt).toBe(NOW.toISOString());
    expect(body.performanceStatus).toBe('fulfilled');
  });

  it('sets performance to 未到期 for an agreement with a deadline and 履行中 without one', () => {
    const mediating = run(REPORTED, ACCEPT, START, { type: 'recordSession', session: SESSION });
    const withDeadline = run(mediating, {
      type: 'succeed',
      agreementType: 'oral',
      agreement: { terms: '道歉', performanceDeadline: '2026-03-20' },
    });
    const without = run(mediating, { type: 'succeed', agreementType: 'oral', agreement: { terms: '道歉' } });
    expect(withDeadline.performanceStatus).toBe('notDue');
    expect(without.performanceStatus).toBe('performing');
  });

  it('keeps the status after a 回访 that finds the agreement not yet performed, and logs the visit', () => {
    const performing: DisputeBody = {
      ...run(REPORTED, ACCEPT, START, { type: 'recordSession', session: SESSION }),
      status: 'performing',
      agreementType: 'written',
      agreement: { terms: '赔偿1200元' },
      performanceStatus: 'performing',
    };
    const after = run(performing, {
      type: 'followUp',
      followUp: {
        id: '00000000-0000-7000-8000-00000000d002',
        at: '2026-03-25T10:00:00+08:00',
        by: '王丽',
        performance: 'performing',
        satisfaction: 'basicallySatisfied',
        residualRisk: true,
        measures: '督促赵伟本周内付款',
      },
    });
    expect(after.status).toBe('performing');
    expect(after.followUps).toHaveLength(1);
    expect(after.flowLogs.at(-1)).toMatchObject({
      action: 'followUp',
      fromStatus: 'performing',
      toStatus: 'performing',
    });
  });

  it('escalates to a higher level with the reason, and refuses the same level', () => {
    const up = run(REPORTED, { type: 'escalate', toLevel: 'street', reason: '涉及人数≥10人' });
    expect(up).toMatchObject({ status: 'escalated', handlingLevel: 'street' });
    expect(up.flowLogs.at(-1)).toMatchObject({
      fromLevel: 'grid',
      toLevel: 'street',
      reason: '涉及人数≥10人',
    });
    expect(applyDisputeAction(REPORTED, { type: 'escalate', toLevel: 'grid', reason: 'x' }, stamp())).toEqual(
      {
        ok: false,
        reason: 'levelNotHigher',
      },
    );
  });

  it('refuses 不予受理 as out of scope until the parties are told another route', () => {
    const refused = applyDisputeAction(
      REPORTED,
      { type: 'notAccept', reason: 'outOfScope', routesNotified: [] },
      stamp(),
    );
    expect(refused).toEqual({ ok: false, reason: 'routesNotNotified' });
    const after = run(REPORTED, { type: 'notAccept', reason: 'outOfScope', routesNotified: ['arbitration'] });
    expect(after).toMatchObject({ status: 'notAccepted', routesNotified: ['arbitration'] });
  });

  it('closes a transferred case only after the feedback is noted', () => {
    const awaiting = run(
      REPORTED,
      { type: 'transfer', referredTo: 'policeStation', reason: '有治安案件苗头' },
      { type: 'confirmReceipt' },
    );
    expect(applyDisputeAction(awaiting, { type: 'close' }, stamp())).toEqual({
      ok: false,
      reason: 'feedbackRequired',
    });
    const closed = run(awaiting, { type: 'feedback', transferFeedback: '派出所已立案' }, { type: 'close' });
    expect(closed.status).toBe('closed');
    expect(disputeBodySchema.safeParse(closed).success).toBe(true);
  });

  it('offers 记录调解 only while mediating and 延期 only until it ends', () => {
    expect(extraDisputeActions(REPORTED)).toEqual([]);
    const mediating = run(REPORTED, ACCEPT, START);
    expect(extraDisputeActions(mediating)).toEqual(['recordSession', 'extend']);
  });
});

describe('dispute context, risk facts and due day', () => {
  it('reads the guard fields from a body', () => {
    expect(disputeContextFrom(REPORTED)).toEqual({
      handlingLevel: 'grid',
      consentToMediate: false,
      mediatorCount: 0,
      sessionCount: 0,
      routesNotified: [],
      followUpCount: 0,
    });
  });

  it('counts the days open in China time', () => {
    // Registered 1 March 09:00 in China; 10 March 10:00 in China is 9 days later.
    expect(disputeRiskFactsFrom(REPORTED, NOW).daysOpen).toBe(9);
    expect(disputeRiskFactsFrom(REPORTED, new Date('2026-03-01T15:59:00Z')).daysOpen).toBe(0);
    expect(disputeRiskFactsFrom(REPORTED, new Date('2026-03-01T16:00:00Z')).daysOpen).toBe(1);
  });

  it('is due 30 days after 受理, plus consented extensions', () => {
    expect(disputeDueDay(REPORTED)).toBe('2026-03-31');
    const accepted = applyDisputeAction(REPORTED, ACCEPT, stamp(new Date('2026-03-04T01:00:00Z')));
    if (!accepted.ok) throw new Error('refused');
    expect(disputeDueDay(accepted.body)).toBe('2026-04-03');
    const extended = run(accepted.body, {
      type: 'extend',
      extension: { days: 15, reason: '双方同意等待鉴定结果' },
    });
    expect(disputeDueDay(extended)).toBe('2026-04-18');
  });

  it('counts the days a case sits unresolved only while it is unresolved', () => {
    const later = new Date(Date.parse(REPORTED.registeredAt) + 20 * 24 * 3600 * 1000);
    expect(disputeRiskFactsFrom(REPORTED, later).daysOpen).toBe(20);
    expect(disputeRiskFactsFrom({ ...REPORTED, status: 'performing' }, later).daysOpen).toBe(0);
  });
});
