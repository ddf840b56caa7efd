/**
 * 在地图上选点: a full-screen map with a fixed crosshair; the user pans the map under it with one
 * thumb and 确定 takes the point under the crosshair. Imported only when the user opens it (from
 * the forms' 定位 field), because it pulls in maplibre-gl; like the /map route it needs no network.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './location-picker.css';
import type { GeoJSONSource } from 'maplibre-gl';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'preact/hooks';
import type { GeoPoint } from '../../domain/geo-point';
import { t } from '../i18n/i18n';
import { currentDb } from '../status/session';
import { publishMap, unpublishMap } from './live-map';
import { boundsOf, gridFeatures } from './map-features';
import { GRIDS_SOURCE, mapStyle } from './map-style';

// Our own worker file, never MapLibre's blob: fallback (the CSP allows workers from 'self' only).
setWorkerUrl(workerUrl);

/** Where the picker opens with no location and no grid shape on the device (江北新区). */
const FALLBACK_CENTER: [number, number] = [118.75, 32.23];
const PICK_ZOOM = 17;
const FIT_PADDING_PX = 32;

interface LocationPickerProps {
  value: GeoPoint | undefined;
  gridId?: string | undefined;
  onPick: (value: GeoPoint) => void;
  onCancel: () => void;
}

/** Centred on the current location, else on the selected grid (else all the user's grids). */
export function LocationPicker({ value, gridId, onPick, onCancel }: LocationPickerProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap>(undefined);

  useEffect(() => {
    if (!container.current) return;
    const instance = new MapLibreMap({
      container: container.current,
      style: mapStyle(),
      center: value?.lngLat ?? FALLBACK_CENTER,
      zoom: value ? PICK_ZOOM : 12,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.touchZoomRotate.disableRotation();
    map.current = instance;
    publishMap(instance);
    let live = true;
    const grids = currentDb.value?.grids.toArray() ?? Promise.resolve([]);
    instance.once('load', () => {
      void grids.then((rows) => {
        if (!live) return;
        const all = gridFeatures(rows);
        // The cast: map-features.ts builds plain GeoJSON, kept free of maplibre types.
        instance.getSource<GeoJSONSource>(GRIDS_SOURCE)?.setData(all as never);
        if (value) return;
        const own = { ...all, features: all.features.filter((f) => f.properties.gridId === gridId) };
        const box = boundsOf(own.features.length > 0 ? own : all);
        if (box) instance.fitBounds(box, { padding: FIT_PADDING_PX, animate: false, maxZoom: PICK_ZOOM });
      });
    });
    return () => {
      live = false;
      instance.remove();
      map.current = undefined;
      unpublishMap(instance);
    };
  }, []);

  const confirm = () => {
    const center = map.current?.getCenter();
    if (!center) return;
    // A picked point has no GPS accuracy: accuracyM is left out, and the form says 地图选点.
    onPick({ lngLat: [round(center.lng), round(center.lat)], capturedAt: new Date().toISOString() });
  };

  return (
    <div class="location-picker" role="dialog" aria-modal="true" aria-label={t('picker.title')}>
      <div ref={container} class="location-picker__map" />
      <div class="location-picker__crosshair" aria-hidden="true" />
      <p class="location-picker__hint">{t('picker.hint')}</p>
      <div class="location-picker__actions">
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t('picker.cancel')}
        </button>
        <button type="button" class="button button--primary" onClick={confirm}>
          {t('picker.confirm')}
        </button>
      </div>
    </div>
  );
}

/** Seven decimals is about a centimetre: more digits only pretend to precision. */
function round(degrees: number): number {
  return Math.round(degrees * 1e7) / 1e7;
}
