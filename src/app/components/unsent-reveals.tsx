import { t } from '../i18n/i18n';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';

/**
 * Sync-panel rows for reveal audit entries still on the device: waiting to be reported, or refused
 * by the server (kept so that a refusal is seen, DOMAIN.md §6.2 item 5). Nothing when all are sent.
 */
export function UnsentReveals() {
  const db = currentDb.value;
  const counts = useLiveQuery(
    async () =>
      db
        ? {
            pending: await db.auditQueue.where('state').equals('pending').count(),
            rejected: await db.auditQueue.where('state').equals('rejected').count(),
          }
        : { pending: 0, rejected: 0 },
    [db],
  );
  if (!counts || (counts.pending === 0 && counts.rejected === 0)) return null;
  return (
    <>
      {counts.pending > 0 && (
        <div class="kv">
          <dt>{t('reveal.unsent')}</dt>
          <dd>{t('settings.unsyncedCount', { n: counts.pending })}</dd>
        </div>
      )}
      {counts.rejected > 0 && (
        <div class="kv">
          <dt>{t('reveal.rejected')}</dt>
          <dd class="kv__error">{t('settings.unsyncedCount', { n: counts.rejected })}</dd>
        </div>
      )}
    </>
  );
}
