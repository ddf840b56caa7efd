import { ChoiceGroup } from '../components/choice-group';
import { FieldError } from '../components/field-shell';
import { PhotoField } from '../components/photo-field';
import { SelectField } from '../components/select-field';
import { TextAreaField, TextField } from '../components/text-field';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { asChoices, asPhotos, type StepField as Spec, type StepValue } from './step-spec';

interface StepFieldProps {
  spec: Spec;
  value: StepValue | undefined;
  onValue: (value: StepValue) => void;
  error?: MessageKey | undefined;
}

/** One field of a workflow step's sheet, drawn with the form components the record forms use. */
export function StepField({ spec, value, onValue, error }: StepFieldProps) {
  const id = `step-${spec.key}`;
  const name = t(spec.label);
  const str = typeof value === 'string' ? value : '';
  const common = { id, label: name, value: str, onValue, error, required: spec.required ?? false };
  const hint = spec.hint === undefined ? {} : { hint: spec.hint };
  switch (spec.kind) {
    case 'text':
      return <TextField {...common} {...hint} maxLength={spec.maxLength ?? 200} />;
    case 'number':
      return <TextField {...common} {...hint} inputMode="numeric" maxLength={12} />;
    case 'area':
      return <TextAreaField {...common} {...hint} rows={3} maxLength={spec.maxLength ?? 2000} />;
    case 'datetime':
      return <TextField {...common} {...hint} type="datetime-local" maxLength={16} />;
    case 'date':
      return (
        <TextField {...common} {...hint} type="date" maxLength={10} {...(spec.min && { min: spec.min })} />
      );
    case 'select':
      return (
        <SelectField
          {...common}
          options={spec.options ?? []}
          placeholder={spec.placeholder ? t(spec.placeholder) : ''}
        />
      );
    case 'photos':
      return (
        <div class={error ? 'field field--invalid' : 'field'}>
          <PhotoField id={id} label={name} value={asPhotos(value)} onValue={onValue} />
          <FieldError id={id} error={error} />
        </div>
      );
    case 'one':
      return (
        <>
          <ChoiceGroup
            id={id}
            legend={name}
            look="chips"
            required={spec.required ?? false}
            options={spec.options ?? []}
            value={str}
            onValue={onValue}
            error={error}
          />
          {spec.hint && <p class="field__hint step-hint">{spec.hint}</p>}
        </>
      );
    case 'many':
      return (
        <ChoiceGroup
          id={id}
          legend={name}
          look="chips"
          multiple
          required={spec.required ?? false}
          options={spec.options ?? []}
          value={asChoices(value)}
          onValue={onValue}
          error={error}
        />
      );
    case 'check':
      return (
        <div class={error ? 'field field--invalid' : 'field'}>
          <label class="check-row">
            <input
              type="checkbox"
              id={id}
              checked={value === true}
              onChange={(e) => onValue(e.currentTarget.checked)}
              aria-invalid={error ? 'true' : undefined}
            />
            <span>
              {name}
              {spec.required && <span class="field__required"> *</span>}
            </span>
          </label>
          {spec.hint && <p class="field__hint">{spec.hint}</p>}
          <FieldError id={id} error={error} />
        </div>
      );
  }
}
