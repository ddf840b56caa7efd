/**
 * A patrol track as GeoJSON: one LineString per segment — never one line through all points, so a
 * gap (time nobody was tracked) is never drawn — and the start and end points. No maplibre import,
 * so it is testable without WebGL.
 */
import type { TrackSegment } from '../../domain/patrol';
import type { FeatureCollection } from './map-features';

export interface TrackProps {
  segmentId?: string;
  /** `line` for a segment; `start` / `end` for the first and last fix of the whole track. */
  role: 'line' | 'start' | 'end';
}

export function trackFeatures(segments: readonly TrackSegment[]): FeatureCollection<TrackProps> {
  const lines = segments
    .filter((segment) => segment.points.length >= 2)
    .map((segment) => ({
      type: 'Feature' as const,
      geometry: { type: 'LineString', coordinates: segment.points.map(([lng, lat]) => [lng, lat]) },
      properties: { segmentId: segment.id, role: 'line' as const },
    }));
  const first = segments.find((s) => s.points.length > 0)?.points[0];
  const last = segments.findLast((s) => s.points.length > 0)?.points.at(-1);
  const ends = [
    ...(first ? [{ point: first, role: 'start' as const }] : []),
    ...(last ? [{ point: last, role: 'end' as const }] : []),
  ].map(({ point, role }) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point', coordinates: [point[0], point[1]] },
    properties: { role },
  }));
  return { type: 'FeatureCollection', features: [...lines, ...ends] };
}
