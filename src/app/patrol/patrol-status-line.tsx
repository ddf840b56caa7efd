import { t } from '../i18n/i18n';
import { gps, wakeLock } from './patrol-runtime';

/** The one problem the worker must know about now, GPS first: it decides whether the track records. */
export function patrolProblem(): string | undefined {
  const { state, accuracyM } = gps.value;
  if (state === 'denied') return t('patrolRun.gps.denied');
  if (state === 'unavailable') return t('patrolRun.gps.unavailable');
  if (state === 'unsupported') return t('patrolRun.gps.unsupported');
  if (state === 'weak')
    return accuracyM === undefined
      ? t('patrolRun.gps.weak')
      : t('patrolRun.gps.weakAccuracy', { m: accuracyM });
  if (wakeLock.value === 'unsupported' || wakeLock.value === 'refused') return t('patrolRun.wake.off');
  return undefined;
}

/** A dot in the banner: green recording, amber weak or waiting, red not recording. */
export function gpsTone(): 'ok' | 'weak' | 'bad' {
  const { state } = gps.value;
  if (state === 'ok') return 'ok';
  if (state === 'weak' || state === 'waiting') return 'weak';
  return 'bad';
}
