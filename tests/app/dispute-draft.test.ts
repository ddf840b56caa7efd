import { afterEach, describe, expect, it } from 'vitest';
import { bodyFrom, draftFrom } from '../../src/app/kinds/dispute/dispute-draft';
import { activePatrolId } from '../../src/app/lib/active-patrol';
import { type DisputeBody, disputeBodySchema } from '../../src/domain/dispute';

const NOW = new Date('2026-03-10T02:00:00Z');

/** A case well into its workflow: the registration form must leave all of that alone. */
const PERFORMING: DisputeBody = {
  title: '502漏水纠纷',
  disputeType: 'neighbor',
  disputeSubType: '漏水',
  summary: '楼上卫生间漏水至楼下',
  occurredAt: '2026-02-28T20:00:00.000Z',
  registeredAt: '2026-03-01T01:00:00.000Z',
  source: 'partyApplication',
  nature: 'individual',
  involvedCount: 2,
  involvedAmountYuan: 1200,
  parties: [
    {
      id: '00000000-0000-7000-8000-00000000a001',
      role: 'applicant',
      partyType: 'natural',
      name: '李秀英',
      gender: 'female',
      age: 62,
      phone: '13812345678',
    },
    { id: '00000000-0000-7000-8000-00000000a002', role: 'respondent', partyType: 'natural', name: '赵伟' },
  ],
  riskLevel: 'yellow',
  consentToMediate: true,
  rightsNotifiedAt: '2026-03-02T01:00:00.000Z',
  handlingLevel: 'community',
  mediationOrg: '湖滨社区人民调解委员会',
  mediators: [{ id: '00000000-0000-7000-8000-00000000c001', userId: 'u1', name: '王丽' }],
  sessions: [
    {
      id: '00000000-0000-7000-8000-00000000b001',
      at: '2026-03-03T06:00:00.000Z',
      mediators: '王丽',
      outcome: 'agreed',
    },
  ],
  agreementType: 'written',
  agreement: { terms: '赵伟赔偿1200元', performanceDeadline: '2026-03-20' },
  performanceStatus: 'performing',
  followUps: [],
  flowLogs: [
    {
      id: '00000000-0000-7000-8000-00000000e001',
      at: '2026-03-02T01:00:00.000Z',
      by: 'u1',
      action: 'accept',
      fromStatus: 'reported',
      toStatus: 'accepted',
    },
  ],
  status: 'performing',
};

describe('dispute registration draft', () => {
  afterEach(() => {
    activePatrolId.value = undefined;
  });

  it('registers a new case as 已登记 at grid level, linked to the patrol in progress', () => {
    activePatrolId.value = '00000000-0000-7000-8000-0000000000f1';
    const draft = draftFrom(undefined, NOW);
    const body = bodyFrom(
      {
        ...draft,
        title: '噪音纠纷',
        disputeType: 'neighbor',
        summary: '夜间装修噪音',
        parties: draft.parties.map((p, i) => ({ ...p, name: ['李秀英', '赵伟'][i] ?? '' })),
      },
      undefined,
    );
    expect(body).toMatchObject({
      status: 'reported',
      handlingLevel: 'grid',
      source: 'gridReport',
      sessions: [],
      followUps: [],
      flowLogs: [],
      patrolId: '00000000-0000-7000-8000-0000000000f1',
    });
    expect(disputeBodySchema.safeParse(body).success).toBe(true);
  });

  it('keeps the status, workflow fields and unedited party fields when the registration is edited', () => {
    const draft = draftFrom(PERFORMING, NOW);
    const body = bodyFrom({ ...draft, summary: '楼上卫生间漏水至楼下,已维修' }, PERFORMING);
    const parsed = disputeBodySchema.parse(body);
    expect(parsed).toEqual({ ...PERFORMING, summary: '楼上卫生间漏水至楼下,已维修' });
  });

  it('drops optional fields the worker cleared', () => {
    const draft = draftFrom(PERFORMING, NOW);
    const body = bodyFrom(
      {
        ...draft,
        occurredAt: '',
        amount: '',
        disputeSubType: '',
        parties: draft.parties.map((p) => ({ ...p, phone: '', age: '' })),
      },
      PERFORMING,
    );
    expect(body).not.toHaveProperty('occurredAt');
    expect(body).not.toHaveProperty('involvedAmountYuan');
    expect(body).not.toHaveProperty('disputeSubType');
    expect((body.parties as object[])[0]).not.toHaveProperty('phone');
    expect((body.parties as object[])[0]).not.toHaveProperty('age');
  });

  it('counts at least as many people as there are parties', () => {
    const draft = draftFrom(PERFORMING, NOW);
    const body = bodyFrom({ ...draft, involvedCount: 1 }, PERFORMING);
    expect(body.involvedCount).toBe(2);
  });

  it('passes a mistyped amount on as text so the schema flags the field', () => {
    const draft = draftFrom(PERFORMING, NOW);
    const body = bodyFrom({ ...draft, amount: '十万' }, PERFORMING);
    const result = disputeBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('involvedAmountYuan');
  });
});
