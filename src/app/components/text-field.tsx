import type { MessageKey } from '../i18n/zh-cn';
import { describedBy, FieldShell } from './field-shell';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: MessageKey | undefined;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  maxLength: number;
  /** Phones use text + inputMode tel: the dial pad without the browser's own tel handling. */
  type?: 'text' | 'date' | 'datetime-local';
  inputMode?: 'text' | 'tel' | 'numeric';
  autoComplete?: string;
  min?: string;
}

/** A single-line input with its label and error. `maxLength` is required: the schema caps every text. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, error, required, hint, maxLength, type = 'text' } = props;
  const controlProps = {
    class: 'input',
    id,
    name: id,
    value,
    maxLength,
    placeholder: props.placeholder,
    inputMode: props.inputMode,
    autoComplete: props.autoComplete ?? 'off',
    min: props.min,
    required,
    onInput: (e: { currentTarget: HTMLInputElement }) => onValue(e.currentTarget.value),
    ...describedBy(id, error, hint),
  };
  // Two branches because Preact types <input> as a union keyed on `type`: a date input allows a
  // `list` of suggestions and no `role`; text inputs the reverse. A union-typed `type` fits neither.
  return (
    <FieldShell id={id} label={label} required={required ?? false} hint={hint} error={error}>
      {type === 'date' || type === 'datetime-local' ? (
        <input type={type} {...controlProps} />
      ) : (
        <input type={type} {...controlProps} />
      )}
    </FieldShell>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: MessageKey | undefined;
  required?: boolean;
  hint?: string;
  maxLength: number;
  rows?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, value, onValue, error, required, hint, maxLength } = props;
  return (
    <FieldShell id={id} label={label} required={required ?? false} hint={hint} error={error}>
      <textarea
        class="input input--area"
        id={id}
        name={id}
        rows={props.rows ?? 4}
        value={value}
        maxLength={maxLength}
        required={required}
        onInput={(e) => onValue(e.currentTarget.value)}
        {...describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}
