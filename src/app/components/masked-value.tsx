import { useState } from 'preact/hooks';
import type { RevealReason } from '../../domain/reveal';
import { queueReveal } from '../../sync/reveal-queue';
import { t } from '../i18n/i18n';
import { requestSync } from '../status/page-scheduler';
import { currentDb } from '../status/session';
import { RevealSheet } from './reveal-sheet';

interface MaskedValueProps {
  value: string;
  mask: (value: string) => string;
  /** Revealed phone numbers become tap-to-call links. */
  tel?: boolean;
  /** The record the value belongs to and its dotted path in it, for the audit entry. */
  recordId: string;
  field: string;
}

/**
 * A sensitive value, masked until the user taps 显示 and gives a reason (DOMAIN.md §6.2). The
 * audit entry is queued on the device before the value shows, and reaches the server with the
 * next sync; 隐藏 masks it again, and every new reveal asks again.
 */
export function MaskedValue({ value, mask, tel, recordId, field }: MaskedValueProps) {
  const [shown, setShown] = useState(false);
  const [asking, setAsking] = useState(false);

  const reveal = async (reason: RevealReason, note: string) => {
    const db = currentDb.value;
    if (!db) throw new Error('No device database: nobody is signed in');
    await queueReveal(
      db,
      { recordId, field, reason, ...(note ? { reasonNote: note } : {}) },
      { now: new Date(), online: navigator.onLine },
    );
    requestSync('save');
    setAsking(false);
    setShown(true);
  };

  return (
    <span class="masked" data-field={field}>
      {shown && tel ? <a href={`tel:${value}`}>{value}</a> : <span>{shown ? value : mask(value)}</span>}
      <button
        type="button"
        class="masked__toggle"
        aria-pressed={shown}
        aria-label={shown ? t('reveal.hideLabel') : t('reveal.showLabel')}
        onClick={() => (shown ? setShown(false) : setAsking(true))}
      >
        {shown ? t('common.hide') : t('common.show')}
      </button>
      {asking && <RevealSheet onConfirm={reveal} onCancel={() => setAsking(false)} />}
    </span>
  );
}
