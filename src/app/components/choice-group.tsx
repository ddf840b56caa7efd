import type { MessageKey } from '../i18n/zh-cn';
import { FieldError } from './field-shell';
import type { Option } from './select-field';

interface ChoiceGroupProps {
  id: string;
  legend: string;
  options: readonly Option[];
  error?: MessageKey | undefined;
  required?: boolean;
  /** `chips` wrap onto several lines; `segments` share one row (2–4 short options). */
  look: 'chips' | 'segments';
  /** Hides the legend visually (it still names the group for screen readers and tests). */
  quietLegend?: boolean;
}

type SingleProps = ChoiceGroupProps & { multiple?: false; value: string; onValue: (value: string) => void };
type MultiProps = ChoiceGroupProps & {
  multiple: true;
  value: readonly string[];
  onValue: (value: string[]) => void;
};

/**
 * Radio buttons (single) or checkboxes (multiple) drawn as big tappable chips: real inputs inside
 * real labels, so "不符合" is a radio named by its label and the group is named by its legend.
 */
export function ChoiceGroup(props: SingleProps | MultiProps) {
  const { id, legend, options, error, required, look } = props;
  const isChecked = (v: string) => (props.multiple ? props.value.includes(v) : props.value === v);
  const toggle = (v: string) => {
    if (props.multiple) {
      props.onValue(props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v]);
    } else {
      props.onValue(v);
    }
  };
  return (
    <fieldset
      class={`field choice choice--${look}${error ? ' field--invalid' : ''}`}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend class={props.quietLegend ? 'visually-hidden' : 'field__label'}>
        {legend}
        {required && <span class="field__required"> *</span>}
      </legend>
      <div class="choice__options">
        {options.map((o) => (
          <label key={o.value} class={isChecked(o.value) ? 'choice__option is-on' : 'choice__option'}>
            <input
              class="visually-hidden"
              type={props.multiple ? 'checkbox' : 'radio'}
              name={id}
              value={o.value}
              checked={isChecked(o.value)}
              onChange={() => toggle(o.value)}
              aria-invalid={error ? 'true' : undefined}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
