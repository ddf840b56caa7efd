import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import './reveal-sheet.css';

interface BottomSheetProps {
  title: string;
  /** Extra class of the sheet, e.g. `step-sheet`. */
  class?: string;
  /** The element focused when the sheet opens (a CSS selector inside it). */
  focus: string;
  /** Cancel: a tap on the backdrop, Escape. */
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A modal sheet in the thumb zone (the reveal reasons, a workflow step): a backdrop that cancels,
 * a titled dialog that takes the focus and closes on Escape.
 */
export function BottomSheet({ title, class: extra, focus, onClose, children }: BottomSheetProps) {
  const id = useId();
  const sheet = useRef<HTMLDivElement>(null);

  useEffect(() => {
    sheet.current?.querySelector<HTMLElement>(focus)?.focus();
  }, [focus]);

  return (
    <div class="reveal-layer">
      <button
        type="button"
        class="reveal-backdrop"
        tabIndex={-1}
        aria-label={t('common.cancel')}
        onClick={onClose}
      />
      <div
        class={extra ? `reveal-sheet ${extra}` : 'reveal-sheet'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        ref={sheet}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2 class="reveal-sheet__title" id={`${id}-title`}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
