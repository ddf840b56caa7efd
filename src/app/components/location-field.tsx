import { useState } from 'preact/hooks';
import type { GeoPoint } from '../../domain/geo-point';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { FieldError } from './field-shell';

type LocateState = 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported';

const LOCATE_TIMEOUT_MS = 20_000;
/** A fix up to a minute old is fine for "where was this recorded" and answers instantly. */
const MAX_FIX_AGE_MS = 60_000;

interface LocationFieldProps {
  id: string;
  value: GeoPoint | undefined;
  onValue: (value: GeoPoint | undefined) => void;
  error?: MessageKey | undefined;
}

/** "获取定位" with the accuracy it got, or why it could not. Never required: saving never waits for GPS. */
export function LocationField({ id, value, onValue, error }: LocationFieldProps) {
  const [state, setState] = useState<LocateState>('idle');

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setState('unsupported');
      return;
    }
    setState('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setState('idle');
        onValue({
          lngLat: [position.coords.longitude, position.coords.latitude],
          accuracyM: Math.round(Math.min(position.coords.accuracy, 100_000)),
          capturedAt: new Date(position.timestamp || Date.now()).toISOString(),
        });
      },
      (failure) => setState(failure.code === failure.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: MAX_FIX_AGE_MS },
    );
  };

  const message =
    state === 'locating'
      ? t('form.locating')
      : state === 'denied'
        ? t('form.locationDenied')
        : state === 'unavailable'
          ? t('form.locationUnavailable')
          : state === 'unsupported'
            ? t('form.locationUnsupported')
            : value
              ? t('form.located', { m: value.accuracyM ?? '?' })
              : '';

  return (
    <div class={error ? 'field field--invalid' : 'field'} id={id}>
      <span class="field__label">{t('form.location')}</span>
      <div class="location">
        <button
          type="button"
          class="button button--secondary"
          disabled={state === 'locating'}
          onClick={locate}
        >
          {value ? t('form.relocate') : t('form.getLocation')}
        </button>
        {value && (
          <button type="button" class="button button--quiet" onClick={() => onValue(undefined)}>
            {t('form.clearLocation')}
          </button>
        )}
      </div>
      {message && (
        <p
          class={state === 'denied' || state === 'unavailable' ? 'field__hint is-warning' : 'field__hint'}
          aria-live="polite"
        >
          {message}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}
