/**
 * The optional basemap from the environment: TILE_URL (an XYZ template), TILE_TYPE (raster),
 * TILE_MIN_ZOOM / TILE_MAX_ZOOM (the zooms the offline download covers), TILE_SIZE (256 or 512)
 * and TILE_ATTRIBUTION. No TILE_URL, no basemap. A bad value stops the server with a `ConfigError`
 * rather than shipping a map that fails on every phone.
 */
import {
  MAX_TILE_ZOOM,
  TILE_SIZES,
  TILE_TYPES,
  type TileSource,
  tileTemplateProblem,
} from '../domain/map-config';
import { ConfigError } from './server-config';

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_TILE_MIN_ZOOM = 12;
export const DEFAULT_TILE_MAX_ZOOM = 17;

function readZoom(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const zoom = Number(raw);
  if (!/^\d+$/.test(raw) || zoom > MAX_TILE_ZOOM)
    throw new ConfigError(`${name} must be a whole number 0..${MAX_TILE_ZOOM}, got "${raw}".`);
  return zoom;
}

/** The tile source of the environment, or null when TILE_URL is unset or empty. */
export function readTileConfig(env: Env = process.env): TileSource | null {
  const url = env.TILE_URL?.trim();
  if (!url) return null;
  const problem = tileTemplateProblem(url);
  if (problem)
    throw new ConfigError(
      `TILE_URL ${problem}, e.g. https://tiles.example.org/{z}/{x}/{y}.png or /tiles/{z}/{x}/{y}.png; got "${url}".`,
    );
  const type = env.TILE_TYPE?.trim() || 'raster';
  if (!(TILE_TYPES as readonly string[]).includes(type))
    throw new ConfigError(
      `TILE_TYPE must be ${TILE_TYPES.join(' or ')} (vector tiles are not supported yet), got "${type}".`,
    );
  const minZoom = readZoom(env, 'TILE_MIN_ZOOM', DEFAULT_TILE_MIN_ZOOM);
  const maxZoom = readZoom(env, 'TILE_MAX_ZOOM', DEFAULT_TILE_MAX_ZOOM);
  if (minZoom > maxZoom)
    throw new ConfigError(`TILE_MIN_ZOOM (${minZoom}) must not be above TILE_MAX_ZOOM (${maxZoom}).`);
  const sizeRaw = env.TILE_SIZE?.trim() || '256';
  const tileSize = TILE_SIZES.find((size) => String(size) === sizeRaw);
  if (tileSize === undefined) throw new ConfigError(`TILE_SIZE must be 256 or 512, got "${sizeRaw}".`);
  const attribution = env.TILE_ATTRIBUTION?.trim() ?? '';
  if (attribution.length > 300) throw new ConfigError('TILE_ATTRIBUTION must be at most 300 characters.');
  return { url, type: 'raster', minZoom, maxZoom, attribution, tileSize };
}
