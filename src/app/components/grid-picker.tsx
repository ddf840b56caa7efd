import type { LocalGrid } from '../../sync/local-db';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { SelectField } from './select-field';

interface GridPickerProps {
  grids: readonly Pick<LocalGrid, 'id' | 'name' | 'communityName'>[];
  value: string;
  onValue: (gridId: string) => void;
  error?: MessageKey | undefined;
}

/** The grid a record belongs to, from the user's grids kept on the device. */
export function GridPicker({ grids, value, onValue, error }: GridPickerProps) {
  const options = grids.map((g) => ({
    value: g.id,
    label: g.communityName ? `${g.communityName} · ${g.name}` : g.name,
  }));
  return (
    <>
      <SelectField
        id="gridId"
        label={t('form.grid')}
        value={value}
        options={options}
        onValue={onValue}
        error={error}
        required
      />
      {grids.length === 0 && <p class="field__hint is-warning">{t('form.noGrids')}</p>}
    </>
  );
}
