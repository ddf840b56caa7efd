/**
 * The parts of maplibre-gl the 区域总览's map uses, with its worker and CSS, for one dynamic
 * import (area-map.tsx): a module of named exports keeps the library tree-shaken, and it shares
 * no module with home, so home's chunks stay as they are (a lazy entry that did split them finer,
 * +0.6 KB gz on home's budget, measured).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

export { Map } from 'maplibre-gl';
export { publishMap, unpublishMap } from './live-map';
