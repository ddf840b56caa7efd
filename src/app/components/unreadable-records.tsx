import { countNotShown } from '../../sync/local-db';
import { t } from '../i18n/i18n';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';

/**
 * The sync-panel row for pulled records this app does not show (local-db.ts countNotShown): a newer app's
 * kinds and versions, and records it cannot read, until an app update can. Nothing when there are
 * none.
 */
export function UnreadableRecords() {
  const db = currentDb.value;
  const count = useLiveQuery(async () => (db ? countNotShown(db) : 0), [db]);
  if (!count) return null;
  return (
    <div class="kv">
      <dt>{t('settings.unreadable')}</dt>
      <dd class="kv__error">{t('settings.unreadableCount', { n: count })}</dd>
    </div>
  );
}
