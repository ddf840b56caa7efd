/**
 * The 区域总览's charts (issue 13): the events' trend over the period next to the one before, and
 * what the counts are made of — events now by status, events reported by category, hazards found
 * by checklist item. All from the figures snapshot, so they show offline too.
 */

import type { FiguresSnapshot } from '../../sync/figures-client';
import { label, t } from '../i18n/i18n';
import { CountBars, countEntries } from './count-bars';
import { TrendChart } from './trend-chart';

export function OverviewCharts({ figures }: { figures: FiguresSnapshot }) {
  const { trend, period, current } = figures;
  const previous = t(`overview.previous.${period}`);
  return (
    <>
      {trend && (
        <section class="overview__section overview__section--trend" aria-labelledby="overview-trend">
          <h2 class="section-title" id="overview-trend">
            {t('overview.section.trend')}
          </h2>
          <p class="form-note">
            {t('overview.trendNote', { unit: t(`overview.unit.${trend.unit}`), previous })}
          </p>
          <TrendChart trend={trend} period={period} />
        </section>
      )}
      <section class="overview__section overview__section--breakdown" aria-labelledby="overview-breakdown">
        <h2 class="section-title" id="overview-breakdown">
          {t('overview.section.breakdown')}
        </h2>
        <div class="charts">
          <CountBars
            title={t('overview.byStatus')}
            entries={countEntries(current.events.byStatus, (key) => label('gridEventStatus', key))}
            colorToken="--c-event"
          />
          <CountBars
            title={t('overview.byCategory')}
            entries={countEntries(current.events.byCategory, (key) => label('eventCategory', key))}
            colorToken="--c-primary"
          />
          <CountBars
            title={t('overview.hazardsByItem')}
            entries={countEntries(current.rentals.hazardsByItem, (key) => label('checklist', key))}
            colorToken="--c-rental"
          />
        </div>
      </section>
    </>
  );
}
