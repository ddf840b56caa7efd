/** Each kind's form (kind-form.ts), keyed by kind: loaded only by the form screen. */
import type { GridRecord } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { DisputeForm } from '../forms/dispute-form';
import { PatrolForm } from '../forms/patrol-form';
import { RentalHouseForm } from '../forms/rental-house-form';
import { RentalInspectionForm } from '../forms/rental-inspection-form';
import { InspectionStart } from '../screens/inspection-start-screen';
import type { KindForm } from './kind-form';

export const KIND_FORMS: { readonly [K in RecordKind]: KindForm<K> } = {
  patrol: { Edit: PatrolForm, New: () => <PatrolForm /> },
  rentalInspection: { Edit: RentalInspectionForm, New: InspectionStart },
  dispute: { Edit: DisputeForm, New: () => <DisputeForm /> },
  rentalHouse: { Edit: RentalHouseForm, New: () => <RentalHouseForm /> },
};

/** The form of a record's kind, to edit that record (the one cast, as in app-kinds.ts). */
export function kindFormOf(record: GridRecord): KindForm<RecordKind> {
  return KIND_FORMS[record.kind] as never;
}
