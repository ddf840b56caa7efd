/**
 * Six dots and a 3 × 4 keypad at the bottom of the screen, where one thumb reaches on a 360 px
 * phone; keys are 64 px tall. Digits typed on a hardware keyboard work too. Calls `onComplete`
 * with the six digits and starts over.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { PIN_LENGTH } from '../../sync/lock/pin-rules';
import { t } from '../i18n/i18n';
import './lock-messages';

export interface PinPadProps {
  onComplete: (pin: string) => void;
  disabled?: boolean;
}

const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
];

export function PinPad({ onComplete, disabled = false }: PinPadProps) {
  const [pin, setPin] = useState('');
  const latest = useRef({ pin, disabled, onComplete });
  latest.current = { pin, disabled, onComplete };

  const press = (digit: string) => {
    const { pin: now, disabled: off } = latest.current;
    if (off || now.length >= PIN_LENGTH) return;
    const next = now + digit;
    if (next.length < PIN_LENGTH) {
      setPin(next);
      return;
    }
    setPin('');
    latest.current.onComplete(next);
  };
  const erase = () => {
    if (!latest.current.disabled) setPin((now) => now.slice(0, -1));
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^\d$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') erase();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="pin-pad">
      <div class="pin-pad__dots" role="status" aria-label={t('lock.entered', { count: pin.length })}>
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span key={i} class={`pin-pad__dot${i < pin.length ? ' pin-pad__dot--on' : ''}`} />
        ))}
      </div>
      <div class="pin-pad__keys">
        {DIGIT_ROWS.flat().map((digit) => (
          <button
            key={digit}
            type="button"
            class="pin-pad__key"
            disabled={disabled}
            onClick={() => press(digit)}
          >
            {digit}
          </button>
        ))}
        <div class="pin-pad__slot" />
        <button type="button" class="pin-pad__key" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          class="pin-pad__key pin-pad__key--quiet"
          disabled={disabled || pin.length === 0}
          aria-label={t('lock.delete')}
          onClick={erase}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
