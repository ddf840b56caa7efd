/** The schema of a street's threshold overrides (street-thresholds.ts holds the defaults and the merge). */
import * as z from 'zod/mini';

const count = (max: number) => z.int().check(z.gte(1), z.lte(max));
const days = count(365);

/**
 * A street's overrides, each optional. The bounds only catch typing errors (40 m² for 4); they are
 * not legal limits.
 */
export const streetThresholdOverridesSchema = z.strictObject({
  minAreaPerPersonM2: z.optional(z.number().check(z.gte(1), z.lte(50))),
  maxPersonsPerRoom: z.optional(count(20)),
  groupRentalRooms: z.optional(count(200)),
  groupRentalPersons: z.optional(count(500)),
  extinguisherKgPerUnit: z.optional(z.number().check(z.gte(1), z.lte(10))),
  extinguisherMultiUnitFrom: z.optional(count(100)),
  extinguisherKgMultiUnit: z.optional(z.number().check(z.gte(1), z.lte(10))),
  leaseDeclarationDays: z.optional(days),
  disputeGridResolveDays: z.optional(days),
  disputeCommunityResolveDays: z.optional(days),
  disputeGroupPersons: z.optional(count(1000)),
  disputeLaborGroupPersons: z.optional(count(1000)),
  disputeMajorAmountYuan: z.optional(z.number().check(z.gte(1), z.lte(1_000_000_000))),
});
