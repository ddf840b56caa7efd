/**
 * 事件趋势: events reported and closed per day of the period (per hour of a day), with the period
 * before as faint dashed lines, over the whole period so this week's line stops at today. The
 * canvas says its totals to screen readers; the numbers are in a table one tap away.
 */
import type { FigurePeriod } from '../../domain/area-figures';
import { localDayOf } from '../../domain/due-dates';
import type { EventTrend } from '../../domain/event-trend';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { useChart } from './use-chart';

/** How many buckets the whole period has: 24 hours, 7 days, or the month's days. */
function periodLength(trend: EventTrend, period: FigurePeriod): number {
  if (trend.unit === 'hour') return 24;
  if (period === 'week') return 7;
  const [year, month] = localDayOf(new Date(trend.from)).split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, month ?? 1, 0)).getUTCDate();
}

function bucketLabel(index: number, trend: EventTrend, period: FigurePeriod): string {
  if (trend.unit === 'hour') return t('overview.hourLabel', { n: index });
  if (period === 'week') return t(`overview.weekday.${index}` as MessageKey);
  return t('overview.dayOfMonth', { n: index + 1 });
}

const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);

/** The totals the chart shows, in words: its aria-label. */
export function trendSummary(trend: EventTrend, period: FigurePeriod): string {
  return t('overview.trendSummary', {
    current: t(`overview.period.${period}`),
    previous: t(`overview.previous.${period}`),
    reported: total(trend.current.reported),
    closed: total(trend.current.closed),
    previousReported: total(trend.previous.reported),
    previousClosed: total(trend.previous.closed),
  });
}

export function TrendChart({ trend, period }: { trend: EventTrend; period: FigurePeriod }) {
  const length = periodLength(trend, period);
  const labels = Array.from({ length }, (_, i) => bucketLabel(i, trend, period));
  const previous = t(`overview.previous.${period}`);
  const canvas = useChart(JSON.stringify([trend, period]), ({ fontPx, color }) => {
    const reported = color('--c-primary', '#0b4f9c');
    const closed = color('--c-ok', '#17663a');
    const line = (label: string, data: number[], colour: string, faint: boolean) => ({
      label,
      data,
      borderColor: faint ? `${colour}66` : colour,
      backgroundColor: faint ? `${colour}66` : colour,
      borderWidth: faint ? 2 : 3,
      borderDash: faint ? [6, 4] : [],
      pointRadius: faint ? 0 : fontPx / 4,
      // Monotone: a smoothed line never dips below 0 or overshoots a day's count.
      cubicInterpolationMode: 'monotone' as const,
    });
    return {
      type: 'line',
      data: {
        labels,
        datasets: [
          line(t('overview.trendReported'), trend.current.reported, reported, false),
          line(t('overview.trendClosed'), trend.current.closed, closed, false),
          line(
            t('overview.trendPreviousReported', { previous }),
            trend.previous.reported.slice(0, length),
            reported,
            true,
          ),
          line(
            t('overview.trendPreviousClosed', { previous }),
            trend.previous.closed.slice(0, length),
            closed,
            true,
          ),
        ],
      },
      options: {
        // Drawn once, at once: no animation for a cheap phone to run or a wall to flicker with.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        font: { size: fontPx },
        scales: {
          x: { ticks: { font: { size: fontPx }, autoSkip: true, maxRotation: 0 } },
          y: { beginAtZero: true, ticks: { font: { size: fontPx }, precision: 0 } },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { font: { size: fontPx }, boxWidth: fontPx * 2, boxHeight: 2 },
          },
          tooltip: { titleFont: { size: fontPx }, bodyFont: { size: fontPx } },
        },
      },
    };
  });
  return (
    <figure class="chart">
      <div class="chart__canvas chart__canvas--trend">
        <canvas ref={canvas} role="img" aria-label={trendSummary(trend, period)} />
      </div>
      <details class="chart__data">
        <summary>{t('overview.chartData')}</summary>
        <div class="table-scroll">
          <table class="grid-table">
            <thead>
              <tr>
                <th scope="col">{t('overview.trendTime')}</th>
                <th scope="col">{t('overview.trendReported')}</th>
                <th scope="col">{t('overview.trendClosed')}</th>
                <th scope="col">{t('overview.trendPreviousReported', { previous })}</th>
                <th scope="col">{t('overview.trendPreviousClosed', { previous })}</th>
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{trend.current.reported[i] ?? ''}</td>
                  <td>{trend.current.closed[i] ?? ''}</td>
                  <td>{trend.previous.reported[i] ?? ''}</td>
                  <td>{trend.previous.closed[i] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
