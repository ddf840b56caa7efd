import { useLocation } from 'preact-iso/router';
import { t } from '../../i18n/i18n';
import { houseDetailRows } from '../../screens/house-detail-rows';
import { HouseSections } from '../../screens/house-sections';
import type { KindDetail } from '../kind-detail';

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
