/**
 * The map's optional basemap, as a deployment configures it (env TILE_URL…) and as devices receive
 * it from `GET /api/map-config`. `tiles: null` means no basemap: the map draws grids, records and
 * tracks on a plain background. Only raster XYZ tiles for now; vector tiles need a style, glyphs
 * and sprites served by us, which is a later slice.
 */
import * as z from 'zod/mini';

export const TILE_TYPES = ['raster'] as const;
export const TILE_SIZES = [256, 512] as const;
/** MapLibre draws up to zoom 22 and no tile server offers more. */
export const MAX_TILE_ZOOM = 22;

const PLACEHOLDER = /\{[^}]*\}/g;
/** Scheme, host (a name, IPv4 or [IPv6]) and optional port, then the path's first slash. */
const ORIGIN = /^(https?:\/\/(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?)\//;

/**
 * Why `template` is not a usable XYZ tile URL, or undefined when it is: an http(s) URL or a
 * same-origin path (`/tiles/{z}/{x}/{y}.png`) with `{z}`, `{x}` and `{y}` once each, in the path
 * or query, never in the host (the service worker recognises tiles by what comes before them).
 */
export function tileTemplateProblem(template: string): string | undefined {
  if (template.length === 0 || template.length > 2000) return 'must be 1 to 2000 characters long';
  if (!/^(https?:\/\/[^/?#{}]+\/|\/(?!\/))/.test(template))
    return 'must start with http://host/, https://host/ or a path starting with a single /';
  if (template.startsWith('http') && !ORIGIN.test(template)) return 'has an invalid host or port';
  if (/\s/.test(template)) return 'must not contain spaces';
  const placeholders = template.match(PLACEHOLDER) ?? [];
  for (const name of ['{z}', '{x}', '{y}'])
    if (placeholders.filter((found) => found === name).length !== 1)
      return `must contain ${name} exactly once`;
  if (placeholders.length !== 3) return 'may contain only the placeholders {z}, {x} and {y}';
  return undefined;
}

/** The fixed start of every tile URL of `template` (up to its first placeholder). */
export function tileUrlPrefix(template: string): string {
  const brace = template.indexOf('{');
  return brace < 0 ? template : template.slice(0, brace);
}

/** The origin tiles come from, or undefined for a same-origin path. */
export function tileOrigin(template: string): string | undefined {
  return ORIGIN.exec(template)?.[1]?.toLowerCase();
}

/** The URL of one tile. */
export function tileUrl(template: string, tile: { z: number; x: number; y: number }): string {
  return template
    .replace('{z}', String(tile.z))
    .replace('{x}', String(tile.x))
    .replace('{y}', String(tile.y));
}

const zoomSchema = z.int().check(z.gte(0), z.lte(MAX_TILE_ZOOM));

export const tileSourceSchema = z
  .object({
    url: z
      .string()
      .check(
        z.refine((template) => tileTemplateProblem(template) === undefined, 'url must be an XYZ template'),
      ),
    type: z.enum(TILE_TYPES),
    minZoom: zoomSchema,
    maxZoom: zoomSchema,
    attribution: z.string().check(z.maxLength(300)),
    tileSize: z.union([z.literal(TILE_SIZES[0]), z.literal(TILE_SIZES[1])]),
  })
  .check(
    z.refine((source) => source.minZoom <= source.maxZoom, {
      message: 'minZoom must not be above maxZoom',
      path: ['maxZoom'],
    }),
  );

export type TileSource = z.infer<typeof tileSourceSchema>;

/** `GET /api/map-config`'s answer. */
export const mapConfigSchema = z.object({ tiles: z.nullable(tileSourceSchema) });

export type MapConfig = z.infer<typeof mapConfigSchema>;
