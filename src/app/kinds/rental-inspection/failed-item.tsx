import {
  CHECKLIST_CATALOGUE,
  type ChecklistItem,
  type PremisesFacts,
} from '../../../domain/checklist-catalogue';

import { HAZARD_LEVELS, JOINT_UNITS } from '../../../domain/hazard-workflow';
import { HAZARD_HANDLINGS, RESPONSIBLE_PARTIES } from '../../../domain/rental-inspection';
import type { StreetThresholds } from '../../../domain/street-thresholds';
import { ChoiceGroup } from '../../components/choice-group';
import { PhotoField } from '../../components/photo-field';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { label, t } from '../../i18n/i18n';
import { todayLocalDate } from '../../lib/format-time';
import { type ChecklistAnswer, defaultDeadline, type ItemCode, suggestedLevel } from './inspection-draft';

interface FailedItemProps {
  code: ItemCode;
  answer: ChecklistAnswer;
  premises: PremisesFacts;
  thresholds: StreetThresholds;
  recorded: boolean;
  onAnswer: (answer: ChecklistAnswer) => void;
}

/**
 * A 不符合 item: what was seen (note, photo), the 初判 level with the catalogue's reason, and how the
 * hazard is handled now — 当场整改 (photo of the fix), 限期整改 (deadline) or 移交 (unit).
 */
export function FailedItem({ code, answer, premises, thresholds, recorded, onAnswer }: FailedItemProps) {
  const set = (patch: Partial<ChecklistAnswer>) => onAnswer({ ...answer, ...patch });
  const id = (field: string) => `checklist-${code}-${field}`;
  const suggestion = suggestedLevel(code, answer, premises, thresholds);
  const level = answer.level || suggestion.level;
  const itemName = label('checklist', code);
  return (
    <div class="failed-item">
      <TextField
        id={id('note')}
        label={`${itemName} · ${t('rental.note')}`}
        maxLength={500}
        value={answer.note}
        onValue={(note) => set({ note })}
      />
      <PhotoField
        id={id('photos')}
        label={`${itemName} · ${t('inspection.itemPhotos')}`}
        value={answer.photos}
        onValue={(photos) => set({ photos })}
      />
      {code === 'EB02' && (
        <label class="check-toggle">
          <input
            type="checkbox"
            checked={answer.blocksExit}
            onChange={(event) => set({ blocksExit: event.currentTarget.checked })}
          />
          <span>{t('inspection.blocksExit')}</span>
        </label>
      )}
      <ChoiceGroup
        id={id('level')}
        legend={`${itemName} · ${t('inspection.level')}`}
        look="segments"
        options={HAZARD_LEVELS.map((v) => ({ value: v, label: label('hazardLevel', v) }))}
        value={level}
        onValue={(value) =>
          set({ level: value === suggestion.level ? '' : (value as ChecklistAnswer['level']) })
        }
      />
      <p class={suggestion.level === 'major' ? 'level-hint is-major' : 'level-hint'}>
        {t(`inspection.levelBasis.${suggestion.basis}`, { level: label('hazardLevel', suggestion.level) })}
        {level === 'major' && t('inspection.majorReport')}
      </p>
      {recorded ? (
        <p class="notice">{t('inspection.hazardRecorded')}</p>
      ) : (
        <>
          <ChoiceGroup
            id={id('handling')}
            legend={`${itemName} · ${t('inspection.handling')}`}
            look="segments"
            required
            options={HAZARD_HANDLINGS.map((v) => ({ value: v, label: label('handling', v) }))}
            value={answer.handling}
            onValue={(handling) =>
              set({
                handling: handling as ChecklistAnswer['handling'],
                ...(handling === 'deadline' && !answer.deadline && { deadline: defaultDeadline(level) }),
                ...(handling === 'referred' &&
                  !answer.referredTo && {
                    referredTo: (CHECKLIST_CATALOGUE[code] as ChecklistItem).reportTo ?? 'lawEnforcement',
                  }),
              })
            }
          />
          {answer.handling === '' && <p class="level-hint is-major">{t('inspection.pickHandling')}</p>}
          {answer.handling === 'onSite' && (
            <div class="handling-box">
              <p class="field__hint">{t('inspection.fixPhotoHint')}</p>
              <PhotoField
                id={id('fix')}
                label={`${itemName} · ${t('inspection.fixPhotos')}`}
                value={answer.fixPhotos}
                onValue={(fixPhotos) => set({ fixPhotos })}
              />
              {answer.fixPhotos.length === 0 && (
                <p class="level-hint is-major">{t('inspection.fixPhotoMissing')}</p>
              )}
            </div>
          )}
          {answer.handling === 'deadline' && (
            <div class="handling-box">
              <TextField
                id={id('deadline')}
                type="date"
                label={`${itemName} · ${t('rental.deadline')}`}
                required
                maxLength={10}
                min={todayLocalDate()}
                value={answer.deadline}
                onValue={(deadline) => set({ deadline })}
              />
              <SelectField
                id={id('responsible')}
                label={t('inspection.responsibleParty')}
                value={answer.responsibleParty}
                placeholder={t('house.notAsked')}
                options={RESPONSIBLE_PARTIES.map((v) => ({ value: v, label: label('responsibleParty', v) }))}
                onValue={(responsibleParty) => set({ responsibleParty })}
              />
            </div>
          )}
          {answer.handling === 'referred' && (
            <div class="handling-box">
              <SelectField
                id={id('referredTo')}
                label={`${itemName} · ${t('inspection.referredTo')}`}
                required
                value={answer.referredTo}
                options={JOINT_UNITS.map((v) => ({ value: v, label: label('jointUnit', v) }))}
                onValue={(referredTo) => set({ referredTo })}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}
