import type { mapZhCN } from './map.zh-cn';

export const mapEn: Partial<Record<keyof typeof mapZhCN, string>> = {
  'map.legend': 'Legend · {n} grids',
  'map.legendCluster':
    'Several records in one place: the number says how many, tap to zoom in; a red ring means some need attention',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.locate': 'Go to my position',
  'map.noPosition': 'No position yet. Turn on location and allow this app to use it.',
  'map.showAll': 'Show all my grids',
  'offlineMap.open': 'Download offline map of my grids',
  'offlineMap.title': 'Download offline map of my grids',
  'offlineMap.intro':
    'Keeps the basemap tiles covering your grids on this phone, so the map shows them with no network.',
  'offlineMap.maxZoom': 'Down to zoom level (higher is sharper, more tiles)',
  'offlineMap.zoomOption': '{z}',
  'offlineMap.estimating': 'Estimating the size…',
  'offlineMap.estimate': 'About {n} tiles, about {size}',
  'offlineMap.sampled': 'Size estimated from {n} sample tiles ({zooms})',
  'offlineMap.guessed': 'No sample could be fetched; size estimated at about 20 KB a tile ({zooms})',
  'offlineMap.zooms': 'zoom levels {min}–{max}',
  'offlineMap.tooMany':
    'About {n} tiles, above the limit of {limit} per download. Choose a lower zoom level.',
  'offlineMap.noGrids':
    'No grid with a boundary on this phone yet, so there is nothing to cover. Sync online and try again.',
  'offlineMap.offline': 'Offline: the download needs a network. Maps already downloaded still work.',
  'offlineMap.storage': 'This phone uses {used}, about {free} free',
  'offlineMap.storageAfter': 'After the download: {used} used, about {free} free',
  'offlineMap.start': 'Download',
  'offlineMap.progressLabel': 'Download progress',
  'offlineMap.progress': '{done} / {total} tiles ({percent}%)',
  'offlineMap.cancel': 'Cancel download',
  'offlineMap.close': 'Close',
  'offlineMap.done': 'Offline map saved: {n} tiles, shown with no network.',
  'offlineMap.failed': '{n} tiles failed, you can retry',
  'offlineMap.retry': 'Retry',
  'offlineMap.cancelled': 'Cancelled. The {n} tiles downloaded stay on the phone; you can continue.',
  'offlineMap.quota':
    'This phone is out of storage; the download stopped and the tiles saved stay. Free some space and retry.',
  'offlineMap.evictNote':
    'Offline maps can be downloaded again; when storage runs short map tiles go first, never your records.',
  'map.shade.overdue': 'Overdue items: the darker, the more',
  'map.shade.open': 'Open items, none overdue',
  'map.shade.clear': 'Nothing open',
  'map.shade.heat': 'Events in the period (counted per ~200 m square)',
  'map.shade.unwalked': 'Squares nobody patrolled this week',
};
