/**
 * The map's own buttons, thumb-sized (MapLibre's NavigationControl draws 29 px buttons titled in
 * English): zoom in and out, fly to where the worker is, and show all of her grids again.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/** Close enough to see the street the worker stands in. */
const LOCATE_ZOOM = 16;

interface MapControlsProps {
  map: () => MapLibreMap | undefined;
  /** Where the worker is; undefined while the device has no usable fix. */
  here: [number, number] | undefined;
  onShowAll: () => void;
}

export function MapControls({ map, here, onShowAll }: MapControlsProps) {
  const [noPosition, setNoPosition] = useState(false);
  useEffect(() => {
    if (here) setNoPosition(false);
  }, [here]);
  const locate = () => {
    const instance = map();
    if (!instance) return;
    if (!here) {
      setNoPosition(true);
      // Gone with the next pan or zoom: by then the user has read it or moved on.
      instance.once('movestart', () => setNoPosition(false));
      return;
    }
    instance.flyTo({ center: here, zoom: Math.max(instance.getZoom(), LOCATE_ZOOM) });
  };
  return (
    <div class="map-controls">
      <button
        type="button"
        class="map-control"
        aria-label={t('map.zoomIn')}
        title={t('map.zoomIn')}
        onClick={() => map()?.zoomIn()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 5v14M5 12h14" />
        </svg>
      </button>
      <button
        type="button"
        class="map-control"
        aria-label={t('map.zoomOut')}
        title={t('map.zoomOut')}
        onClick={() => map()?.zoomOut()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 12h14" />
        </svg>
      </button>
      <button
        type="button"
        class={here ? 'map-control' : 'map-control is-unavailable'}
        aria-label={t('map.locate')}
        title={here ? t('map.locate') : t('map.noPosition')}
        aria-describedby={noPosition ? 'map-no-position' : undefined}
        onClick={locate}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="6" />
          <circle cx="12" cy="12" r="2" class="map-control__fill" />
          <path d="M12 2v4M12 18v4M2 12h4M18 12h4" />
        </svg>
      </button>
      <button
        type="button"
        class="map-control"
        aria-label={t('map.showAll')}
        title={t('map.showAll')}
        onClick={onShowAll}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
        </svg>
      </button>
      {noPosition && (
        <p id="map-no-position" class="map-controls__note" role="status">
          {t('map.noPosition')}
        </p>
      )}
    </div>
  );
}
