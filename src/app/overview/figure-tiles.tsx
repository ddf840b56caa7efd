/**
 * The 区域总览's figure tiles: each figure of area-figures.ts with its change from the period
 * before and its definition one tap away, section by section.
 */
import type { AreaFigures, FigurePeriod } from '../../domain/area-figures';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';

/** A figure: a count, a share (0–1, null when there is nothing to divide) or hours. */
export interface Figure {
  key: string;
  value: (f: AreaFigures) => number | null;
  format: 'count' | 'share' | 'hours';
  /** Counts of what stands now (open, overdue…) have no previous period to compare with. */
  standing?: true;
  /** Red when above zero. */
  alarm?: true;
}

/** The tiles, by section of the screen. */
export const SECTIONS: readonly { key: 'events' | 'disputes' | 'rentals' | 'patrols'; figures: Figure[] }[] =
  [
    {
      key: 'events',
      figures: [
        { key: 'events.reported', value: (f) => f.events.reported, format: 'count' },
        { key: 'events.closed', value: (f) => f.events.closed, format: 'count' },
        { key: 'events.open', value: (f) => f.events.open, format: 'count', standing: true },
        {
          key: 'events.overdue',
          value: (f) => f.events.overdue,
          format: 'count',
          standing: true,
          alarm: true,
        },
        { key: 'events.onTimeRate', value: (f) => f.events.onTimeRate, format: 'share' },
        { key: 'events.selfResolvedRate', value: (f) => f.events.selfResolvedRate, format: 'share' },
      ],
    },
    {
      key: 'disputes',
      figures: [
        { key: 'disputes.registered', value: (f) => f.disputes.registered, format: 'count' },
        { key: 'disputes.accepted', value: (f) => f.disputes.accepted, format: 'count' },
        { key: 'disputes.resolvedRate', value: (f) => f.disputes.resolvedRate, format: 'share' },
        {
          key: 'disputes.overdue',
          value: (f) => f.disputes.overdue,
          format: 'count',
          standing: true,
          alarm: true,
        },
        { key: 'disputes.followUpRate', value: (f) => f.disputes.followUpRate, format: 'share' },
      ],
    },
    {
      key: 'rentals',
      figures: [
        { key: 'rentals.inspected', value: (f) => f.rentals.inspected, format: 'count' },
        { key: 'rentals.coverage', value: (f) => f.rentals.coverage, format: 'share' },
        { key: 'rentals.fixedOnSiteRate', value: (f) => f.rentals.fixedOnSiteRate, format: 'share' },
        { key: 'rentals.rectifying', value: (f) => f.rentals.rectifying, format: 'count', standing: true },
        {
          key: 'rentals.awaitingRecheck',
          value: (f) => f.rentals.awaitingRecheck,
          format: 'count',
          standing: true,
        },
        {
          key: 'rentals.overdue',
          value: (f) => f.rentals.overdue,
          format: 'count',
          standing: true,
          alarm: true,
        },
      ],
    },
    {
      key: 'patrols',
      figures: [
        { key: 'patrols.patrols', value: (f) => f.patrols.patrols, format: 'count' },
        { key: 'patrols.minutes', value: (f) => f.patrols.minutes, format: 'hours' },
        { key: 'patrols.gridCoverage', value: (f) => f.patrols.gridCoverage, format: 'share' },
        { key: 'patrols.householdsReached', value: (f) => f.patrols.householdsReached, format: 'count' },
        { key: 'patrols.appInstalled', value: (f) => f.patrols.appInstalled, format: 'count' },
      ],
    },
  ];

/** A figure as shown: 12, 83%, 4.5 小时, or 无 for a rate of nothing. */
export function formatted(value: number | null, format: Figure['format']): string {
  if (value === null) return t('overview.noRate');
  if (format === 'share') return `${Math.round(value * 100)}%`;
  if (format === 'hours') return t('figure.hours', { n: Math.round(value / 6) / 10 });
  return String(value);
}

/** 较上周 +3 / −5% / 持平; '' when there is nothing to compare. */
function change(figure: Figure, now: AreaFigures, before: AreaFigures, period: FigurePeriod): string {
  if (figure.standing) return '';
  const a = figure.value(now);
  const b = figure.value(before);
  if (a === null || b === null) return '';
  const delta =
    figure.format === 'share'
      ? Math.round((a - b) * 100)
      : figure.format === 'hours'
        ? Math.round((a - b) / 6) / 10
        : a - b;
  const size = Math.abs(delta);
  const amount =
    figure.format === 'share'
      ? `${size}%`
      : figure.format === 'hours'
        ? t('figure.hours', { n: size })
        : String(size);
  const text = delta === 0 ? t('overview.noChange') : `${delta > 0 ? '+' : '−'}${amount}`;
  return `${t(`overview.vsPrevious.${period}` as MessageKey)} ${text}`;
}

export function FigureTile({
  figure,
  now,
  before,
  period,
}: {
  figure: Figure;
  now: AreaFigures;
  before: AreaFigures;
  period: FigurePeriod;
}) {
  const value = figure.value(now);
  const alarm = figure.alarm === true && (value ?? 0) > 0;
  const delta = change(figure, now, before, period);
  return (
    <details class={alarm ? 'tile tile--alarm' : 'tile'}>
      <summary>
        <span class="tile__label">{t(`figure.${figure.key}` as MessageKey)}</span>
        <span class="tile__value">{formatted(value, figure.format)}</span>
        {delta && <span class="tile__change">{delta}</span>}
      </summary>
      <p class="tile__definition">{t(`figure.${figure.key}.def` as MessageKey)}</p>
    </details>
  );
}

/** 红/橙/黄: the unresolved disputes by risk, now. */
export function RiskTile({ figures }: { figures: AreaFigures }) {
  const { red, orange, yellow } = figures.disputes.risk;
  return (
    <details class={red > 0 ? 'tile tile--alarm' : 'tile'}>
      <summary>
        <span class="tile__label">{t('figure.disputes.risk')}</span>
        <span class="tile__value">
          <span class="risk-count risk-count--red">{red}</span>/
          <span class="risk-count risk-count--orange">{orange}</span>/
          <span class="risk-count risk-count--yellow">{yellow}</span>
        </span>
      </summary>
      <p class="tile__definition">{t('figure.disputes.risk.def')}</p>
    </details>
  );
}
