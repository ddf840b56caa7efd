/**
 * The heat on the 区域总览's map (issue 13): the events reported in the period binned to coarse
 * squares (about 200 m), so a supervisor's map shows where things happen without the device
 * holding a resident's record. Counts only: no record id, name or exact point leaves here. Pure.
 */
import type { Span } from './area-figures';
import type { GridRecord } from './record-envelope';

/** A coarse square's centre ([lng, lat], GeoJSON order) and how many events were reported in it. */
export interface HeatCell {
  lngLat: [number, number];
  count: number;
}

const METRES_PER_DEGREE = 111_320;
/** About a block: coarse enough that no cell points at one household, fine enough to show a hot street. */
export const HEAT_CELL_M = 200;

/**
 * The events reported in `span` with a location, counted per square of about `cellM` on a fixed
 * grid of the earth (so the same event falls in the same cell for every supervisor and period).
 */
export function eventHeat(
  records: readonly GridRecord[],
  span: Span,
  cellM: number = HEAT_CELL_M,
): HeatCell[] {
  const dLat = cellM / METRES_PER_DEGREE;
  const cells = new Map<string, HeatCell>();
  for (const record of records) {
    if (record.kind !== 'gridEvent' || record.deleted) continue;
    const at = Date.parse(record.body.reportedAt);
    const lngLat = record.body.location?.lngLat;
    if (!lngLat || !(at >= span.from.getTime() && at < span.to.getTime())) continue;
    const row = Math.floor(lngLat[1] / dLat);
    const centreLat = (row + 0.5) * dLat;
    const dLng = cellM / (METRES_PER_DEGREE * Math.cos((centreLat * Math.PI) / 180));
    const column = Math.floor(lngLat[0] / dLng);
    const key = `${row}:${column}`;
    const cell = cells.get(key);
    if (cell) cell.count += 1;
    else cells.set(key, { lngLat: [round((column + 0.5) * dLng), round(centreLat)], count: 1 });
  }
  return [...cells.values()];
}

/** Five decimals: about a metre, far finer than the cell, and no float noise on the wire. */
const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5;
