import { describe, expect, it } from 'vitest';
import { boundsOf, gridFeatures, recordFeatures } from '../../../src/app/map/map-features';
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
});
