/** Each kind's form (kind-form.ts), keyed by kind: loaded only by the form screen. */
import type { GridRecord } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { DisputeForm } from './dispute/dispute-form';
import { GridEventForm } from './grid-event/grid-event-form';
import type { KindForm } from './kind-form';
import { PatrolForm } from './patrol/patrol-form';
import { RentalHouseForm } from './rental-house/rental-house-form';
import { InspectionStart } from './rental-inspection/inspection-start-screen';
import { RentalInspectionForm } from './rental-inspection/rental-inspection-form';

export const KIND_FORMS: { readonly [K in RecordKind]: KindForm<K> } = {
  patrol: { Edit: PatrolForm, New: () => <PatrolForm /> },
  rentalInspection: { Edit: RentalInspectionForm, New: InspectionStart },
  dispute: { Edit: DisputeForm, New: () => <DisputeForm /> },
  gridEvent: { Edit: GridEventForm, New: () => <GridEventForm /> },
  rentalHouse: { Edit: RentalHouseForm, New: () => <RentalHouseForm /> },
};

/** The form of a record's kind, to edit that record (the one cast, as in app-kinds.ts). */
export function kindFormOf(record: GridRecord): KindForm<RecordKind> {
  return KIND_FORMS[record.kind] as never;
}
