import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';

interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  error?: MessageKey | undefined;
  children: ComponentChildren;
}

/** A label, the control, an optional hint and the field's error right under it. */
export function FieldShell({ id, label, required, hint, error, children }: FieldShellProps) {
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label class="field__label" for={id}>
        {label}
        {required && <span class="field__required"> *</span>}
      </label>
      {children}
      {hint && !error && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error line a control points at with aria-describedby. */
export function FieldError({ id, error }: { id: string; error?: MessageKey | undefined }) {
  if (!error) return null;
  return (
    <p class="field__error" id={`${id}-error`} role="alert">
      {t(error)}
    </p>
  );
}

/** aria props for a control inside a FieldShell. */
export function describedBy(id: string, error: MessageKey | undefined, hint?: string) {
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}
