import { describe, expect, it } from 'vitest';
import { streetThresholdOverridesSchema } from '../../src/domain/street-threshold-overrides';
import { DEFAULT_STREET_THRESHOLDS, streetThresholds } from '../../src/domain/street-thresholds';

describe('street thresholds', () => {
  it('uses the defaults when a street sets nothing', () => {
    expect(streetThresholds()).toEqual(DEFAULT_STREET_THRESHOLDS);
    expect(streetThresholds()).toMatchObject({
      minAreaPerPersonM2: 4,
      maxPersonsPerRoom: 2,
      groupRentalRooms: 10,
      groupRentalPersons: 10,
      extinguisherKgPerUnit: 2,
    });
  });

  it('lays a street override over the defaults and keeps the rest', () => {
    const thresholds = streetThresholds({ minAreaPerPersonM2: 5, groupRentalPersons: 15 });
    expect(thresholds.minAreaPerPersonM2).toBe(5);
    expect(thresholds.groupRentalPersons).toBe(15);
    expect(thresholds.groupRentalRooms).toBe(10);
  });

  it('lets a street override every default, and nothing else', () => {
    expect(Object.keys(streetThresholdOverridesSchema.def.shape).sort()).toEqual(
      Object.keys(DEFAULT_STREET_THRESHOLDS).sort(),
    );
    expect(streetThresholdOverridesSchema.safeParse({ maxFloors: 6 }).success).toBe(false);
  });

  it('accepts a partial override, including decimals where they make sense', () => {
    expect(streetThresholdOverridesSchema.safeParse({}).success).toBe(true);
    expect(streetThresholdOverridesSchema.safeParse({ minAreaPerPersonM2: 4.5 }).success).toBe(true);
  });

  it('rejects counts that are not whole and values out of range', () => {
    expect(streetThresholdOverridesSchema.safeParse({ groupRentalRooms: 10.5 }).success).toBe(false);
    expect(streetThresholdOverridesSchema.safeParse({ maxPersonsPerRoom: 0 }).success).toBe(false);
    expect(streetThresholdOverridesSchema.safeParse({ minAreaPerPersonM2: 40_000 }).success).toBe(false);
    expect(streetThresholdOverridesSchema.safeParse({ disputeGridResolveDays: -1 }).success).toBe(false);
  });
});
