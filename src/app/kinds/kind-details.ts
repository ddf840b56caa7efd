/** Each kind's detail (kind-detail.ts), keyed by kind: loaded only by the detail and conflict screens. */
import type { GridRecord } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { disputeDetail } from './dispute/dispute-detail';
import { gridEventDetail } from './grid-event/grid-event-detail';
import type { KindDetail } from './kind-detail';
import { patrolDetail } from './patrol/patrol-detail';
import { houseDetail } from './rental-house/house-detail';
import { inspectionDetail } from './rental-inspection/inspection-detail';

export const KIND_DETAILS: { readonly [K in RecordKind]: KindDetail<K> } = {
  patrol: patrolDetail,
  rentalInspection: inspectionDetail,
  dispute: disputeDetail,
  gridEvent: gridEventDetail,
  rentalHouse: houseDetail,
};

/** The detail of a record's kind, to show that record (the one cast, as in app-kinds.ts). */
export function kindDetailOf(record: GridRecord): KindDetail<RecordKind> {
  return KIND_DETAILS[record.kind] as never;
}
