/**
 * The count on each record cluster, as DOM text: the map's style loads no glyphs (map-style.ts),
 * so a symbol layer cannot draw it. One maplibre Marker per cluster drawn now, keyed by
 * cluster_id and kept while the cluster stays on screen; the text lets taps through to the map,
 * whose click handler expands the cluster.
 */
import { type Map as MapLibreMap, type MapSourceDataEvent, Marker } from 'maplibre-gl';
import { CLUSTERS_LAYER, RECORDS_SOURCE } from './map-style';

/** Keeps a count over every cluster the map draws; returns the function that stops it. */
export function showClusterCounts(map: MapLibreMap, isReady: () => boolean): () => void {
  const markers = new Map<number, Marker>();
  const update = () => {
    if (!isReady()) return;
    const seen = new Set<number>();
    for (const feature of map.queryRenderedFeatures({ layers: [CLUSTERS_LAYER] })) {
      const id = feature.properties.cluster_id;
      const count = feature.properties.point_count;
      const [lng, lat] = (feature.geometry as { coordinates?: number[] }).coordinates ?? [];
      if (typeof id !== 'number' || seen.has(id) || lng === undefined || lat === undefined) continue;
      seen.add(id);
      const marker = markers.get(id) ?? addCount(map, markers, id);
      marker.setLngLat([lng, lat]);
      const text = String(count);
      if (marker.getElement().textContent !== text) marker.getElement().textContent = text;
    }
    for (const [id, marker] of markers)
      if (!seen.has(id)) {
        marker.remove();
        markers.delete(id);
      }
  };
  // A pan or a zoom moves and regroups the clusters: follow it ('move' each frame of it, 'moveend'
  // for where it stops), not every frame the map draws ('render' fires for a fading halo too).
  // New records regroup them with no move: count again once the map has drawn the new data.
  let pending = false;
  const afterData = (event: MapSourceDataEvent) => {
    if (event.sourceId !== RECORDS_SOURCE || pending) return;
    pending = true;
    map.once('idle', () => {
      pending = false;
      update();
    });
  };
  map.on('move', update);
  map.on('moveend', update);
  map.on('sourcedata', afterData);
  return () => {
    map.off('move', update);
    map.off('moveend', update);
    map.off('sourcedata', afterData);
    for (const marker of markers.values()) marker.remove();
    markers.clear();
  };
}

function addCount(map: MapLibreMap, markers: Map<number, Marker>, id: number): Marker {
  const element = document.createElement('span');
  element.className = 'map-cluster-count';
  // The disc is a canvas drawing no screen reader sees; a count alone would say nothing.
  element.setAttribute('aria-hidden', 'true');
  const marker = new Marker({ element, anchor: 'center' }).setLngLat([0, 0]).addTo(map);
  markers.set(id, marker);
  return marker;
}
