import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/server/server-config';
import { readTileConfig } from '../../src/server/tile-config';

describe('the basemap from the environment', () => {
  it('is off when TILE_URL is unset or empty', () => {
    expect(readTileConfig({})).toBeNull();
    expect(readTileConfig({ TILE_URL: '  ' })).toBeNull();
  });

  it('reads a raster source with default zooms 12–17 and 256 px tiles', () => {
    expect(readTileConfig({ TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' })).toEqual({
      url: 'https://tiles.example.org/{z}/{x}/{y}.png',
      type: 'raster',
      minZoom: 12,
      maxZoom: 17,
      attribution: '',
      tileSize: 256,
    });
    expect(
      readTileConfig({
        TILE_URL: '/tiles/{z}/{x}/{y}.png',
        TILE_TYPE: 'raster',
        TILE_MIN_ZOOM: '14',
        TILE_MAX_ZOOM: '16',
        TILE_SIZE: '512',
        TILE_ATTRIBUTION: '© 江北新区测绘',
      }),
    ).toEqual({
      url: '/tiles/{z}/{x}/{y}.png',
      type: 'raster',
      minZoom: 14,
      maxZoom: 16,
      attribution: '© 江北新区测绘',
      tileSize: 512,
    });
  });

  it('stops the start with a message naming the bad setting', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ TILE_URL: 'https://tiles.example.org/{z}/{x}.png' }, /TILE_URL must contain \{y\} exactly once/],
      [{ TILE_URL: 'tiles.example.org/{z}/{x}/{y}.png' }, /TILE_URL must start with/],
      [{ TILE_URL: '/t/{z}/{x}/{y}.png', TILE_TYPE: 'vector' }, /TILE_TYPE must be raster/],
      [{ TILE_URL: '/t/{z}/{x}/{y}.png', TILE_MAX_ZOOM: '25' }, /TILE_MAX_ZOOM must be a whole number 0..22/],
      [{ TILE_URL: '/t/{z}/{x}/{y}.png', TILE_MIN_ZOOM: 'twelve' }, /TILE_MIN_ZOOM must be a whole number/],
      [{ TILE_URL: '/t/{z}/{x}/{y}.png', TILE_MIN_ZOOM: '17', TILE_MAX_ZOOM: '12' }, /must not be above/],
      [{ TILE_URL: '/t/{z}/{x}/{y}.png', TILE_SIZE: '300' }, /TILE_SIZE must be 256 or 512/],
    ];
    for (const [env, message] of cases) {
      expect(() => readTileConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => readTileConfig(env), JSON.stringify(env)).toThrow(message);
    }
  });
});
