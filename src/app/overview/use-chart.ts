/**
 * Draws a Chart.js chart on a canvas and redraws it when `key` changes (new figures, a resize past
 * the wall breakpoint). The library is loaded on first use (chart-kit.ts). The canvas is an image
 * to screen readers: its summary is the caller's aria-label, its numbers the table beside it.
 */
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';

/** A wall screen reads from across the room: larger text from this width on (overview.css agrees). */
const WALL_MIN_WIDTH_PX = 1200;

export interface ChartLook {
  /** Text size in CSS px: 13 on a phone, 18 on a wall. */
  fontPx: number;
  color: (token: string, fallback: string) => string;
}

/** The theme's colour (base.css), so the charts match the tiles. */
function themeColor(token: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(token).trim() || fallback;
}

export function useChart(key: string, config: (look: ChartLook) => ChartConfiguration) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(config);
  latest.current = config;
  const [wall, setWall] = useState(() => window.innerWidth >= WALL_MIN_WIDTH_PX);
  useEffect(() => {
    const onResize = () => setWall(window.innerWidth >= WALL_MIN_WIDTH_PX);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    let cancelled = false;
    let chart: { destroy(): void } | undefined;
    void import('./chart-kit').then(({ Chart }) => {
      const element = canvas.current;
      if (cancelled || !element) return;
      // The app's own font stack (system fonts with the CJK ones): no web font from anywhere.
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      Chart.defaults.color = themeColor('--c-muted', '#4f5967');
      chart = new Chart(element, latest.current({ fontPx: wall ? 18 : 13, color: themeColor }));
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [key, wall]);
  return canvas;
}
