import { HazardCards } from '../../screens/hazard-card';
import type { KindDetail } from '../kind-detail';
import { inspectionDetailRows } from './inspection-detail-rows';

export const inspectionDetail = {
  rows: inspectionDetailRows,
  Sections: HazardCards,
} satisfies KindDetail<'rentalInspection'>;
