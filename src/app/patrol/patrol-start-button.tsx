import './patrol.css';
import { useLocation } from 'preact-iso/router';
import { t } from '../i18n/i18n';
import { activePatrolId } from '../lib/active-patrol';

/** 开始巡查, the home screen's biggest button (in the thumb zone); hidden while a patrol runs. */
export function PatrolStartButton() {
  const { route } = useLocation();
  if (activePatrolId.value) return null;
  return (
    <button type="button" class="patrol-start" onClick={() => route('/patrol/start')}>
      <span class="patrol-start__title">{t('patrolRun.start')}</span>
      <span class="patrol-start__hint">{t('patrolRun.startHint')}</span>
    </button>
  );
}
