import type { MessageKey } from '../i18n/zh-cn';
import { describedBy, FieldShell } from './field-shell';

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly Option[];
  onValue: (value: string) => void;
  error?: MessageKey | undefined;
  required?: boolean;
  /** Shown as an empty first choice when nothing is picked yet. */
  placeholder?: string;
}

/** A native select: on Android it opens the system picker, which is large and thumb-friendly. */
export function SelectField({
  id,
  label,
  value,
  options,
  onValue,
  error,
  required,
  placeholder,
}: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} required={required ?? false} error={error}>
      <select
        class="input input--select"
        id={id}
        name={id}
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        {...describedBy(id, error)}
      >
        {(placeholder !== undefined || value === '') && <option value="">{placeholder ?? ''}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
