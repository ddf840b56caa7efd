import type { SyncErrorInfo } from '../sync/local-db';
import { t } from './i18n/i18n';

export interface BadgeInput {
  expired: boolean;
  syncing: boolean;
  online: boolean;
  unsynced: number;
  /** The last finished pass failed with this (cleared by the next pass that succeeds). */
  lastError: SyncErrorInfo['kind'] | undefined;
  /** A pass has pushed and pulled in full at least once on this device. */
  everSynced: boolean;
}

export type BadgeTone = 'expired' | 'syncing' | 'offline' | 'pending' | 'failed' | 'ok';

/**
 * What the always-visible sync badge says. An expired sign-in wins (nothing uploads until the user
 * acts), then a pass in progress, then no network, then a failed last pass (同步失败 and what to
 * do), then the count of records still on the phone. 已全部同步 only after a pass that pushed and
 * pulled in full, and only while nothing failed since: the badge never says all is well while
 * no new record can arrive.
 */
export function badgeFor(input: BadgeInput): { tone: BadgeTone; text: string } {
  if (input.expired) return { tone: 'expired', text: t('badge.expired') };
  if (input.syncing) return { tone: 'syncing', text: t('badge.syncing') };
  if (!input.online) {
    const count = input.unsynced > 0 ? t('badge.pending', { n: input.unsynced }) : t('badge.nothingPending');
    return { tone: 'offline', text: `${t('badge.offline')} · ${count}` };
  }
  const failed = input.lastError && input.lastError !== 'offline' && input.lastError !== 'unauthorized';
  if (failed) {
    return {
      tone: 'failed',
      text: t(input.lastError === 'protocol' ? 'badge.failedUpdate' : 'badge.failedRetry'),
    };
  }
  if (input.unsynced > 0) {
    return { tone: 'pending', text: `${t('badge.online')} · ${t('badge.pending', { n: input.unsynced })}` };
  }
  if (!input.everSynced)
    return { tone: 'pending', text: `${t('badge.online')} · ${t('badge.notYetSynced')}` };
  return { tone: 'ok', text: `${t('badge.online')} · ${t('badge.allSynced')}` };
}
