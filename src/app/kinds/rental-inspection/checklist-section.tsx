import {
  CHECKLIST_SECTIONS,
  type PremisesFacts,
  SECTION_LETTERS,
  type ChecklistSection as SectionKey,
} from '../../../domain/checklist-catalogue';
import { CHECK_RESULTS } from '../../../domain/rental-inspection';
import type { StreetThresholds } from '../../../domain/street-thresholds';
import { ChoiceGroup } from '../../components/choice-group';
import { FieldError } from '../../components/field-shell';
import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import { FailedItem } from './failed-item';
import {
  type ChecklistAnswer,
  type CheckResult,
  emptyAnswer,
  ITEMS_BY_SECTION,
  type ItemCode,
} from './inspection-draft';
import '../../forms/rental-forms.css';

interface ChecklistSectionProps {
  answers: Partial<Record<ItemCode, ChecklistAnswer>>;
  premises: PremisesFacts;
  /** The thresholds in force in the record's street. */
  thresholds: StreetThresholds;
  /** Items whose hazard is already recorded (an edit): followed up on the detail screen instead. */
  recorded: ReadonlySet<ItemCode>;
  onAnswer: (code: ItemCode, answer: ChecklistAnswer) => void;
  onRestPass: () => void;
  error?: MessageKey | undefined;
}

/** The §1.3 checklist by section (A 电动自行车 … H 治安), each item 符合 / 不符合 / 不适用. */
/** Items whose requirement depends on the street's thresholds: the figure in force is shown. */
const RULE_ITEMS = new Set<ItemCode>(['GR01', 'GR02', 'FE01', 'FE03', 'PS01']);

export function ChecklistSection({
  answers,
  premises,
  thresholds,
  recorded,
  onAnswer,
  onRestPass,
  error,
}: ChecklistSectionProps) {
  const all = CHECKLIST_SECTIONS.flatMap((section) => ITEMS_BY_SECTION[section]);
  const done = all.filter((code) => answers[code]?.result).length;
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
        <span class="checklist__progress">{t('rental.checklistProgress', { done, total: all.length })}</span>
      </div>
      <FieldError id="checklist" error={error} />
      {CHECKLIST_SECTIONS.map((section) => {
        const codes = ITEMS_BY_SECTION[section];
        const answered = codes.filter((code) => answers[code]?.result).length;
        const failed = codes.filter((code) => answers[code]?.result === 'fail').length;
        const letter = (SECTION_LETTERS as Partial<Record<SectionKey, string>>)[section];
        return (
          <details key={section} class="checklist__section" open>
            <summary class="checklist__section-head">
              <span class="checklist__section-title">
                {letter ? `${letter} ` : ''}
                {label('checklistSection', section)}
              </span>
              <span class={failed > 0 ? 'checklist__section-count is-fail' : 'checklist__section-count'}>
                {failed > 0
                  ? t('inspection.sectionProgressFail', { done: answered, total: codes.length, n: failed })
                  : t('inspection.sectionProgress', { done: answered, total: codes.length })}
              </span>
            </summary>
            {codes.map((code) => {
              const answer = answers[code] ?? emptyAnswer();
              return (
                <div
                  key={code}
                  class={answer.result === 'fail' ? 'checklist__item is-fail' : 'checklist__item'}
                >
                  <ChoiceGroup
                    id={`checklist-${code}`}
                    legend={label('checklist', code)}
                    look="segments"
                    options={options}
                    value={answer.result}
                    onValue={(result) => onAnswer(code, { ...answer, result: result as CheckResult })}
                  />
                  {RULE_ITEMS.has(code) && (
                    <p class="field__hint checklist__rule">
                      {t(`checklistRule.${code}` as MessageKey, { ...thresholds })}
                    </p>
                  )}
                  {answer.result === 'fail' && (
                    <FailedItem
                      code={code}
                      answer={answer}
                      premises={premises}
                      thresholds={thresholds}
                      recorded={recorded.has(code)}
                      onAnswer={(next) => onAnswer(code, next)}
                    />
                  )}
                </div>
              );
            })}
          </details>
        );
      })}
      {done < all.length && (
        <button type="button" class="button button--secondary button--block" onClick={onRestPass}>
          {t('rental.restPass')}
        </button>
      )}
    </section>
  );
}
