/**
 * 图例: the grids on the map (with this week's patrol coverage) and what the halos mean. Folded to
 * one small button by default: a street's list of grids would otherwise cover half a phone's map.
 */
import { useState } from 'preact/hooks';
import type { RecordAttention } from '../../domain/kinds/kind-definition';
import type { LocalGrid } from '../../sync/local-db';
import { t } from '../i18n/i18n';

/** The halos the legend explains, most urgent first. */
const ALERT_ORDER = ['overdue', 'riskRed', 'riskOrange', 'openHazard'] as const;

interface MapLegendProps {
  grids: readonly LocalGrid[];
  /** Each grid's share of cells walked this week, by grid id. */
  shareOf: ReadonlyMap<string, number | undefined>;
  /** The alerts of the records shown. */
  alerts: ReadonlySet<RecordAttention>;
  /** The supervisor's map (area-map.tsx): grids shaded by overdue and open, heat, unwalked squares. */
  shading?: boolean;
}

/** The shading the supervisor's map draws, in the order the eye meets it. */
const SHADES = ['overdue', 'open', 'clear', 'heat', 'unwalked'] as const;

export function MapLegend({ grids, shareOf, alerts, shading }: MapLegendProps) {
  const [open, setOpen] = useState(false);
  return (
    <div class={open ? 'map-legend is-open' : 'map-legend'}>
      <button
        type="button"
        class="map-legend__toggle"
        aria-expanded={open}
        aria-controls="map-legend-list"
        onClick={() => setOpen(!open)}
      >
        {t('map.legend', { n: grids.length })}
        <span class="map-legend__chevron" aria-hidden="true" />
      </button>
      <ul id="map-legend-list" class="map-legend__list" aria-label={t('map.grids')} hidden={!open}>
        {/* On the supervisor's map the colours come first: what the shading means before which grid is which. */}
        {shading &&
          SHADES.map((shade) => (
            <li key={shade}>
              <span class={`map-legend__shade map-legend__shade--${shade}`} aria-hidden="true" />
              {t(`map.shade.${shade}`)}
            </li>
          ))}
        {grids.map((grid) => (
          <li key={grid.id}>
            <span class="map-legend__swatch" aria-hidden="true" />
            {grid.communityName} {grid.name}
            {shareOf.get(grid.id) !== undefined && (
              <span class="map-legend__coverage">
                {t('map.coverage', { pct: Math.round((shareOf.get(grid.id) ?? 0) * 100) })}
              </span>
            )}
          </li>
        ))}
        {!shading && (
          <li>
            <span class="map-legend__cluster" aria-hidden="true">
              3
            </span>
            {t('map.legendCluster')}
          </li>
        )}
        {ALERT_ORDER.filter((alert) => alerts.has(alert)).map((alert) => (
          <li key={alert}>
            <span class={`map-legend__halo map-legend__halo--${alert}`} aria-hidden="true" />
            {t(`map.alert.${alert}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
