import { describe, expect, it } from 'vitest';
import { STEP_SPECS, type StepContext } from '../../src/app/kinds/dispute/step-specs';
import { missingFields } from '../../src/app/workflow/step-spec';
import type { DisputeBody } from '../../src/domain/dispute';
import { applyDisputeAction } from '../../src/domain/dispute-actions';

const BODY: DisputeBody = {
  title: '502漏水纠纷',
  disputeType: 'neighbor',
  summary: '楼上卫生间漏水至楼下',
  registeredAt: '2026-03-01T01:00:00.000Z',
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
  status: 'reported',
};

let n = 0;
const context = (body: DisputeBody = BODY, extra: Partial<StepContext> = {}): StepContext => ({
  body,
  user: { id: 'u-wangli', name: '王丽' },
  now: new Date('2026-03-10T02:00:00Z'),
  newId: () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  communityName: '湖滨社区',
  streetName: '大厂街道',
  ...extra,
});

describe('dispute step sheets', () => {
  it('defaults 受理 to the community committee with the signed-in user as mediator', () => {
    const c = context();
    const values = STEP_SPECS.accept.initial(c);
    expect(values).toMatchObject({ consent: false, org: '湖滨社区人民调解委员会', mediators: '王丽' });
    const action = STEP_SPECS.accept.toAction({ ...values, mediators: '王丽、周桂芳' }, c);
    expect(action).toMatchObject({
      type: 'accept',
      consentToMediate: false,
      mediators: [{ name: '王丽', userId: 'u-wangli' }, { name: '周桂芳' }],
    });
  });

  it('preselects the level and reasons the risk assessment proposes for 上报', () => {
    const c = context(BODY, { proposal: { level: 'street', reasons: '涉及人数≥10人' } });
    expect(STEP_SPECS.escalate.initial(c)).toEqual({ level: 'street', reason: '涉及人数≥10人' });
    const levels = STEP_SPECS.escalate.fields(c)[0]?.options?.map((o) => o.value);
    expect(levels).toEqual(['community', 'street', 'district']);
  });

  it('asks for the routes told only when the case is out of scope', () => {
    const fields = STEP_SPECS.notAccept.fields(context());
    const routes = fields.find((f) => f.key === 'routes');
    expect(routes?.when?.({ reason: 'partyRefused' })).toBe(false);
    expect(routes?.when?.({ reason: 'outOfScope' })).toBe(true);
  });

  it('marks empty required fields and an unticked consent to extend', () => {
    const fields = STEP_SPECS.extend.fields(context());
    expect(missingFields(fields, { days: '15', reason: '', consent: false })).toEqual(['reason', 'consent']);
    expect(missingFields(fields, { days: '15', reason: '等待鉴定', consent: true })).toEqual([]);
  });

  it('builds a 调解记录 with every party present by default and blank texts left out', () => {
    const c = context({ ...BODY, status: 'mediating' });
    const values = { ...STEP_SPECS.recordSession.initial(c), outcome: 'continued' };
    const action = STEP_SPECS.recordSession.toAction(values, c);
    if (action.type !== 'recordSession') throw new Error(action.type);
    expect(action.session.partiesPresent).toEqual(BODY.parties.map((p) => p.id));
    expect(action.session).not.toHaveProperty('statements');
    expect(action.session.mediators).toBe('王丽');
  });

  it('turns the 调解成功 sheet into an action the workflow accepts once a session exists', () => {
    const mediating: DisputeBody = {
      ...BODY,
      status: 'mediating',
      consentToMediate: true,
      mediators: [{ id: '00000000-0000-7000-8000-00000000c001', name: '王丽' }],
      rightsNotifiedAt: '2026-03-02T01:00:00.000Z',
      sessions: [
        {
          id: '00000000-0000-7000-8000-00000000b001',
          at: '2026-03-03T06:00:00.000Z',
          mediators: '王丽',
          outcome: 'agreed',
        },
      ],
    };
    const c = context(mediating);
    const values = {
      ...STEP_SPECS.succeed.initial(c),
      terms: '赔偿1200元',
      amount: '1200',
      deadline: '2026-03-20',
    };
    const result = applyDisputeAction(mediating, STEP_SPECS.succeed.toAction(values, c), {
      now: c.now,
      userId: c.user.id,
      newId: c.newId,
    });
    expect(result.ok && result.body).toMatchObject({
      status: 'success',
      agreementType: 'written',
      agreement: {
        terms: '赔偿1200元',
        amountYuan: 1200,
        performanceDeadline: '2026-03-20',
        effectiveAt: '2026-03-10',
      },
      performanceStatus: 'notDue',
    });
  });
});
