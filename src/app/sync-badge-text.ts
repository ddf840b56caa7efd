import { t } from './i18n/i18n';

export interface BadgeInput {
  expired: boolean;
  syncing: boolean;
  online: boolean;
  unsynced: number;
}

export type BadgeTone = 'expired' | 'syncing' | 'offline' | 'pending' | 'ok';

/**
 * What the always-visible sync badge says. An expired sign-in wins (nothing uploads until the user
 * acts), then a pass in progress, then network state with the count of records still on the phone.
 */
export function badgeFor(input: BadgeInput): { tone: BadgeTone; text: string } {
  if (input.expired) return { tone: 'expired', text: t('badge.expired') };
  if (input.syncing) return { tone: 'syncing', text: t('badge.syncing') };
  const network = input.online ? t('badge.online') : t('badge.offline');
  const count = input.unsynced > 0 ? t('badge.pending', { n: input.unsynced }) : t('badge.allSynced');
  const tone: BadgeTone = !input.online ? 'offline' : input.unsynced > 0 ? 'pending' : 'ok';
  return { tone, text: `${network} · ${count}` };
}
