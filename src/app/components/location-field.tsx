import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { GeoPoint } from '../../domain/geo-point';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import type { LocationPicker as LocationPickerComponent } from '../map/location-picker';
import { FieldError } from './field-shell';

type PickerComponent = FunctionComponent<Parameters<typeof LocationPickerComponent>[0]>;

type LocateState = 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported' | 'pickerFailed';

const LOCATE_TIMEOUT_MS = 20_000;
/** A fix up to a minute old is fine for "where was this recorded" and answers instantly. */
const MAX_FIX_AGE_MS = 60_000;

interface LocationFieldProps {
  id: string;
  value: GeoPoint | undefined;
  onValue: (value: GeoPoint | undefined) => void;
  error?: MessageKey | undefined;
  /** The draft's grid: the map picker opens on it when there is no location yet. */
  gridId?: string | undefined;
  /** Locate once as the field first shows, when it holds no location (上报事件: GPS is taken automatically). */
  autoLocate?: boolean;
}

/**
 * "获取定位" with the accuracy it got, or why it could not, and "在地图上选点". Never required:
 * saving never waits for GPS.
 */
export function LocationField({ id, value, onValue, error, gridId, autoLocate }: LocationFieldProps) {
  const [state, setState] = useState<LocateState>('idle');
  // The picker's chunk carries maplibre-gl, so it is fetched when the user opens it, not before.
  const [Picker, setPicker] = useState<PickerComponent | undefined>(undefined);

  const openPicker = () => {
    import('../map/location-picker').then(
      (m) => setPicker(() => m.LocationPicker),
      () => setState('pickerFailed'),
    );
  };

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

  // Once, as the form opens: a location the user cleared is not fetched again.
  useEffect(() => {
    if (autoLocate && !value) locate();
  }, []);

  const message =
    state === 'locating'
      ? t('form.locating')
      : state === 'denied'
        ? t('form.locationDenied')
        : state === 'unavailable'
          ? t('form.locationUnavailable')
          : state === 'unsupported'
            ? t('form.locationUnsupported')
            : state === 'pickerFailed'
              ? t('form.pickerFailed')
              : !value
                ? ''
                : value.accuracyM === undefined
                  ? t('form.pickedOnMap')
                  : t('form.located', { m: value.accuracyM });

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
        <button type="button" class="button button--secondary" onClick={openPicker}>
          {t('form.pickOnMap')}
        </button>
        {value && (
          <button type="button" class="button button--quiet" onClick={() => onValue(undefined)}>
            {t('form.clearLocation')}
          </button>
        )}
      </div>
      {message && (
        <p
          class={
            state === 'denied' || state === 'unavailable' || state === 'pickerFailed'
              ? 'field__hint is-warning'
              : 'field__hint'
          }
          aria-live="polite"
        >
          {message}
        </p>
      )}
      <FieldError id={id} error={error} />
      {Picker && (
        <Picker
          value={value}
          gridId={gridId}
          onPick={(picked) => {
            setState('idle');
            setPicker(undefined);
            onValue(picked);
          }}
          onCancel={() => setPicker(undefined)}
        />
      )}
    </div>
  );
}
