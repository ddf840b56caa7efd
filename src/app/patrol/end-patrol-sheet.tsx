import { signal } from '@preact/signals';
import { useLocation } from 'preact-iso/router';
import { t } from '../i18n/i18n';
import { formDirty } from '../pwa-update';
import { finishPatrol } from './finish-patrol';

/** 结束巡查 was tapped (banner or patrol screen): ask once, since an ended patrol cannot resume. */
export const endAsked = signal(false);
const ending = signal(false);

/** The confirmation sheet; 确认结束 writes the track and opens the patrol log to finish. */
export function EndPatrolSheet() {
  const { route } = useLocation();
  if (!endAsked.value) return null;
  const end = async () => {
    ending.value = true;
    try {
      const id = await finishPatrol();
      endAsked.value = false;
      route(id ? `/records/${id}/edit` : '/');
    } finally {
      ending.value = false;
    }
  };
  return (
    <div class="sheet-backdrop">
      <div class="sheet" role="alertdialog" aria-modal="true" aria-label={t('patrolRun.end')}>
        <p class="sheet__text">{t('patrolRun.endAsk')}</p>
        {formDirty.value && (
          <p class="sheet__warning" role="alert">
            {t('patrolRun.endDirtyForm')}
          </p>
        )}
        <div class="action-bar__row">
          <button type="button" class="button button--secondary" onClick={() => (endAsked.value = false)}>
            {t('patrolRun.keepGoing')}
          </button>
          <button
            type="button"
            class="button button--danger"
            disabled={ending.value}
            onClick={() => void end()}
          >
            {ending.value ? t('patrolRun.ending') : t('patrolRun.endConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
