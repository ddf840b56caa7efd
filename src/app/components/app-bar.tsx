import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import { SyncBadge } from './sync-badge';

interface AppBarProps {
  title: string;
  /** Where the back arrow goes; none on the home screen. */
  back?: string;
  /** A link or button beside the title (the home screen's 地图). */
  action?: ComponentChildren;
  children?: ComponentChildren;
}

/** Sticky top bar with the sync badge, so sync state is visible on every screen. */
export function AppBar({ title, back, action, children }: AppBarProps) {
  return (
    <header class="app-bar">
      <div class="app-bar__row">
        {back && (
          <a class="app-bar__back" href={back}>
            <span aria-hidden="true">‹</span>
            <span class="visually-hidden">{t('common.back')}</span>
          </a>
        )}
        <h1 class="app-bar__title">{title}</h1>
        {action}
        <SyncBadge />
      </div>
      {children}
    </header>
  );
}
