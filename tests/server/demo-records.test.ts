import { describe, expect, it } from 'vitest';
import { startOfLocalWeek } from '../../src/domain/due-dates';
import { recordSchema } from '../../src/domain/record-envelope';
import { buildDemoOrgs } from '../../src/server/demo/demo-orgs';
import { buildDemoRecords } from '../../src/server/demo/demo-records';

describe('demo records', () => {
  it.each([
    ['a Thursday morning', '2026-11-26T02:00:00.000Z'],
    ['half a minute into a Monday in China', '2026-11-22T16:00:30.000Z'],
    ['two hours into a Monday in China', '2026-11-22T18:00:00.000Z'],
  ])('are valid and located, with this week’s walked patrol, on %s', (_when, at) => {
    const now = new Date(at);
    const records = buildDemoRecords(buildDemoOrgs().communities, now);
    for (const record of records) {
      const parsed = recordSchema.safeParse(record);
      expect(parsed.success ? [] : parsed.error.issues, record.id).toEqual([]);
      expect(record.body.location, record.id).toBeDefined();
    }
    const walked = records.filter((r) => r.kind === 'patrol' && (r.body.track?.length ?? 0) > 0);
    expect(walked.length).toBeGreaterThan(0);
    for (const patrol of walked) {
      if (patrol.kind !== 'patrol') continue;
      expect(Date.parse(patrol.body.startedAt)).toBeLessThanOrEqual(now.getTime());
      // Except in the first minutes of a week, the walk is this week's.
      if (now.getTime() - startOfLocalWeek(now).getTime() > 5 * 60_000) {
        expect(Date.parse(patrol.body.startedAt)).toBeGreaterThanOrEqual(startOfLocalWeek(now).getTime());
      }
    }
  });
});
