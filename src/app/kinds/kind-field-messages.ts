/**
 * Each kind's field messages (forms/field-errors.ts reads them), keyed by kind: loaded with the
 * forms and the detail screen, not with home.
 */
import type { RecordKind } from '../../domain/record-kinds';
import type { KindFieldMessages } from '../forms/field-errors';
import { disputeFieldMessages } from './dispute/dispute-field-messages';
import { gridEventFieldMessages } from './grid-event/grid-event-field-messages';
import { patrolFieldMessages } from './patrol/patrol-field-messages';
import { rentalHouseFieldMessages } from './rental-house/rental-house-field-messages';
import { rentalInspectionFieldMessages } from './rental-inspection/rental-inspection-field-messages';

export const FIELD_MESSAGES: { readonly [K in RecordKind]: KindFieldMessages } = {
  patrol: patrolFieldMessages,
  rentalInspection: rentalInspectionFieldMessages,
  dispute: disputeFieldMessages,
  gridEvent: gridEventFieldMessages,
  rentalHouse: rentalHouseFieldMessages,
};
