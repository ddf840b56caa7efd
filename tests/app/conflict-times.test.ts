import { describe, expect, it } from 'vitest';
import { timesToTheSecond } from '../../src/app/screens/conflict-screen';
import type { GridRecord } from '../../src/domain/record-envelope';
import { samplePatrol } from '../support/sample-records';

const ID = '0190a5d2-7a3b-7c4d-8e9f-000000000001';

function patrolEndingAt(endedAt: string): GridRecord {
  const sample = samplePatrol(ID);
  return { ...sample, body: { ...sample.body, endedAt } };
}

describe('the conflict screen', () => {
  it('shows two times that read alike to the minute to the second, so the choice is never between equals', () => {
    const values = timesToTheSecond(
      'body.endedAt',
      patrolEndingAt('2026-11-30T01:37:22.000Z'),
      patrolEndingAt('2026-11-30T01:37:00.000Z'),
    );
    expect(values).toBeDefined();
    const [mine, theirs] = values ?? ['', ''];
    expect(mine).not.toBe(theirs);
    expect(mine).toContain('22');
  });

  it('leaves times in different minutes, and other fields, as the detail shows them', () => {
    const a = patrolEndingAt('2026-11-30T01:37:22.000Z');
    expect(timesToTheSecond('body.endedAt', a, patrolEndingAt('2026-11-30T02:37:22.000Z'))).toBeUndefined();
    expect(timesToTheSecond('body.content', a, a)).toBeUndefined();
  });
});
