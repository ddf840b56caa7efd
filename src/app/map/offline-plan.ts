/**
 * What 下载本网格离线地图 fetches: the tiles covering each of the user's grids (a box per grid, so
 * far-apart grids cost no tiles between them) for the chosen zooms, as absolute URLs, each once.
 */
import type { TileSource } from '../../domain/map-config';
import { tileUrl } from '../../domain/map-config';
import { type LngLatBox, type TileCover, tilesCovering } from '../../domain/tile-cover';
import type { LocalGrid } from '../../sync/local-db';
import { absoluteTileTemplate, TILE_DOWNLOAD_LIMIT } from '../../sync/tile-cache';
import { boundsOf, gridFeatures } from './map-features';

/** The box of each grid with a boundary (one box per grid, so far-apart grids cost no tiles between). */
export function gridBoxes(grids: readonly LocalGrid[]): LngLatBox[] {
  return gridFeatures(grids).features.flatMap((feature) => {
    const box = boundsOf({ type: 'FeatureCollection', features: [feature] });
    return box ? [box] : [];
  });
}

export interface OfflinePlan extends TileCover {
  /** Absolute tile URLs, each once. */
  urls: string[];
}

/** The tiles of `grids` for zooms `minZoom..maxZoom` of `tiles`. */
export function offlinePlan(
  grids: readonly LocalGrid[],
  tiles: TileSource,
  maxZoom: number,
  origin: string,
): OfflinePlan {
  const cover = tilesCovering(gridBoxes(grids), tiles.minZoom, maxZoom, TILE_DOWNLOAD_LIMIT);
  const template = absoluteTileTemplate(tiles.url, origin);
  return { ...cover, urls: cover.tiles.map((tile) => tileUrl(template, tile)) };
}
