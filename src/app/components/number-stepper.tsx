import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { describedBy, FieldShell } from './field-shell';

interface NumberStepperProps {
  id: string;
  label: string;
  value: number;
  onValue: (value: number) => void;
  min: number;
  max: number;
  error?: MessageKey | undefined;
}

/** − [n] +: counting households with a thumb is easier than typing on a numeric keyboard. */
export function NumberStepper({ id, label, value, onValue, min, max, error }: NumberStepperProps) {
  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  return (
    <FieldShell id={id} label={label} error={error}>
      <div class="stepper">
        <button
          type="button"
          class="stepper__button"
          aria-label={t('stepper.decrease')}
          disabled={value <= min}
          onClick={() => onValue(clamp(value - 1))}
        >
          −
        </button>
        <input
          class="input stepper__input"
          id={id}
          name={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={Number.isFinite(value) ? value : ''}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            onValue(raw === '' ? Number.NaN : Math.trunc(Number(raw)));
          }}
          {...describedBy(id, error)}
        />
        <button
          type="button"
          class="stepper__button"
          aria-label={t('stepper.increase')}
          disabled={value >= max}
          onClick={() => onValue(clamp((Number.isFinite(value) ? value : 0) + 1))}
        >
          +
        </button>
      </div>
    </FieldShell>
  );
}
