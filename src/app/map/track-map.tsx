/**
 * A patrol's track on a small map, with the user's grids for context. Imported only when a patrol
 * detail with a track opens (it pulls in maplibre-gl). Like /map it loads nothing from the network:
 * no tiles, glyphs or sprites (map-style.ts), so it draws offline.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'preact/hooks';
import type { TrackSegment } from '../../domain/patrol';
import { currentDb } from '../status/session';
import { publishMap, unpublishMap } from './live-map';
import { boundsOf, gridFeatures } from './map-features';
import { GRIDS_SOURCE, mapStyle } from './map-style';
import { trackFeatures } from './track-features';

// Our own worker file, never MapLibre's blob: fallback (the CSP allows workers from 'self' only).
setWorkerUrl(workerUrl);

export const TRACK_SOURCE = 'track';
export const TRACK_LINE_LAYER = 'track-line';
const FIT_PADDING_PX = 24;

function trackStyle(segments: readonly TrackSegment[]): StyleSpecification {
  const base = mapStyle();
  return {
    ...base,
    sources: {
      ...base.sources,
      // The cast: track-features.ts builds plain GeoJSON, kept free of maplibre types.
      [TRACK_SOURCE]: { type: 'geojson', data: trackFeatures(segments) as never },
    },
    layers: [
      ...base.layers.filter((layer) => layer.id !== 'record-points'),
      {
        id: TRACK_LINE_LAYER,
        type: 'line',
        source: TRACK_SOURCE,
        filter: ['==', ['get', 'role'], 'line'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#17663a', 'line-width': 4 },
      },
      {
        id: 'track-ends',
        type: 'circle',
        source: TRACK_SOURCE,
        filter: ['!=', ['get', 'role'], 'line'],
        paint: {
          'circle-radius': 7,
          'circle-color': ['match', ['get', 'role'], 'start', '#17663a', '#b42318'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    ],
  };
}

export function TrackMap({ segments, label }: { segments: readonly TrackSegment[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!container.current) return;
    const features = trackFeatures(segments);
    const box = boundsOf(features);
    const instance = new MapLibreMap({
      container: container.current,
      style: trackStyle(segments),
      ...(box ? { bounds: box, fitBoundsOptions: { padding: FIT_PADDING_PX, maxZoom: 18 } } : {}),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.touchZoomRotate.disableRotation();
    publishMap(instance);
    let live = true;
    instance.once('load', () => {
      void currentDb.value?.grids.toArray().then((rows) => {
        // The cast: map-features.ts builds plain GeoJSON, kept free of maplibre types.
        if (live) instance.getSource<GeoJSONSource>(GRIDS_SOURCE)?.setData(gridFeatures(rows) as never);
      });
    });
    return () => {
      live = false;
      instance.remove();
      unpublishMap(instance);
    };
  }, [segments]);

  return <div ref={container} class="track-map" role="img" aria-label={label} />;
}
