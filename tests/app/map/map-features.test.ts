import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  gridFeatures,
  linePoints,
  positionFeatures,
  recordFeatures,
  trackLines,
} from '../../../src/app/map/map-features';
import { startOfLocalWeek } from '../../../src/domain/due-dates';
import type { LocalGrid, LocalRecord } from '../../../src/sync/local-db';

const square: LocalGrid = {
  id: 'g1',
  name: '第一网格',
  communityName: '湖滨社区',
  streetName: '大厂街道',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [118.765, 32.2135],
        [118.771, 32.2135],
        [118.771, 32.2185],
        [118.765, 32.2185],
        [118.765, 32.2135],
      ],
    ],
  },
};

function row(
  id: string,
  kind: LocalRecord['kind'],
  lngLat?: [number, number],
  deleted = false,
  extra: Record<string, unknown> = {},
): LocalRecord {
  const body = {
    ...(lngLat ? { location: { lngLat, capturedAt: '2026-11-27T00:00:00.000Z' } } : {}),
    ...extra,
  };
  return {
    id,
    kind,
    gridId: 'g1',
    updatedAt: '2026-11-27T00:00:00.000Z',
    syncState: 'pending',
    record: { id, kind, gridId: 'g1', deleted, body } as unknown as LocalRecord['record'],
  };
}

describe('map features', () => {
  it('draws grids that have a boundary and skips those without', () => {
    const collection = gridFeatures([square, { ...square, id: 'g2', geometry: null }]);
    expect(collection.features.map((f) => f.properties.gridId)).toEqual(['g1']);
  });

  it('puts located, live records of the chosen kind on the map', () => {
    const rows = [
      row('a', 'patrol', [118.768, 32.216]),
      row('b', 'dispute', [118.769, 32.217]),
      row('c', 'patrol'),
      row('d', 'patrol', [118.77, 32.215], true),
    ];
    expect(recordFeatures(rows, 'all').features.map((f) => f.properties.recordId)).toEqual(['a', 'b']);
    expect(recordFeatures(rows, 'patrol').features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [118.768, 32.216] },
        properties: { recordId: 'a', kind: 'patrol', syncState: 'pending', alert: 'none' },
      },
    ]);
  });

  it('halos what needs attention: overdue first, then dispute risk, then an open hazard', () => {
    const now = new Date('2026-11-27T02:00:00.000Z');
    const at: [number, number] = [118.768, 32.216];
    const hazard = (status: string, deadline?: string) => ({
      id: 'h',
      status,
      ...(deadline && { deadline }),
    });
    const rows = [
      row('overdue', 'rentalInspection', at, false, {
        status: 'rectifying',
        hazards: [hazard('rectifying', '2026-11-20')],
      }),
      row('open', 'rentalInspection', at, false, {
        status: 'rectifying',
        hazards: [hazard('rectifying', '2026-12-20')],
      }),
      row('done', 'rentalInspection', at, false, { status: 'closed', hazards: [hazard('closed')] }),
      row('red', 'dispute', at, false, {
        status: 'mediating',
        riskLevel: 'red',
        registeredAt: '2026-11-20T02:00:00.000Z',
      }),
      row('orange', 'dispute', at, false, {
        status: 'accepted',
        riskLevel: 'orange',
        registeredAt: '2026-11-20T02:00:00.000Z',
      }),
      row('closedRed', 'dispute', at, false, {
        status: 'closed',
        riskLevel: 'red',
        registeredAt: '2026-11-20T02:00:00.000Z',
      }),
      row('late', 'dispute', at, false, {
        status: 'mediating',
        riskLevel: 'red',
        registeredAt: '2026-10-01T02:00:00.000Z',
      }),
    ];
    const alerts = Object.fromEntries(
      recordFeatures(rows, 'all', now).features.map((f) => [f.properties.recordId, f.properties.alert]),
    );
    expect(alerts).toEqual({
      overdue: 'overdue',
      open: 'openHazard',
      done: 'none',
      red: 'riskRed',
      orange: 'riskOrange',
      closedRed: 'none',
      late: 'overdue',
    });
  });

  it('bounds the grids and points, and has no bounds for nothing', () => {
    const points = recordFeatures([row('a', 'patrol', [118.78, 32.21])], 'all');
    expect(boundsOf(gridFeatures([square]), points)).toEqual([118.765, 32.21, 118.78, 32.2185]);
    expect(boundsOf(gridFeatures([]))).toBeUndefined();
  });

  it('draws this week’s patrol tracks one line per segment, the running patrol marked current', () => {
    const since = new Date('2026-11-22T16:00:00.000Z');
    const patrol = (id: string, startedAt: string, track: unknown) =>
      row(id, 'patrol', undefined, false, { startedAt, track });
    const rows = [
      patrol('this-week', '2026-11-25T01:00:00.000Z', [
        {
          id: 's1',
          points: [
            [118.77, 32.21, 1, 5],
            [118.771, 32.211, 2, 5],
          ],
        },
        { id: 's2', points: [[118.78, 32.22, 3, 5]] },
        {
          id: 's3',
          points: [
            [118.79, 32.23, 4, 5],
            [118.791, 32.231, 5, 5],
          ],
        },
      ]),
      patrol('last-week', '2026-11-20T01:00:00.000Z', [
        {
          id: 'x',
          points: [
            [1, 1, 1, 1],
            [2, 2, 2, 2],
          ],
        },
      ]),
    ];
    const running = {
      patrolId: 'now',
      segments: [
        {
          id: 'r1',
          points: [
            [118.8, 32.2],
            [118.801, 32.201],
          ],
        },
      ],
    };
    const lines = trackLines(rows, running, since);
    expect(lines.features.map((f) => [f.properties.patrolId, f.properties.current])).toEqual([
      ['this-week', false],
      ['this-week', false],
      ['now', true],
    ]);
    // The gap between s1 and s3 is never drawn: no line joins them.
    expect(linePoints(lines)).toHaveLength(6);
  });

  it('starts the week on Monday 00:00 in China', () => {
    // Thursday 2026-11-26 10:00 China → Monday 2026-11-23 00:00 China = Sunday 16:00 UTC.
    expect(startOfLocalWeek(new Date('2026-11-26T02:00:00.000Z')).toISOString()).toBe(
      '2026-11-22T16:00:00.000Z',
    );
    // Monday 00:30 China is already the new week.
    expect(startOfLocalWeek(new Date('2026-11-22T16:30:00.000Z')).toISOString()).toBe(
      '2026-11-22T16:00:00.000Z',
    );
  });

  it('shows the position with a circle as wide as its accuracy, or nothing without a fix', () => {
    expect(positionFeatures(undefined).features).toEqual([]);
    const here = positionFeatures({ lngLat: [118.77, 32.21], accuracyM: 111.32 });
    const [accuracy] = here.features;
    if (!accuracy) throw new Error('an accuracy circle is drawn');
    const ring = (accuracy.geometry as { coordinates: number[][][] }).coordinates[0] ?? [];
    expect(ring).toHaveLength(33);
    expect(ring[0]?.[0]).toBeCloseTo(118.77 + 0.001 / Math.cos((32.21 * Math.PI) / 180), 6);
    expect(here.features[1]).toMatchObject({ geometry: { type: 'Point', coordinates: [118.77, 32.21] } });
  });
});
