import { describe, expect, it } from 'vitest';
import { bodyFrom, draftFrom } from '../../../src/app/kinds/patrol/patrol-draft';
import { patrolBodySchema } from '../../../src/domain/patrol';
import { samplePatrol } from '../../support/sample-records';

const TRACK = [
  {
    id: '0190a5d2-7a3b-7c4d-8e9f-0000000000a1',
    points: [
      [118.7485, 32.2265, 1_764_205_200_000, 8],
      [118.7485, 32.2267, 1_764_205_210_000, 8],
    ] as [number, number, number, number][],
  },
];

function startedPatrol() {
  const body = samplePatrol('0190a5d2-7a3b-7c4d-8e9f-000000000001').body;
  return { ...body, content: '', status: 'draft' as const, track: TRACK };
}

describe('patrol form draft', () => {
  it('writes back the start and end to the second while the user leaves them as shown', () => {
    const previous = {
      ...startedPatrol(),
      startedAt: '2026-11-30T01:00:05.123Z',
      endedAt: '2026-11-30T01:37:22.456Z',
    };
    const untouched = bodyFrom({ ...draftFrom(previous, new Date()), content: '走访 12 户' }, previous);
    expect(untouched.startedAt).toBe(previous.startedAt);
    expect(untouched.endedAt).toBe(previous.endedAt);

    const draft = draftFrom(previous, new Date());
    const corrected = bodyFrom({ ...draft, endedAt: draft.endedAt.replace(/:37$/, ':50') }, previous);
    expect(corrected.startedAt).toBe(previous.startedAt);
    expect(new Date(String(corrected.endedAt)).getMinutes()).toBe(50);
    expect(new Date(String(corrected.endedAt)).getSeconds()).toBe(0);
  });

  it('keeps the track and every field it does not edit, and submits a started patrol', () => {
    const previous = startedPatrol();
    const draft = {
      ...draftFrom(previous, new Date()),
      content: '走访 12 户',
    };
    const body = bodyFrom(draft, previous);
    expect(body.track).toEqual(TRACK);
    expect(body.status).toBe('submitted');
    expect(patrolBodySchema.safeParse(body).success).toBe(true);
  });

  it('takes a started patrol with an empty log as valid, and needs the log once submitted', () => {
    expect(patrolBodySchema.safeParse(startedPatrol()).success).toBe(true);
    expect(draftFrom(startedPatrol(), new Date()).content).toBe('');
    const submitted = patrolBodySchema.safeParse({ ...startedPatrol(), status: 'submitted' });
    expect(submitted.success ? [] : submitted.error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'content',
    ]);
  });

  it('keeps a reviewed log reviewed', () => {
    const previous = { ...startedPatrol(), content: '已写', status: 'reviewed' as const };
    expect(bodyFrom(draftFrom(previous, new Date()), previous).status).toBe('reviewed');
  });

  it('stores findings, handling, companions and anti-fraud figures, and drops wholly empty companions', () => {
    const previous = { ...startedPatrol(), patrolTypes: ['antiFraud' as const] };
    const draft = {
      ...draftFrom(previous, new Date()),
      content: '反诈入户',
      weather: '晴',
      companions: [
        { id: '0190a5d2-7a3b-7c4d-8e9f-0000000000c1', name: '陈警官', duty: '社区民警' },
        { id: '0190a5d2-7a3b-7c4d-8e9f-0000000000c2', name: ' ', duty: '' },
      ],
      findings: { ...draftFrom(previous, new Date()).findings, fireHazards: 2 },
      selfResolvedCount: 1,
      reportedCount: 1,
      antiFraud: {
        householdsReached: 12,
        peopleReached: 30,
        materials: 40,
        appInstalled: 8,
        alertsEnabled: 6,
      },
    };
    const body = bodyFrom(draft, previous);
    expect(body).toMatchObject({
      weather: '晴',
      accompaniedBy: [{ id: '0190a5d2-7a3b-7c4d-8e9f-0000000000c1', name: '陈警官', duty: '社区民警' }],
      findings: expect.objectContaining({ fireHazards: 2 }),
      antiFraud: expect.objectContaining({ appInstalled: 8 }),
    });
    expect(patrolBodySchema.safeParse(body).success).toBe(true);
  });

  it('leaves the anti-fraud figures out when 反诈宣传 is not chosen', () => {
    const previous = { ...startedPatrol(), patrolTypes: ['environment' as const], content: '环境巡查' };
    expect(bodyFrom(draftFrom(previous, new Date()), previous)).not.toHaveProperty('antiFraud');
  });
});
