import { PatrolDetail } from '../../patrol/patrol-detail';
import type { KindDetail } from '../kind-detail';
import { patrolDetailRows } from './patrol-detail-rows';

export const patrolDetail = {
  rows: patrolDetailRows,
  Sections: PatrolDetail,
} satisfies KindDetail<'patrol'>;
