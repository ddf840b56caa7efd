import { useState } from 'preact/hooks';
import { ASKED_REVEAL_REASONS, MAX_REVEAL_NOTE_CHARS, type RevealReason } from '../../domain/reveal';
import { label, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { BottomSheet } from './bottom-sheet';

interface RevealSheetProps {
  /** Queues the audit entry; the sheet stays open with an error if it throws. */
  onConfirm: (reason: RevealReason, note: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * The bottom sheet behind every 显示 of a masked value (DOMAIN.md §6.2): a notice that the view is
 * recorded, big reason buttons in the thumb zone, and a required note for 其他.
 */
export function RevealSheet({ onConfirm, onCancel }: RevealSheetProps) {
  const [reason, setReason] = useState<RevealReason | undefined>(undefined);
  const [note, setNote] = useState('');
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!reason) return;
    if (reason === 'other' && note.trim() === '') {
      setError('reveal.noteRequired');
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason, reason === 'other' ? note.trim() : '');
    } catch {
      setError('reveal.failed');
      setBusy(false);
    }
  };

  return (
    <BottomSheet title={t('reveal.title')} focus=".reveal-sheet__reason" onClose={onCancel}>
      <p class="reveal-sheet__notice">{t('reveal.notice')}</p>
      <fieldset class="reveal-sheet__reasons">
        <legend class="field__label">{t('reveal.reasonLegend')}</legend>
        {ASKED_REVEAL_REASONS.map((value) => (
          <button
            key={value}
            type="button"
            class="reveal-sheet__reason"
            aria-pressed={reason === value}
            onClick={() => {
              setReason(value);
              setError(undefined);
            }}
          >
            {label('revealReason', value)}
          </button>
        ))}
      </fieldset>
      {reason === 'other' && (
        <label class="field reveal-sheet__note">
          <span class="field__label">
            {t('reveal.note')}
            <span class="field__required"> *</span>
          </span>
          <textarea
            class="input"
            rows={2}
            required
            maxLength={MAX_REVEAL_NOTE_CHARS}
            placeholder={t('reveal.notePlaceholder')}
            value={note}
            onInput={(event) => {
              setNote(event.currentTarget.value);
              setError(undefined);
            }}
          />
        </label>
      )}
      {error && (
        <p class="field__error" role="alert">
          {t(error)}
        </p>
      )}
      <div class="action-bar__row">
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          class="button button--primary"
          disabled={!reason || busy}
          onClick={() => void confirm()}
        >
          {t('reveal.confirm')}
        </button>
      </div>
    </BottomSheet>
  );
}
