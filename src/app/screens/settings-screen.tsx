import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { SyncErrorInfo } from '../../sync/local-db';
import { AppBar } from '../components/app-bar';
import { RefusedPhotos } from '../components/refused-photos';
import { UnreadableRecords } from '../components/unreadable-records';
import { UnsentReveals } from '../components/unsent-reveals';
import { LOCALES, type Locale, label, locale, setLocale, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { formatDateTime } from '../lib/format-time';
import { useLiveQuery } from '../lib/use-live-query';
import { lastSyncAt, lastSyncError, syncErrorLog, unsyncedCount } from '../status/device-sync-state';
import { isOnline } from '../status/network';
import { requestSync, syncing } from '../status/page-scheduler';
import { currentDb, session, sessionExpired } from '../status/session';
import { signOut } from '../status/sign-in';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** "2025-03-08T06:00:00.000Z Failed to fetch" as stored by the engine → time and message. */
const SYNC_ERROR_MESSAGES: Record<SyncErrorInfo['kind'], MessageKey> = {
  offline: 'syncError.offline',
  server: 'syncError.server',
  unauthorized: 'syncError.unauthorized',
  protocol: 'syncError.protocol',
  device: 'syncError.device',
};

function StorageUse() {
  const usage = useSignal<{ used: number; quota: number; persisted: boolean } | undefined>(undefined);
  useEffect(() => {
    const storage = navigator.storage;
    if (!storage?.estimate) return;
    void Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)])
      .then(([e, persisted]) => (usage.value = { used: e.usage ?? 0, quota: e.quota ?? 0, persisted }))
      .catch(() => undefined);
  }, [usage]);
  if (!usage.value) return null;
  return (
    <div class="kv">
      <dt>{t('settings.storage')}</dt>
      <dd>
        {t('settings.storageUse', {
          used: formatBytes(usage.value.used),
          quota: formatBytes(usage.value.quota),
        })}
        <span class="kv__raw">
          {t(usage.value.persisted ? 'settings.persisted' : 'settings.notPersisted')}
        </span>
      </dd>
    </div>
  );
}

/** The most recent sync failures (kept after a later success), for whoever helps the worker. */
function SyncErrorLog() {
  const log = syncErrorLog.value;
  if (log.length === 0) return null;
  return (
    <details class="error-log">
      <summary>{t('settings.errorLog', { n: log.length })}</summary>
      <ol>
        {log.map((entry) => (
          <li key={`${entry.at}-${entry.message}`}>
            <span>{`${formatDateTime(entry.at)} · ${t(SYNC_ERROR_MESSAGES[entry.kind])}`}</span>
            <span class="kv__raw">{t('settings.errorDetail', { detail: entry.message })}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** 设置: account, language, the sync panel and sign-out. */
export function SettingsScreen() {
  const { route } = useLocation();
  const user = session.value?.user;
  const db = currentDb.value;
  const grids = useLiveQuery(async () => (db ? db.grids.toArray() : []), [db]);
  const confirmSignOut = useSignal(false);
  const error = lastSyncError.value;

  const doSignOut = async () => {
    if (unsyncedCount.value > 0 && !confirmSignOut.value) {
      confirmSignOut.value = true;
      return;
    }
    await signOut();
    route('/', true);
  };

  return (
    <div class="screen screen--settings">
      <AppBar title={t('settings.title')} back="/" />
      <main class="settings">
        <section class="card" aria-labelledby="sync-title">
          <h2 class="section-title" id="sync-title">
            {t('settings.sync')}
          </h2>
          <dl class="kv-list">
            <div class="kv">
              <dt>{t('settings.network')}</dt>
              <dd>{isOnline.value ? t('badge.online') : t('badge.offline')}</dd>
            </div>
            <div class="kv">
              <dt>{t('settings.unsynced')}</dt>
              <dd>{t('settings.unsyncedCount', { n: unsyncedCount.value })}</dd>
            </div>
            <UnsentReveals />
            <RefusedPhotos />
            <UnreadableRecords />
            <div class="kv">
              <dt>{t('settings.lastSync')}</dt>
              <dd>{lastSyncAt.value ? formatDateTime(lastSyncAt.value) : t('settings.never')}</dd>
            </div>
            {error && (
              <div class="kv">
                <dt>{t('settings.lastError')}</dt>
                <dd class="kv__error">
                  {t(SYNC_ERROR_MESSAGES[error.kind])}
                  <span class="kv__raw">{formatDateTime(error.at)}</span>
                  <span class="kv__raw">{t('settings.errorDetail', { detail: error.message })}</span>
                </dd>
              </div>
            )}
            <StorageUse />
          </dl>
          <SyncErrorLog />
          {sessionExpired.value ? (
            <>
              <p class="notice notice--warning">{t('badge.expired')}</p>
              <button
                type="button"
                class="button button--primary button--block"
                onClick={() => route('/login')}
              >
                {t('settings.relogin')}
              </button>
            </>
          ) : (
            <button
              type="button"
              class="button button--primary button--block"
              disabled={syncing.value}
              onClick={() => requestSync('manual')}
            >
              {syncing.value ? t('badge.syncing') : t('settings.syncNow')}
            </button>
          )}
        </section>

        {user && (
          <section class="card" aria-labelledby="account-title">
            <h2 class="section-title" id="account-title">
              {t('settings.account')}
            </h2>
            <dl class="kv-list">
              <div class="kv">
                <dt>{t('settings.name')}</dt>
                <dd>{user.name}</dd>
              </div>
              <div class="kv">
                <dt>{t('settings.role')}</dt>
                <dd>{label('role', user.role)}</dd>
              </div>
              <div class="kv">
                <dt>{t('settings.grids')}</dt>
                <dd>
                  {grids && grids.length > 0
                    ? grids.map((g) => `${g.communityName} · ${g.name}`).join('；')
                    : user.scope.gridIds.join('、')}
                </dd>
              </div>
            </dl>
          </section>
        )}

        <fieldset class="card">
          <legend class="section-title card__legend">{t('settings.language')}</legend>
          <div class="segmented">
            {LOCALES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                class={locale.value === l ? 'segmented__option is-on' : 'segmented__option'}
                aria-pressed={locale.value === l}
                onClick={() => void setLocale(l)}
              >
                {LOCALE_NAMES[l]}
              </button>
            ))}
          </div>
        </fieldset>

        <section class="card">
          {confirmSignOut.value && (
            <p class="notice notice--warning" role="alert">
              {t('settings.signOutWarn', { n: unsyncedCount.value })}
            </p>
          )}
          <div class="action-bar__row">
            {confirmSignOut.value && (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => (confirmSignOut.value = false)}
              >
                {t('common.cancel')}
              </button>
            )}
            <button type="button" class="button button--danger-outline" onClick={() => void doSignOut()}>
              {confirmSignOut.value ? t('settings.signOutConfirm') : t('settings.signOut')}
            </button>
          </div>
        </section>
      </main>
    </div>
  );
}
