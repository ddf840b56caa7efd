import { useLocation } from 'preact-iso/router';
import { t } from '../../i18n/i18n';
import type { KindDetail } from '../kind-detail';
import { houseDetailRows } from './house-detail-rows';
import { HouseSections } from './house-sections';

export const houseDetail = {
  rows: houseDetailRows,
  Sections: HouseSections,
  MainAction: ({ record }) => {
    const { route } = useLocation();
    return (
      <button
        type="button"
        class="button button--primary button--block button--large action-bar__main"
        onClick={() => route(`/new/rental?house=${record.id}`)}
      >
        {t('house.newInspection')}
      </button>
    );
  },
} satisfies KindDetail<'rentalHouse'>;
