import { CHECK_RESULTS, type CHECKLIST_ITEM_CODES } from '../../domain/rental-inspection';
import { ChoiceGroup } from '../components/choice-group';
import { FieldError } from '../components/field-shell';
import { TextField } from '../components/text-field';
import { label, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';

export type ItemCode = (typeof CHECKLIST_ITEM_CODES)[number];
export type CheckResult = (typeof CHECK_RESULTS)[number];
export interface ChecklistAnswer {
  result: CheckResult | '';
  note: string;
}

/**
 * The short checklist shown on a new inspection: the items of DOMAIN.md §1.3 that cause most
 * deaths in rental fires (e-bikes indoors, flying-lead charging, gas bottles, partitions, blocked
 * exits) plus wiring and extinguishers. The full catalogue comes with the field-work issue.
 * Labels state the requirement ("疏散通道畅通"), not the hazard, so 符合 reads as "safe".
 */
export const COMMON_ITEMS: readonly ItemCode[] = [
  'EB01',
  'EB03',
  'EB04',
  'EL01',
  'GS01',
  'GR04',
  'FE01',
  'EV01',
];

interface ChecklistSectionProps {
  items: readonly ItemCode[];
  answers: Partial<Record<ItemCode, ChecklistAnswer>>;
  onAnswer: (code: ItemCode, answer: ChecklistAnswer) => void;
  onRestPass: () => void;
  error?: MessageKey | undefined;
}

/** One row per item: 符合 / 不符合 / 不适用, and a note field once an item fails. */
export function ChecklistSection({ items, answers, onAnswer, onRestPass, error }: ChecklistSectionProps) {
  const done = items.filter((code) => answers[code]?.result).length;
  const options = CHECK_RESULTS.map((r) => ({ value: r, label: label('checkResult', r) }));
  return (
    <section
      class={error ? 'checklist field--invalid' : 'checklist'}
      id="checklist"
      aria-labelledby="checklist-title"
    >
      <div class="checklist__head">
        <h2 class="section-title" id="checklist-title">
          {t('rental.checklist')} <span class="field__required">*</span>
        </h2>
        <span class="checklist__progress">
          {t('rental.checklistProgress', { done, total: items.length })}
        </span>
      </div>
      <FieldError id="checklist" error={error} />
      {items.map((code) => {
        const answer = answers[code] ?? { result: '', note: '' };
        return (
          <div key={code} class={answer.result === 'fail' ? 'checklist__item is-fail' : 'checklist__item'}>
            <ChoiceGroup
              id={`checklist-${code}`}
              legend={label('checklist', code)}
              look="segments"
              options={options}
              value={answer.result}
              onValue={(result) => onAnswer(code, { ...answer, result: result as CheckResult })}
            />
            {(answer.result === 'fail' || answer.note) && (
              <TextField
                id={`checklist-${code}-note`}
                label={`${label('checklist', code)} · ${t('rental.note')}`}
                maxLength={500}
                value={answer.note}
                onValue={(note) => onAnswer(code, { ...answer, note })}
              />
            )}
          </div>
        );
      })}
      {done < items.length && (
        <button type="button" class="button button--secondary button--block" onClick={onRestPass}>
          {t('rental.restPass')}
        </button>
      )}
    </section>
  );
}
