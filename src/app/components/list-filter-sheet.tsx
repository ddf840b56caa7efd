/**
 * The filter sheet of the home list: a modal `<dialog>` that rises from the bottom, so every
 * choice and the 查看 N 条 button sit in the thumb zone. Choices apply at once; the button only
 * closes the sheet, and its count shows what the list will hold.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { LocalGrid } from '../../sync/local-db';
import { label, t } from '../i18n/i18n';
import { zhCN } from '../i18n/zh-cn';
import { statusLabelGroup } from '../kinds/app-kinds';
import { DATE_RANGES, type DateRange, type ListFilter, NO_FILTER } from '../lib/list-filter';
import { kindLabel, statusLabel } from '../lib/record-facets';
import { ChoiceGroup } from './choice-group';

interface ListFilterSheetProps {
  open: boolean;
  filter: ListFilter;
  kinds: readonly string[];
  /** Statuses present among the stored records of the chosen kind. */
  statuses: readonly string[];
  grids: readonly LocalGrid[];
  /** What each grid is called (lib/grid-names.ts). */
  gridNames: ReadonlyMap<string, string>;
  resultCount: number;
  onFilter(next: ListFilter): void;
  onClose(): void;
}

const ALL = '';

/** Known statuses in the order the dictionary lists them (the workflow's order), then any others. */
function orderStatuses(kind: string, present: readonly string[]): string[] {
  const prefix = `${statusLabelGroup(kind)}.`;
  const known = Object.keys(zhCN)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  return [...known.filter((s) => present.includes(s)), ...present.filter((s) => !known.includes(s))];
}

export function ListFilterSheet(props: ListFilterSheetProps) {
  const { open, filter, onFilter } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  const set = (change: Partial<ListFilter>) => onFilter({ ...filter, ...change });

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: only backdrop taps land here; the keyboard closes a modal dialog with Esc natively.
    <dialog
      ref={dialog}
      class="sheet"
      aria-labelledby="list-filter-title"
      onClose={props.onClose}
      // A tap on the backdrop (the dialog element itself, outside the panel) closes the sheet.
      onClick={(event) => event.target === dialog.current && props.onClose()}
    >
      <div class="sheet__panel">
        <h2 class="sheet__title" id="list-filter-title">
          {t('list.filtersTitle')}
        </h2>
        <ChoiceGroup
          id="filter-kind"
          legend={t('list.kind')}
          look="chips"
          options={[
            { value: 'all', label: t('home.filterAll') },
            ...props.kinds.map((kind) => ({ value: kind, label: kindLabel(kind) })),
          ]}
          value={filter.kind}
          onValue={(kind) => set({ kind, status: undefined })}
        />
        {filter.kind === 'all' ? (
          <p class="sheet__hint">{t('list.statusNeedsKind')}</p>
        ) : (
          <ChoiceGroup
            id="filter-status"
            legend={t('list.status')}
            look="chips"
            options={[
              { value: ALL, label: t('list.statusAll') },
              ...orderStatuses(filter.kind, props.statuses).map((status) => ({
                value: status,
                label: statusLabel(filter.kind, status),
              })),
            ]}
            value={filter.status ?? ALL}
            onValue={(status) => set({ status: status || undefined })}
          />
        )}
        {props.grids.length > 1 && (
          <ChoiceGroup
            id="filter-grid"
            legend={t('list.grid')}
            look="chips"
            options={[
              { value: ALL, label: t('list.gridAll') },
              ...props.grids.map((grid) => ({
                value: grid.id,
                label: props.gridNames.get(grid.id) ?? grid.name,
              })),
            ]}
            value={filter.gridId ?? ALL}
            onValue={(gridId) => set({ gridId: gridId || undefined })}
          />
        )}
        <ChoiceGroup
          id="filter-date"
          legend={t('list.date')}
          look="segments"
          options={DATE_RANGES.map((range) => ({ value: range, label: label('listDate', range) }))}
          value={filter.date}
          onValue={(date) => set({ date: date as DateRange })}
        />
        <label class="sheet__toggle">
          <input
            type="checkbox"
            checked={filter.overdueOnly}
            onChange={(event) => set({ overdueOnly: event.currentTarget.checked })}
          />
          <span>
            {t('list.overdueOnly')}
            <small>{t('list.overdueHint')}</small>
          </span>
        </label>
        <div class="sheet__actions">
          <button type="button" class="button button--secondary" onClick={() => onFilter(NO_FILTER)}>
            {t('list.clear')}
          </button>
          <button type="button" class="button button--primary" onClick={props.onClose}>
            {t('list.show', { n: props.resultCount })}
          </button>
        </div>
      </div>
    </dialog>
  );
}
