import { t } from '../i18n/i18n';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';

/**
 * The sync-panel row for photos the server refused (photo-upload.ts): they are not sent again, so
 * the user is told, with what to do. Nothing when there are none.
 */
export function RefusedPhotos() {
  const db = currentDb.value;
  const count = useLiveQuery(
    async () =>
      db
        ? db.photos
            .where('uploaded')
            .equals(0)
            .filter((photo) => photo.rejected !== undefined)
            .count()
        : 0,
    [db],
  );
  if (!count) return null;
  return (
    <div class="kv">
      <dt>{t('photo.refused')}</dt>
      <dd class="kv__error">
        {t('settings.unsyncedCount', { n: count })}
        <br />
        {t('photo.refusedHint')}
      </dd>
    </div>
  );
}
