/**
 * The kind chips above the list and the map: 全部, then each kind the user's role may read, so a
 * mediator is not offered 巡查 or 出租房 chips that could only ever show nothing.
 */
import { readableKinds } from '../../domain/access-rules';
import { t } from '../i18n/i18n';
import type { ListFilter } from '../lib/list-filter';

export function KindChips({
  role,
  filter,
  onChange,
}: {
  role: string;
  filter: ListFilter;
  onChange: (next: ListFilter) => void;
}) {
  return (
    <>
      {(['all', ...readableKinds(role)] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          class={filter.kind === kind ? 'filter is-on' : 'filter'}
          aria-pressed={filter.kind === kind}
          onClick={() => onChange({ ...filter, kind, status: undefined })}
        >
          {kind === 'all' ? t('home.filterAll') : t(`kindShort.${kind}`)}
        </button>
      ))}
    </>
  );
}
