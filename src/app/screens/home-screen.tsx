import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso/router';
import { RECORD_KINDS, type RecordKind } from '../../domain/record-kinds';
import type { LocalDb } from '../../sync/local-db';
import { AppBar } from '../components/app-bar';
import { RecordRow } from '../components/record-row';
import { t } from '../i18n/i18n';
import { kindSlug } from '../lib/kind-slug';
import { useLiveQuery } from '../lib/use-live-query';
import { PatrolStartButton } from '../patrol/patrol-start-button';
import { currentDb, isOnline } from '../sync-status';

/** The create buttons: a rental house is registered from its first inspection, not from here. */
const CREATE_KINDS = ['patrol', 'rentalInspection', 'dispute'] as const satisfies readonly RecordKind[];

/** Enough for weeks of field work; older records are a search away (not built yet), not gone. */
const LIST_LIMIT = 300;

async function visibleRows(db: LocalDb, kind: RecordKind | 'all') {
  const newestFirst = db.records.orderBy('updatedAt').reverse();
  return newestFirst
    .filter((row) => !row.record.deleted && (kind === 'all' || row.kind === kind))
    .limit(LIST_LIMIT)
    .toArray();
}

/** 首页: the record list, newest first, with the three create buttons in the thumb zone. */
export function HomeScreen() {
  const { route } = useLocation();
  const db = currentDb.value;
  const filter = useSignal<RecordKind | 'all'>('all');
  const rows = useLiveQuery(async () => (db ? visibleRows(db, filter.value) : []), [db, filter.value]);
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const gridNames = new Map((grids ?? []).map((g) => [g.id, g.name]));
  const now = new Date();

  return (
    <div class="screen screen--home">
      <AppBar
        title={t('app.name')}
        action={
          <a class="app-bar__action" href="/map">
            {t('home.map')}
          </a>
        }
      >
        {!isOnline.value && <p class="offline-banner">{t('banner.offline')}</p>}
        <nav class="filters" aria-label={t('home.filter')}>
          {(['all', ...RECORD_KINDS] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              class={filter.value === kind ? 'filter is-on' : 'filter'}
              aria-pressed={filter.value === kind}
              onClick={() => (filter.value = kind)}
            >
              {kind === 'all' ? t('home.filterAll') : t(`kindShort.${kind}`)}
            </button>
          ))}
        </nav>
      </AppBar>
      <main class="home-list">
        {rows && rows.length === 0 && (
          <div class="empty">
            {filter.value === 'all' ? (
              <>
                <h2 class="empty__title">{t('home.emptyTitle')}</h2>
                <p>{t('home.emptyBody')}</p>
              </>
            ) : (
              <p>{t('home.emptyFiltered')}</p>
            )}
          </div>
        )}
        {rows && rows.length > 0 && (
          <ul class="record-list" aria-label={t('home.list')}>
            {rows.map((row) => (
              <RecordRow key={row.id} row={row} gridName={gridNames.get(row.gridId)} now={now} />
            ))}
          </ul>
        )}
        {rows && rows.length >= LIST_LIMIT && <p class="list-note">{t('home.more', { n: LIST_LIMIT })}</p>}
      </main>
      <nav class="create-bar" aria-label={t('home.create')}>
        <PatrolStartButton />
        {CREATE_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            class={`create-button create-button--${kind}`}
            onClick={() => route(`/new/${kindSlug(kind)}`)}
          >
            <span class="create-button__plus" aria-hidden="true">
              +
            </span>
            {t(`kind.${kind}`)}
          </button>
        ))}
      </nav>
    </div>
  );
}
