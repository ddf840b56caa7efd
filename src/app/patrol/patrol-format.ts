import { t } from '../i18n/i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** 巡查中 clock: `mm:ss` under an hour, `h:mm:ss` after, so the banner visibly ticks. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Kilometres with one decimal (`1.2 km`); two under a kilometre so the first steps show. */
export function formatKm(metres: number): string {
  const km = metres / 1000;
  return t('patrolRun.km', { km: km < 1 ? km.toFixed(2) : km.toFixed(1) });
}

/** A patrol's length for the log: `1 小时 5 分` / `42 分钟`. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h > 0 ? t('duration.hm', { h, m: minutes % 60 }) : t('duration.m', { m: minutes });
}
