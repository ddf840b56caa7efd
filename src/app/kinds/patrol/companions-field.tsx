import { uuidV7 } from '../../../sync/uuid-v7';
import { TextField } from '../../components/text-field';
import type { FieldErrors } from '../../forms/field-errors';
import { t } from '../../i18n/i18n';
import type { Companion } from './patrol-draft';

interface CompanionsFieldProps {
  value: Companion[];
  onValue: (value: Companion[]) => void;
  errors: FieldErrors;
}

/** 陪同人员 (e.g. 社区民警, 物业): a child list, each with its own id so edits merge item by item. */
export function CompanionsField({ value, onValue, errors }: CompanionsFieldProps) {
  const change = (index: number, patch: Partial<Companion>) =>
    onValue(value.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset class="field" id="accompaniedBy">
      <legend class="field__label">{t('patrolForm.companions')}</legend>
      {value.map((companion, index) => (
        <div class="companion" key={companion.id}>
          <TextField
            id={`accompaniedBy.${index}.name`}
            label={t('patrolForm.companionName')}
            maxLength={50}
            value={companion.name}
            onValue={(name) => change(index, { name })}
            error={errors[`accompaniedBy.${index}.name`]}
          />
          <TextField
            id={`accompaniedBy.${index}.duty`}
            label={t('patrolForm.companionDuty')}
            maxLength={50}
            value={companion.duty}
            onValue={(duty) => change(index, { duty })}
            error={errors[`accompaniedBy.${index}.duty`]}
          />
          <button
            type="button"
            class="button button--quiet"
            aria-label={t('patrolForm.removeCompanion')}
            onClick={() => onValue(value.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button button--secondary"
        onClick={() => onValue([...value, { id: uuidV7(), name: '', duty: '' }])}
      >
        {t('patrolForm.addCompanion')}
      </button>
    </fieldset>
  );
}
