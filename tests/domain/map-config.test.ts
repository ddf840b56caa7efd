import { describe, expect, it } from 'vitest';
import {
  mapConfigSchema,
  tileOrigin,
  tileTemplateProblem,
  tileUrl,
  tileUrlPrefix,
} from '../../src/domain/map-config';

describe('tile URL templates', () => {
  it('accepts an https or http template and a same-origin path', () => {
    expect(tileTemplateProblem('https://tiles.example.org/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileTemplateProblem('http://10.0.0.5:8081/osm/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileTemplateProblem('https://t.example.org/wmts?layer=a&z={z}&x={x}&y={y}')).toBeUndefined();
    expect(tileTemplateProblem('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });

  it('names what is wrong with a bad template', () => {
    expect(tileTemplateProblem('https://tiles.example.org/{z}/{x}.png')).toBe(
      'must contain {y} exactly once',
    );
    expect(tileTemplateProblem('https://tiles.example.org/{z}/{x}/{y}/{x}.png')).toBe(
      'must contain {x} exactly once',
    );
    expect(tileTemplateProblem('https://{s}.tiles.org/{z}/{x}/{y}.png')).toMatch(/must start with/);
    expect(tileTemplateProblem('https://tiles.org/{s}/{z}/{x}/{y}.png')).toBe(
      'may contain only the placeholders {z}, {x} and {y}',
    );
    expect(tileTemplateProblem('ftp://tiles.org/{z}/{x}/{y}.png')).toMatch(/must start with/);
    expect(tileTemplateProblem('//tiles.org/{z}/{x}/{y}.png')).toMatch(/must start with/);
    expect(tileTemplateProblem('tiles/{z}/{x}/{y}.png')).toMatch(/must start with/);
    expect(tileTemplateProblem('https://tiles!example/{z}/{x}/{y}.png')).toBe('has an invalid host or port');
    expect(tileTemplateProblem('https://tiles.org:80a/{z}/{x}/{y}.png')).toBe('has an invalid host or port');
    expect(tileTemplateProblem('')).toMatch(/1 to 2000/);
  });

  it('fills a tile into the template and knows the prefix and origin tiles come from', () => {
    const template = 'https://tiles.example.org/osm/{z}/{x}/{y}.png';
    expect(tileUrl(template, { z: 14, x: 13598, y: 6726 })).toBe(
      'https://tiles.example.org/osm/14/13598/6726.png',
    );
    expect(tileUrlPrefix(template)).toBe('https://tiles.example.org/osm/');
    expect(tileOrigin(template)).toBe('https://tiles.example.org');
    expect(tileOrigin('http://LOCALHOST:8081/{z}/{x}/{y}.png')).toBe('http://localhost:8081');
    expect(tileOrigin('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });
});

describe('the map config schema', () => {
  const tiles = {
    url: 'https://tiles.example.org/{z}/{x}/{y}.png',
    type: 'raster',
    minZoom: 12,
    maxZoom: 17,
    attribution: '© 某区测绘',
    tileSize: 256,
  };

  it('accepts no basemap and a raster basemap', () => {
    expect(mapConfigSchema.safeParse({ tiles: null }).success).toBe(true);
    expect(mapConfigSchema.safeParse({ tiles }).success).toBe(true);
  });

  it('rejects vector tiles, a bad template, inverted zooms and odd tile sizes', () => {
    for (const bad of [
      { ...tiles, type: 'vector' },
      { ...tiles, url: 'https://tiles.example.org/{z}.png' },
      { ...tiles, minZoom: 18, maxZoom: 17 },
      { ...tiles, maxZoom: 23 },
      { ...tiles, tileSize: 300 },
    ])
      expect(mapConfigSchema.safeParse({ tiles: bad }).success, JSON.stringify(bad)).toBe(false);
  });
});
