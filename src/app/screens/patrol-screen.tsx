import { useLocation } from 'preact-iso/router';
import { AppBar } from '../components/app-bar';
import { label, t } from '../i18n/i18n';
import { kindColour, kindSlug } from '../kinds/app-kinds';
import { activePatrolId } from '../lib/active-patrol';
import { useLiveQuery } from '../lib/use-live-query';
import { endAsked } from '../patrol/end-patrol-sheet';
import { LinkedRecords } from '../patrol/linked-records';
import { formatElapsed, formatKm } from '../patrol/patrol-format';
import { gps, retryGps, trackStats, wakeLock } from '../patrol/patrol-runtime';
import { gpsTone } from '../patrol/patrol-status-line';
import { useNow } from '../patrol/use-now';
import { usePatrolStart } from '../patrol/use-patrol-start';
import { currentDb } from '../status/session';

function GpsStatus() {
  const { state, accuracyM } = gps.value;
  const [text, hint] =
    state === 'ok'
      ? [t('patrolRun.gps.ok', { m: accuracyM ?? 0 }), undefined]
      : state === 'waiting'
        ? [t('patrolRun.gps.waiting'), undefined]
        : state === 'weak'
          ? [
              accuracyM === undefined
                ? t('patrolRun.gps.weak')
                : t('patrolRun.gps.weakAccuracy', { m: accuracyM }),
              t('patrolRun.gps.weakHint'),
            ]
          : state === 'denied'
            ? [t('patrolRun.gps.denied'), t('patrolRun.gps.deniedHint')]
            : state === 'unavailable'
              ? [t('patrolRun.gps.unavailable'), t('patrolRun.gps.unavailableHint')]
              : [t('patrolRun.gps.unsupported'), undefined];
  const canRetry = state === 'denied' || state === 'unavailable';
  return (
    <section class={`patrol-status patrol-status--${gpsTone()}`} aria-label={t('patrolRun.gpsTitle')}>
      <p class="patrol-status__text">
        <span class={`gps-dot gps-dot--${gpsTone()}`} aria-hidden="true" />
        {text}
      </p>
      {hint && <p class="patrol-status__hint">{hint}</p>}
      {canRetry && (
        <button type="button" class="button button--secondary" onClick={retryGps}>
          {t('patrolRun.gps.retry')}
        </button>
      )}
    </section>
  );
}

function WakeLockStatus() {
  const state = wakeLock.value;
  if (state === 'pending') return null;
  if (state === 'active') return <p class="patrol-note">{t('patrolRun.wake.active')}</p>;
  return (
    <section class="patrol-status patrol-status--weak" aria-label={t('patrolRun.wake.off')}>
      <p class="patrol-status__text">{t('patrolRun.wake.off')}</p>
      <p class="patrol-status__hint">{t('patrolRun.wake.offHint')}</p>
    </section>
  );
}

/** `/patrol`: the running patrol — clock, distance, GPS and screen state, quick records, 结束巡查. */
export function PatrolScreen() {
  const { route } = useLocation();
  const db = currentDb.value;
  const patrolId = activePatrolId.value;
  const startedAt = usePatrolStart(patrolId);
  const now = useNow();
  const types = useLiveQuery(async () => {
    const row = db && patrolId ? await db.records.get(patrolId) : undefined;
    return row?.record.kind === 'patrol' ? row.record.body.patrolTypes : [];
  }, [db, patrolId]);

  // No redirect: right after 结束巡查 this screen is still mounted while the log opens.
  if (!patrolId) {
    return (
      <div class="screen">
        <AppBar title={t('patrolRun.title')} back="/" />
        <p class="empty">{t('patrolRun.notRunning')}</p>
      </div>
    );
  }
  const stats = trackStats.value;

  return (
    <div class="screen screen--patrol">
      <AppBar title={t('patrolRun.title')} back="/" />
      <main class="patrol-main">
        <dl class="patrol-figures">
          <div>
            <dt>{t('patrolRun.elapsed')}</dt>
            <dd>{startedAt === undefined ? '--:--' : formatElapsed(now - startedAt)}</dd>
          </div>
          <div>
            <dt>{t('patrolRun.distance')}</dt>
            <dd>{formatKm(stats.distanceM)}</dd>
          </div>
          <div>
            <dt>{t('patrolRun.segments')}</dt>
            <dd>{stats.segments}</dd>
          </div>
        </dl>
        {types && types.length > 0 && (
          <p class="patrol-types">{types.map((type) => label('patrolType', type)).join('、')}</p>
        )}
        <GpsStatus />
        <WakeLockStatus />
        <h2 class="patrol-heading">{t('patrolRun.linked')}</h2>
        <LinkedRecords patrolId={patrolId} empty={t('patrolRun.noLinked')} />
      </main>
      <div class="patrol-actions">
        <p class="patrol-actions__label">{t('patrolRun.quick')}</p>
        <div class="action-bar__row">
          <button
            type="button"
            class="create-button"
            style={{ '--kind': kindColour('rentalInspection') }}
            onClick={() => route(`/new/${kindSlug('rentalInspection')}`)}
          >
            {t('patrolRun.newInspection')}
          </button>
          <button
            type="button"
            class="create-button"
            style={{ '--kind': kindColour('dispute') }}
            onClick={() => route(`/new/${kindSlug('dispute')}`)}
          >
            {t('patrolRun.newDispute')}
          </button>
          <button
            type="button"
            class="create-button"
            style={{ '--kind': kindColour('gridEvent') }}
            onClick={() => route(`/new/${kindSlug('gridEvent')}`)}
          >
            {t('patrolRun.newEvent')}
          </button>
        </div>
        <button
          type="button"
          class="button button--danger button--block button--large"
          onClick={() => (endAsked.value = true)}
        >
          {t('patrolRun.end')}
        </button>
      </div>
    </div>
  );
}
