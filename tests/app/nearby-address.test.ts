import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildingOf, nearbyAddress } from '../../src/app/kinds/grid-event/nearby-address';
import type { RentalHouseRecord } from '../../src/domain/record-envelope';
import { openLocalDb, syncedRow } from '../../src/sync/local-db';
import { sampleRentalHouse } from '../support/sample-records';

const HERE = {
  lngLat: [118.7482, 32.2215] as [number, number],
  accuracyM: 10,
  capturedAt: '2026-12-02T01:00:00.000Z',
};
/** About 40 m and 300 m north of HERE. */
const NEAR: [number, number] = [118.7482, 32.22186];
const FAR: [number, number] = [118.7482, 32.2242];

function house(
  id: string,
  address: string,
  lngLat: [number, number],
  gridId = 'dachang-hubin-01',
): RentalHouseRecord {
  const sample = sampleRentalHouse(id, gridId);
  return { ...sample, body: { ...sample.body, address, location: { ...HERE, lngLat } } };
}

describe('发生地点 from the GPS fix', () => {
  it('names the building, never the room', () => {
    expect(buildingOf('江北新区大厂大街77号湖滨新村2栋302室')).toBe('湖滨新村2栋');
    expect(buildingOf('湖滨新寓5幢1单元501')).toBe('湖滨新寓5幢');
    expect(buildingOf('城南菜场东门')).toBeUndefined();
  });

  it('is the nearest known building within reach, else the grid', async () => {
    const db = openLocalDb('nearby-address-test');
    await db.grids.put({
      id: 'dachang-hubin-01',
      name: '第一网格',
      communityName: '湖滨社区',
      streetName: '大厂街道',
      geometry: null,
    });
    expect(await nearbyAddress(db, 'dachang-hubin-01', HERE)).toBe('湖滨社区第一网格');
    await db.records.bulkPut([
      syncedRow(house('0190a5d2-7a3b-7c4d-8e9f-0000000a0001', '湖滨新村9栋101室', FAR)),
      syncedRow(house('0190a5d2-7a3b-7c4d-8e9f-0000000a0002', '湖滨新村2栋302室', NEAR)),
      // Nearer still, but in another grid: not this report's.
      syncedRow(
        house('0190a5d2-7a3b-7c4d-8e9f-0000000a0003', '湖滨新村1栋', HERE.lngLat, 'dachang-hubin-02'),
      ),
    ]);
    expect(await nearbyAddress(db, 'dachang-hubin-01', HERE)).toBe('湖滨新村2栋附近');
    expect(await nearbyAddress(db, 'nowhere-01', HERE)).toBeUndefined();
  });
});
