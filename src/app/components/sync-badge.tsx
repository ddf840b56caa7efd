import { t } from '../i18n/i18n';
import { lastSyncAt, lastSyncError, unsyncedCount } from '../status/device-sync-state';
import { isOnline } from '../status/network';
import { syncing } from '../status/page-scheduler';
import { sessionExpired } from '../status/session';
import { badgeFor } from '../sync-badge-text';

/** The always-visible sync state in the top bar; tapping it opens the sync panel. */
export function SyncBadge() {
  const badge = badgeFor({
    expired: sessionExpired.value,
    syncing: syncing.value,
    online: isOnline.value,
    unsynced: unsyncedCount.value,
    lastError: lastSyncError.value?.kind,
    everSynced: lastSyncAt.value !== undefined,
  });
  return (
    <a class={`badge badge--${badge.tone}`} href="/settings" aria-live="polite" title={t('settings.sync')}>
      <span class="badge__dot" aria-hidden="true" />
      {badge.text}
    </a>
  );
}
