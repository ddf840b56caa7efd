/**
 * 发生地点 filled in from the GPS fix (issue 12 §1: "GPS and address are captured automatically"),
 * with no geocoder: the building of the nearest 出租房 the device holds in the grid, when one is
 * within NEARBY_M (湖滨新村2栋附近: the building, never the room), else the grid itself
 * (湖滨社区第一网格). The worker can always type over it.
 */
import type { GeoPoint } from '../../../domain/geo-point';
import { distanceM } from '../../../domain/track-geometry';
import type { LocalDb } from '../../../sync/local-db';
import { t } from '../../i18n/i18n';
import { shortAddress } from '../../lib/short-address';

/** How near a known building must be to name the spot: about a building's width and the GPS error. */
export const NEARBY_M = 60;

/** 湖滨新村2栋 of 湖滨新村2栋302室; undefined when the address names no building. */
export function buildingOf(address: string): string | undefined {
  return /^(.*?\d+\s*(?:栋|幢|号楼|座))/.exec(shortAddress(address))?.[1];
}

export async function nearbyAddress(
  db: LocalDb,
  gridId: string,
  point: GeoPoint,
): Promise<string | undefined> {
  const rows = await db.records.where('gridId').equals(gridId).toArray();
  let best: { building: string; metres: number } | undefined;
  for (const { record } of rows) {
    if (record.kind !== 'rentalHouse' || record.deleted || !record.body.location) continue;
    const building = buildingOf(record.body.address);
    if (!building) continue;
    const metres = distanceM(record.body.location.lngLat, point.lngLat);
    if (metres <= NEARBY_M && (!best || metres < best.metres)) best = { building, metres };
  }
  if (best) return t('event.addressNear', { place: best.building });
  const grid = await db.grids.get(gridId);
  return grid ? `${grid.communityName}${grid.name}` : undefined;
}
