import { useSignal } from '@preact/signals';
import lazy from 'preact-iso/lazy';
import { useLocation, useRoute } from 'preact-iso/router';
import { canWrite, recordFacts } from '../../domain/access-rules';
import type { LocalRecord } from '../../sync/local-db';
import { deleteRecord, discardRejected } from '../../sync/outbox';
import { AppBar } from '../components/app-bar';
import { PhotoStrip } from '../components/photo-strip';
import { ReviewSection } from '../components/review-section';
import { SyncChip } from '../components/sync-chip';
import { fieldErrorsFrom } from '../forms/field-errors';
import { label, t } from '../i18n/i18n';
import { kindDetailOf } from '../kinds/kind-details';
import { formatDateTime } from '../lib/format-time';
import { useLiveQuery } from '../lib/use-live-query';
import { requestSync } from '../status/page-scheduler';
import { currentDb, session } from '../status/session';
import { detailRows } from './detail-fields';

function syncExplanation(row: LocalRecord): string {
  if (row.syncState !== 'rejected') return t(`syncExplain.${row.syncState}`);
  const code = row.error?.code;
  const fields = Object.values(fieldErrorsFrom(row.kind, row.error?.issues ?? []));
  const reason = fields.includes('err.deviceClock')
    ? t('rejectReason.deviceClock')
    : code === 'validation'
      ? t('rejectReason.validation')
      : code === 'forbidden'
        ? t('rejectReason.forbidden')
        : code === 'too_large'
          ? t('rejectReason.tooLarge')
          : t('rejectReason.other');
  return t('syncExplain.rejected', { reason });
}

/** What to change, in Chinese, field by field, when the server named the fields it refused. */
function rejectedFields(row: LocalRecord): string[] {
  if (row.syncState !== 'rejected') return [];
  const messages = Object.values(fieldErrorsFrom(row.kind, row.error?.issues ?? []));
  return [...new Set(messages.filter((key) => key !== 'err.deviceClock').map((key) => t(key)))];
}

const PrintScreen = lazy(() => import('./print-screen').then((m) => m.PrintScreen));

/** `/records/:id`, or its printed paper at `/records/:id/print/:paper` (print-screen.tsx). */
export function DetailScreen() {
  const { params } = useRoute();
  return params.paper ? <PrintScreen /> : <RecordDetail />;
}

/** One record: every field with its label, the sync state explained, 编辑 and 删除. */
function RecordDetail() {
  const { params } = useRoute();
  const { route } = useLocation();
  const db = currentDb.value;
  const row = useLiveQuery(
    async () => (db && params.id ? ((await db.records.get(params.id)) ?? null) : null),
    [db, params.id],
  );
  const grid = useLiveQuery(
    async () => (db && row ? db.grids.get(row.gridId) : undefined),
    [db, row?.gridId],
  );
  const confirming = useSignal(false);
  const discarding = useSignal(false);

  if (row === undefined) return null;
  if (row === null || row.record.deleted) {
    return (
      <div class="screen">
        <AppBar title={t('detail.title')} back="/" />
        <p class="empty">{t('form.notFound')}</p>
      </div>
    );
  }
  const { record } = row;
  const { Sections, MainAction, mayDelete } = kindDetailOf(record);
  const user = session.value?.user;
  // The server's rule: a supervisor reviews a worker's record and does not edit or delete it.
  const editable = user !== undefined && canWrite(user.role, record.kind, recordFacts(record), user);
  const deletable = editable && (mayDelete?.(record, user?.id ?? '') ?? true);

  const remove = async () => {
    if (!db || !user) return;
    await deleteRecord(db, record.id, user.id);
    requestSync('save');
    route('/', true);
  };

  return (
    <div class="screen screen--detail">
      <AppBar title={label('kind', record.kind)} back="/" />
      <main class="detail">
        <section class={`sync-box sync-box--${row.syncState}`} aria-label={t('detail.syncState')}>
          <SyncChip state={row.syncState} />
          <p>{syncExplanation(row)}</p>
          {rejectedFields(row).length > 0 && (
            <ul class="sync-box__fields" aria-label={t('rejectReason.fields')}>
              {rejectedFields(row).map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
          {row.syncState === 'rejected' && row.error?.message && (
            <p class="sync-box__detail">{row.error.message}</p>
          )}
          {row.syncState === 'rejected' &&
            row.base &&
            (discarding.value ? (
              <div class="confirm" role="alertdialog" aria-label={t('detail.discardAsk')}>
                <p>{t('detail.discardAsk')}</p>
                <div class="action-bar__row">
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => (discarding.value = false)}
                  >
                    {t('common.cancel')}
                  </button>
                  <button
                    type="button"
                    class="button button--danger"
                    onClick={() => {
                      discarding.value = false;
                      if (db) void discardRejected(db, record.id);
                    }}
                  >
                    {t('detail.discardConfirm')}
                  </button>
                </div>
              </div>
            ) : (
              <button
                type="button"
                class="button button--secondary button--block"
                onClick={() => (discarding.value = true)}
              >
                {t('detail.discard')}
              </button>
            ))}
          {row.syncState === 'conflict' && (
            <button
              type="button"
              class="button button--primary button--block"
              onClick={() => route(`/records/${record.id}/resolve`)}
            >
              {t('detail.resolve')}
            </button>
          )}
        </section>
        {/* What needs doing comes first: hazards to follow up, the case's next step, the house's risk. */}
        <ReviewSection record={record} />
        {Sections && <Sections record={record} grid={grid} />}
        <dl class="detail__list">
          {[
            ...detailRows(record),
            [t('detail.grid'), grid ? `${grid.communityName} · ${grid.name}` : record.gridId] as const,
            [t('detail.createdAt'), formatDateTime(record.createdAt)] as const,
            [t('detail.updatedAt'), formatDateTime(record.updatedAt)] as const,
          ].map(([name, value]) => (
            <div class="detail__row" key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <PhotoStrip record={record} />
      </main>
      <div class="action-bar">
        {confirming.value ? (
          <div class="confirm" role="alertdialog" aria-label={t('detail.deleteAsk')}>
            <p>{t('detail.deleteAsk')}</p>
            <div class="action-bar__row">
              <button
                type="button"
                class="button button--secondary"
                onClick={() => (confirming.value = false)}
              >
                {t('common.cancel')}
              </button>
              <button type="button" class="button button--danger" onClick={() => void remove()}>
                {t('detail.deleteConfirm')}
              </button>
            </div>
          </div>
        ) : (
          <>
            {MainAction && <MainAction record={record} />}
            {editable && (
              <div class="action-bar__row">
                {deletable && (
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => (confirming.value = true)}
                  >
                    {t('common.delete')}
                  </button>
                )}
                {editable && (
                  <button
                    type="button"
                    class="button button--primary"
                    onClick={() => route(`/records/${record.id}/edit`)}
                  >
                    {t('common.edit')}
                  </button>
                )}
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
