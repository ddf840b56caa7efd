import type { GridRecord } from '../../domain/record-envelope';
import { t } from '../i18n/i18n';
import type { DetailRow } from '../kinds/kind-detail';
import { kindDetailOf } from '../kinds/kind-details';

export type { DetailRow } from '../kinds/kind-detail';

/** Where it was taken, as text; a kind whose body has no location reads as not located. */
function locationText(record: GridRecord): string {
  const point = 'location' in record.body ? record.body.location : undefined;
  if (!point) return t('detail.noLocation');
  const [lng, lat] = point.lngLat;
  const accuracy = point.accuracyM === undefined ? '' : ` ±${point.accuracyM}m`;
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}${accuracy}`;
}

/** The body of a record as label/value rows, phones and ID numbers masked until revealed. */
export function detailRows(record: GridRecord): DetailRow[] {
  return kindDetailOf(record).rows(record, locationText(record));
}
