import { t } from '../i18n/i18n';
import { formDirty, reloadToUpdate, updateAvailable } from '../pwa-update';

/** Offers the new version; only ever on the user's tap, and hidden while a form has unsaved input. */
export function UpdatePrompt() {
  if (!updateAvailable.value || formDirty.value) return null;
  return (
    <div class="toast" role="status">
      <span class="toast__text">{t('update.available')}</span>
      <button type="button" class="button button--quiet" onClick={() => (updateAvailable.value = false)}>
        {t('common.later')}
      </button>
      <button
        type="button"
        class="button button--primary button--small"
        onClick={() => void reloadToUpdate()}
      >
        {t('update.reload')}
      </button>
    </div>
  );
}
