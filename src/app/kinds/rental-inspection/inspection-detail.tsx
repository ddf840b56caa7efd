import { hasRectificationNotice } from '../../../domain/rectification-notice';
import { PrintPaperButton } from '../../print/print-paper-button';
import type { KindDetail } from '../kind-detail';
import { HazardCards } from './hazard-card';
import { inspectionDetailRows } from './inspection-detail-rows';

export const inspectionDetail = {
  rows: inspectionDetailRows,
  Sections: HazardCards,
  // Hazards still to fix: the 整改通知书 to hand over (打印整改通知书).
  MainAction: ({ record }) =>
    hasRectificationNotice(record.body) ? <PrintPaperButton recordId={record.id} paper="notice" /> : null,
} satisfies KindDetail<'rentalInspection'>;
