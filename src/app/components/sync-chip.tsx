import type { SyncState } from '../../sync/local-db';
import { label } from '../i18n/i18n';

/** A record's sync state: colour AND text, so it reads in sunlight and for colour-blind users. */
export function SyncChip({ state }: { state: SyncState }) {
  return <span class={`chip chip--${state}`}>{label('syncState', state)}</span>;
}
