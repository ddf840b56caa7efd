/**
 * Each kind's body schema, registered apart from its definition (kind-definition.ts says why: zod
 * stays out of the home screen's first chunk). record-envelope.ts builds the record union from it.
 */
import { disputeBodySchema } from '../dispute';
import { gridEventBodySchema } from '../grid-event';
import { patrolBodySchema } from '../patrol';
import type { RecordKind } from '../record-kinds';
import { rentalHouseBodySchema } from '../rental-house';
import { rentalInspectionBodySchema } from '../rental-inspection';

export const BODY_SCHEMAS = {
  patrol: patrolBodySchema,
  rentalInspection: rentalInspectionBodySchema,
  dispute: disputeBodySchema,
  gridEvent: gridEventBodySchema,
  rentalHouse: rentalHouseBodySchema,
} as const satisfies Record<RecordKind, unknown>;
