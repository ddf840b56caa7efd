/**
 * 巡查中 · 12:34 · 0.42 km · 结束巡查 — fixed at the top of every screen while a patrol runs, with
 * the one problem that matters (no GPS, weak signal, screen may turn off). It also keeps the
 * recording running: it is mounted for as long as the patrol is on.
 */
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { t } from '../i18n/i18n';
import { activePatrolId } from '../lib/active-patrol';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';
import { EndPatrolSheet, endAsked } from './end-patrol-sheet';
import { abandonPatrol } from './finish-patrol';
import { formatElapsed, formatKm } from './patrol-format';
import { runPatrol, trackStats } from './patrol-runtime';
import { gpsTone, patrolProblem } from './patrol-status-line';
import { useNow } from './use-now';
import { usePatrolStart } from './use-patrol-start';

export function PatrolBanner() {
  const db = currentDb.value;
  const patrolId = activePatrolId.value;
  const { path } = useLocation();
  const startedAt = usePatrolStart(patrolId);
  const now = useNow();

  useEffect(() => {
    if (!db || !patrolId) return;
    return runPatrol(db, patrolId);
  }, [db, patrolId]);

  // The running patrol deleted (from its detail screen, or by a pull): nothing is left to record.
  const gone = useLiveQuery(async () => {
    const row = db && patrolId ? await db.records.get(patrolId) : undefined;
    return !row || row.record.deleted;
  }, [db, patrolId]);
  useEffect(() => {
    if (gone && db) void abandonPatrol(db);
  }, [gone, db]);

  // Screens move down under the banner; the patrol screen shows the same figures itself, unbannered.
  const bannered = Boolean(patrolId) && path !== '/patrol';
  useEffect(() => {
    document.documentElement.classList.toggle('patrol-on', bannered);
    return () => document.documentElement.classList.remove('patrol-on');
  }, [bannered]);

  if (!patrolId) return null;
  const problem = patrolProblem();
  return (
    <>
      {bannered && (
        <section class="patrol-banner" aria-label={t('patrolRun.on')}>
          <a class="patrol-banner__main" href="/patrol">
            <span class="patrol-banner__line">
              <span class={`gps-dot gps-dot--${gpsTone()}`} aria-hidden="true" />
              <strong>{t('patrolRun.on')}</strong>
              <span> · {startedAt === undefined ? '--:--' : formatElapsed(now - startedAt)}</span>
              <span> · {formatKm(trackStats.value.distanceM)}</span>
            </span>
            <span class="patrol-banner__problem" aria-live="polite">
              {problem}
            </span>
          </a>
          <button type="button" class="patrol-banner__end" onClick={() => (endAsked.value = true)}>
            {t('patrolRun.end')}
          </button>
        </section>
      )}
      <EndPatrolSheet />
    </>
  );
}
