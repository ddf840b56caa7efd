import { t } from '../i18n/i18n';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';

/**
 * The sync-panel row for pulled records this app cannot read (pull.ts keeps their ids): they are
 * not shown until an app update can, so the user is told how many. Nothing when there are none.
 */
export function UnreadableRecords() {
  const db = currentDb.value;
  const count = useLiveQuery(async () => {
    const row = db ? await db.meta.get('unreadableRecords') : undefined;
    return row && typeof row.value === 'object' && 'ids' in row.value ? row.value.ids.length : 0;
  }, [db]);
  if (!count) return null;
  return (
    <div class="kv">
      <dt>{t('settings.unreadable')}</dt>
      <dd class="kv__error">{t('settings.unreadableCount', { n: count })}</dd>
    </div>
  );
}
