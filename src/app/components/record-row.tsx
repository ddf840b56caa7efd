import type { LocalRecord } from '../../sync/local-db';
import { label, t } from '../i18n/i18n';
import { appKindOf, kindColour } from '../kinds/app-kinds';
import { formatRelative } from '../lib/format-time';
import { SyncChip } from './sync-chip';

interface RecordRowProps {
  row: LocalRecord;
  gridName: string | undefined;
  now: Date;
  /** 1-based place in the whole (windowed) list, for screen readers. */
  position?: number;
  setSize?: number;
}

/** One record in the home list: kind mark, title, masked subtitle, grid, age and sync state. */
export function RecordRow({ row, gridName, now, position, setSize }: RecordRowProps) {
  const { record } = row;
  const kind = appKindOf(record);
  return (
    <li aria-posinset={position} aria-setsize={setSize}>
      <a class="record-row" style={{ '--kind': kindColour(record.kind) }} href={`/records/${record.id}`}>
        <span class="record-row__icon" aria-hidden="true">
          {t(`kindIcon.${record.kind}`)}
        </span>
        <span class="record-row__main">
          <span class="record-row__title">{kind.title(record)}</span>
          <span class="record-row__subtitle">{kind.subtitle(record)}</span>
          <span class="record-row__meta">
            <span class="visually-hidden">{label('kind', record.kind)} · </span>
            {gridName ?? record.gridId} · {formatRelative(record.updatedAt, now)}
          </span>
        </span>
        <SyncChip state={row.syncState} />
      </a>
    </li>
  );
}
