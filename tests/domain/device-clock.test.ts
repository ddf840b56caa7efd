import { describe, expect, it } from 'vitest';
import { DEVICE_CLOCK_MESSAGE, deviceClockIssues, isPlausibleStamp } from '../../src/domain/device-clock';
import { dateSchema } from '../../src/domain/text';
import { sampleDispute, samplePatrol } from '../support/sample-records';

const NOW = new Date('2026-11-26T08:00:00.000Z');
const ID = '0195764e-0000-7000-8000-0000000000c1';

function paths(issues: { path: string; message: string }[]): string[] {
  for (const issue of issues) expect(issue.message).toBe(DEVICE_CLOCK_MESSAGE);
  return issues.map((issue) => issue.path);
}

describe('a device clock', () => {
  it('may be up to a day ahead of the server, and not before 2020', () => {
    expect(isPlausibleStamp('2026-11-27T07:59:59.000Z', NOW)).toBe(true);
    expect(isPlausibleStamp('2026-11-27T16:00:01.000+08:00', NOW)).toBe(false);
    expect(isPlausibleStamp('2999-01-01T00:00:00.000Z', NOW)).toBe(false);
    expect(isPlausibleStamp('2020-01-01T00:00:00.000Z', NOW)).toBe(true);
    expect(isPlausibleStamp('2019-12-31T23:59:59.000Z', NOW)).toBe(false);
    expect(isPlausibleStamp('1970-01-01T00:00:00.000Z', NOW)).toBe(false);
  });

  it('names createdAt and updatedAt of a new record stamped by a wrong clock', () => {
    const record = {
      ...samplePatrol(ID),
      createdAt: '2999-01-01T00:00:00.000Z',
      updatedAt: '2019-06-01T00:00:00Z',
    };
    expect(paths(deviceClockIssues(record, NOW, true))).toEqual(['createdAt', 'updatedAt']);
    // A stored record keeps its createdAt whatever is pushed, so only updatedAt counts then.
    expect(paths(deviceClockIssues(record, NOW, false))).toEqual(['updatedAt']);
  });

  it('names every moment in a body that lies in the future, nested list items included', () => {
    const dispute = sampleDispute(ID);
    const record = {
      ...dispute,
      body: {
        ...dispute.body,
        registeredAt: '2999-01-01T09:00:00+08:00',
        occurredAt: '2012-05-01T09:00:00+08:00',
        flowLogs: [
          ...dispute.body.flowLogs,
          { ...(dispute.body.flowLogs[0] ?? {}), id: ID, at: '2031-01-01T00:00:00Z' },
        ],
      },
    } as typeof dispute;
    const found = paths(deviceClockIssues(record, NOW, true));
    expect(found).toEqual(['body.registeredAt', `body.flowLogs.${dispute.body.flowLogs.length}.at`]);
  });

  it('accepts the sample records as they are', () => {
    expect(deviceClockIssues(samplePatrol(ID), NOW, true)).toEqual([]);
    expect(deviceClockIssues(sampleDispute(ID), NOW, true)).toEqual([]);
  });
});

describe('calendar days', () => {
  it('refuses days that do not exist', () => {
    for (const day of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5']) {
      expect(dateSchema.safeParse(day).success, day).toBe(false);
    }
    expect(dateSchema.safeParse('2028-02-29').success).toBe(true);
  });
});
