import type { KindDetail } from '../kind-detail';
import { HazardCards } from './hazard-card';
import { inspectionDetailRows } from './inspection-detail-rows';

export const inspectionDetail = {
  rows: inspectionDetailRows,
  Sections: HazardCards,
} satisfies KindDetail<'rentalInspection'>;
