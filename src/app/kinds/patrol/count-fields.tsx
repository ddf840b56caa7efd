import {
  ANTI_FRAUD_FIGURES,
  type AntiFraud,
  FINDING_CATEGORIES,
  type Findings,
  findingsTotal,
} from '../../../domain/patrol';
import { NumberStepper } from '../../components/number-stepper';
import type { FieldErrors } from '../../forms/field-errors';
import { label, t } from '../../i18n/i18n';

const MAX_COUNT = 10_000;

interface FindingsProps {
  value: Findings;
  onValue: (value: Findings) => void;
  errors: FieldErrors;
}

/** 发现问题 by category, one stepper each, with the total the log reports. */
export function FindingsFields({ value, onValue, errors }: FindingsProps) {
  return (
    <fieldset class="field count-group" id="findings">
      <legend class="field__label">
        {t('patrolForm.findings')} ·{' '}
        <span class="findings-total">{t('patrolForm.findingsTotal', { n: findingsTotal(value) })}</span>
      </legend>
      {FINDING_CATEGORIES.map((category) => (
        <NumberStepper
          key={category}
          id={`findings.${category}`}
          label={label('finding', category)}
          min={0}
          max={MAX_COUNT}
          value={value[category]}
          onValue={(n) => onValue({ ...value, [category]: n })}
          error={errors[`findings.${category}`]}
        />
      ))}
    </fieldset>
  );
}

interface HandlingProps {
  total: number;
  selfResolved: number;
  reported: number;
  onSelfResolved: (n: number) => void;
  onReported: (n: number) => void;
  errors: FieldErrors;
}

/** 当场自行解决 and 上报, with the hint that together they should not exceed what was found. */
export function HandlingFields({
  total,
  selfResolved,
  reported,
  onSelfResolved,
  onReported,
  errors,
}: HandlingProps) {
  const sum = (Number.isFinite(selfResolved) ? selfResolved : 0) + (Number.isFinite(reported) ? reported : 0);
  const over = sum > total;
  return (
    <fieldset class="field count-group" id="handling">
      <legend class="field__label">{t('patrolForm.handling')}</legend>
      <NumberStepper
        id="selfResolvedCount"
        label={t('patrolForm.selfResolved')}
        min={0}
        max={MAX_COUNT}
        value={selfResolved}
        onValue={onSelfResolved}
        error={errors.selfResolvedCount}
      />
      <NumberStepper
        id="reportedCount"
        label={t('patrolForm.reported')}
        min={0}
        max={MAX_COUNT}
        value={reported}
        onValue={onReported}
        error={errors.reportedCount}
      />
      <p class={over ? 'field__hint is-warning' : 'field__hint'} aria-live="polite">
        {over
          ? t('patrolForm.handledOver', { a: selfResolved, b: reported, sum, n: total })
          : t('patrolForm.handledHint', { n: total })}
      </p>
    </fieldset>
  );
}

interface AntiFraudProps {
  value: AntiFraud;
  onValue: (value: AntiFraud) => void;
  errors: FieldErrors;
}

/** 反诈宣传 figures ([S49]–[S51]); shown only for a patrol that includes 反诈宣传. */
export function AntiFraudFields({ value, onValue, errors }: AntiFraudProps) {
  return (
    <fieldset class="field count-group" id="antiFraud">
      <legend class="field__label">{t('patrolForm.antiFraud')}</legend>
      {ANTI_FRAUD_FIGURES.map((figure) => (
        <NumberStepper
          key={figure}
          id={`antiFraud.${figure}`}
          label={label('antiFraud', figure)}
          min={0}
          max={MAX_COUNT}
          value={value[figure]}
          onValue={(n) => onValue({ ...value, [figure]: n })}
          error={errors[`antiFraud.${figure}`]}
        />
      ))}
    </fieldset>
  );
}
