import { describe, expect, it } from 'vitest';
import { areaFigures, periodsOf } from '../../src/domain/area-figures';
import { eventHeat, HEAT_CELL_M } from '../../src/domain/event-heat';
import { eventTrend } from '../../src/domain/event-trend';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { sampleGridEvent } from '../support/sample-records';

const NOW = new Date('2026-11-26T02:00:00.000Z'); // Thursday 10:00 in China

let n = 0;
/** An event reported at `reportedAt`, closed (结案) at `closedAt` if given, at `lngLat`. */
function event(reportedAt: string, closedAt?: string, lngLat: [number, number] = [118.75, 32.22]) {
  n += 1;
  const base = sampleGridEvent(`0190a5d2-7a3b-7c4d-8e9f-${String(n).padStart(12, '0')}`);
  const close = closedAt
    ? [{ id: `0190a5d2-7a3b-7c4d-8e9f-${String(n + 500).padStart(12, '0')}`, at: closedAt, action: 'close' }]
    : [];
  return {
    ...base,
    body: {
      ...base.body,
      reportedAt,
      location: { lngLat, accuracyM: 10, capturedAt: reportedAt },
      flowLogs: close,
      status: closedAt ? 'closed' : 'reported',
    },
  } as GridEventRecord;
}

describe('the events trend', () => {
  it('counts reported and closed per China day of the week so far, and every day of the week before', () => {
    const records = [
      event('2026-11-22T16:30:00.000Z'), // Monday 00:30 in China: the week's first day
      event('2026-11-23T15:59:00.000Z', '2026-11-25T03:00:00.000Z'), // Monday 23:59, closed Wednesday
      event('2026-11-26T01:00:00.000Z'), // today
      event('2026-11-17T02:00:00.000Z', '2026-11-22T15:00:00.000Z'), // last Tuesday, closed last Sunday
      { ...event('2026-11-24T02:00:00.000Z'), deleted: true },
    ];
    const { current, previous } = periodsOf('week', NOW);
    const trend = eventTrend(records, 'week', current, previous);
    expect(trend.unit).toBe('day');
    expect(trend.from).toBe('2026-11-22T16:00:00.000Z');
    // Monday to Thursday, today included; the week before in full.
    expect(trend.current).toEqual({ reported: [2, 0, 0, 1], closed: [0, 0, 1, 0] });
    expect(trend.previous).toEqual({ reported: [0, 1, 0, 0, 0, 0, 0], closed: [0, 0, 0, 0, 0, 0, 1] });
    // The same events the tiles count: the series add up to 上报 and 结案.
    const tiles = areaFigures(records, ['g1'], current, NOW).events;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(trend.current.reported)).toBe(tiles.reported);
    expect(sum(trend.current.closed)).toBe(tiles.closed);
  });

  it('counts a day by the hour, and a month by its days', () => {
    const records = [event('2026-11-25T16:10:00.000Z'), event('2026-11-26T01:59:00.000Z')];
    const day = periodsOf('day', NOW);
    const hourly = eventTrend(records, 'day', day.current, day.previous);
    expect(hourly.unit).toBe('hour');
    expect(hourly.current.reported).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // 00:00 up to 10:00
    expect(hourly.previous.reported).toHaveLength(24);
    const month = periodsOf('month', NOW);
    const daily = eventTrend(records, 'month', month.current, month.previous);
    expect(daily.current.reported).toHaveLength(26);
    expect(daily.current.reported[25]).toBe(2);
    expect(daily.previous.reported).toHaveLength(31); // October
  });
});

describe('the events heat', () => {
  it('counts the period’s located events per coarse square, with no id and no exact point', () => {
    const { current } = periodsOf('week', NOW);
    const near = 50 / 111_320; // 50 m north: the same square unless on its edge
    const records = [
      event('2026-11-23T02:00:00.000Z', undefined, [118.7501, 32.2201]),
      event('2026-11-24T02:00:00.000Z', undefined, [118.7501, 32.2201 + near]),
      event('2026-11-24T02:00:00.000Z', undefined, [118.76, 32.23]), // about 1.4 km away
      event('2026-11-10T02:00:00.000Z', undefined, [118.76, 32.23]), // before the week
    ];
    const cells = eventHeat(records, current);
    expect(cells.map((cell) => cell.count).sort()).toEqual([1, 2]);
    const busy = cells.find((cell) => cell.count === 2);
    expect(Object.keys(busy ?? {}).sort()).toEqual(['count', 'lngLat']);
    // The centre of its square, not the events' points, within half a square of them.
    expect(busy?.lngLat).not.toEqual([118.7501, 32.2201]);
    const [lng, lat] = busy?.lngLat ?? [0, 0];
    expect(Math.abs(lat - 32.2201) * 111_320).toBeLessThan(HEAT_CELL_M);
    expect(Math.abs(lng - 118.7501) * 111_320 * Math.cos((lat * Math.PI) / 180)).toBeLessThan(HEAT_CELL_M);
  });
});
