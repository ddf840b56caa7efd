/**
 * Counts by kind as horizontal bars (事件现状 by status, 本期上报 by category, 本期隐患 by checklist
 * item): the Chinese labels stay whole on a 360 px phone, largest first. The canvas says every
 * count to screen readers; the table one tap away holds the same numbers.
 */
import { t } from '../i18n/i18n';
import { useChart } from './use-chart';

export interface CountEntry {
  key: string;
  label: string;
  count: number;
}

interface CountBarsProps {
  title: string;
  entries: readonly CountEntry[];
  /** A base.css colour token for the bars. */
  colorToken: string;
}

/** The entries with a count, largest first, ties by label. */
export function countEntries(counts: Record<string, number>, label: (key: string) => string): CountEntry[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
}

export function barsSummary(title: string, entries: readonly CountEntry[]): string {
  if (entries.length === 0) return t('overview.barsEmpty', { title });
  const items = entries.map((entry) => `${entry.label} ${entry.count}`).join('、');
  return t('overview.barsSummary', { title, items });
}

export function CountBars({ title, entries, colorToken }: CountBarsProps) {
  const canvas = useChart(JSON.stringify([title, entries]), ({ fontPx, color }) => ({
    type: 'bar',
    data: {
      labels: entries.map((entry) => entry.label),
      datasets: [
        {
          label: t('overview.count'),
          data: entries.map((entry) => entry.count),
          backgroundColor: color(colorToken, '#0b4f9c'),
          borderRadius: 3,
          maxBarThickness: fontPx * 2,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { beginAtZero: true, ticks: { font: { size: fontPx }, precision: 0 } },
        y: { ticks: { font: { size: fontPx }, autoSkip: false } },
      },
      plugins: { legend: { display: false }, tooltip: { bodyFont: { size: fontPx } } },
    },
  }));
  return (
    <figure class="chart">
      <figcaption class="chart__title">{title}</figcaption>
      {entries.length === 0 ? (
        <p class="form-note">{barsSummary(title, entries)}</p>
      ) : (
        <>
          {/* One bar row each: a height that grows with the rows keeps every label legible. */}
          <div class="chart__canvas" style={{ height: `calc(${entries.length} * var(--bar-row) + 40px)` }}>
            <canvas ref={canvas} role="img" aria-label={barsSummary(title, entries)} />
          </div>
          <details class="chart__data">
            <summary>{t('overview.chartData')}</summary>
            <table class="grid-table">
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.key}>
                    <th scope="row">{entry.label}</th>
                    <td>{entry.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
