/**
 * What each hazard follow-up step asks for, as data (workflow/step-spec.ts): 当场整改 with its
 * photo, 限期整改 with the day, 移交 to a unit, 复查 with its result, 部门反馈; 报告已整改 and 销号 need
 * nothing more and happen on one tap. The generic step sheet renders them; hazard-actions.ts decides.
 */
import type { HazardAction } from '../../../domain/hazard-actions';
import { applyHazardActionToInspection } from '../../../domain/hazard-actions';
import { type HazardEventType, JOINT_UNITS, type JointUnit } from '../../../domain/hazard-workflow';
import type { RentalInspectionRecord } from '../../../domain/record-envelope';
import { type Hazard, RESPONSIBLE_PARTIES } from '../../../domain/rental-inspection';
import type { PhotoItem } from '../../components/photo-field';
import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import { todayLocalDate } from '../../lib/format-time';
import { currentDb } from '../../status/session';
import { saveStep } from '../../workflow/save-step';
import { photosOf, type StepSpec, type StepValues, textOf } from '../../workflow/step-spec';
import { handOverHazards } from '../grid-event/hand-over';

/** What a hazard step reads to fill in defaults and build its action. */
export interface HazardStepContext {
  hazard: Hazard;
  user: { name: string };
  newId: () => string;
}

const options = (group: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: label(group, value) }));
const photoIds = (v: StepValues, key: string) => photosOf(v, key).map((photo) => photo.sha256);

export const HAZARD_STEP_SPECS: Record<HazardEventType, StepSpec<HazardStepContext, HazardAction>> = {
  fixOnSite: {
    fields: () => [{ key: 'photos', label: 'inspection.fixPhotos', kind: 'photos', required: true }],
    initial: () => ({ photos: [] }),
    toAction: (v) => ({ type: 'fixOnSite', photoIds: photoIds(v, 'photos') }),
  },
  setDeadline: {
    fields: () => [
      { key: 'deadline', label: 'hazard.newDeadline', kind: 'date', required: true, min: todayLocalDate() },
      {
        key: 'responsibleParty',
        label: 'inspection.responsibleParty',
        kind: 'select',
        placeholder: 'house.notAsked',
        options: options('responsibleParty', RESPONSIBLE_PARTIES),
      },
    ],
    initial: (c) => ({ deadline: '', responsibleParty: c.hazard.responsibleParty ?? '' }),
    toAction: (v) => {
      const party = RESPONSIBLE_PARTIES.find((p) => p === textOf(v, 'responsibleParty'));
      return {
        type: 'setDeadline',
        deadline: textOf(v, 'deadline'),
        ...(party && { responsibleParty: party }),
      };
    },
  },
  refer: {
    fields: () => [
      {
        key: 'referredTo',
        label: 'inspection.referredTo',
        kind: 'select',
        required: true,
        placeholder: 'hazard.pickUnit',
        options: options('jointUnit', JOINT_UNITS),
      },
    ],
    initial: () => ({ referredTo: '' }),
    toAction: (v) => ({ type: 'refer', referredTo: textOf(v, 'referredTo') as JointUnit }),
  },
  reportFixed: {
    fields: () => [],
    initial: () => ({}),
    toAction: () => ({ type: 'reportFixed' }),
    instant: true,
  },
  recheck: {
    fields: () => [
      {
        key: 'result',
        label: 'hazard.recheckResult',
        kind: 'one',
        required: true,
        options: options('recheckResult', ['passed', 'failed']),
      },
      { key: 'note', label: 'hazard.recheckNote', kind: 'area', maxLength: 500 },
      { key: 'photos', label: 'photo.label', kind: 'photos' },
    ],
    initial: () => ({ result: '', note: '', photos: [] }),
    toAction: (v, c) => ({
      type: 'recheck',
      id: c.newId(),
      result: textOf(v, 'result') === 'passed' ? 'passed' : 'failed',
      by: c.user.name,
      note: textOf(v, 'note'),
      photoIds: photoIds(v, 'photos'),
    }),
  },
  deptFeedback: {
    fields: () => [
      { key: 'note', label: 'hazard.feedbackNote', kind: 'area', required: true, maxLength: 1000 },
    ],
    initial: (c) => ({ note: c.hazard.feedback ?? '' }),
    toAction: (v) => ({ type: 'deptFeedback', note: textOf(v, 'note') }),
  },
  close: { fields: () => [], initial: () => ({}), toAction: () => ({ type: 'close' }), instant: true },
};

/** A hazard step through the hazard's state machine (hazard-actions.ts), then saved. */
export async function saveHazardStep(
  record: RentalInspectionRecord,
  hazardId: string,
  action: HazardAction,
  photos: readonly PhotoItem[] = [],
): Promise<string | undefined> {
  const error = await saveStep(
    record,
    (body, actor) => {
      const result = applyHazardActionToInspection(body, hazardId, action, actor.now);
      return result.ok ? result : { ok: false, message: t(`hazardRefusal.${result.reason}` as MessageKey) };
    },
    photos,
  );
  // 交办 to 综合执法 or 消防: the hazard becomes an event dispatched to that department.
  if (error === undefined && action.type === 'refer') {
    const saved = await currentDb.value?.records.get(record.id);
    if (saved?.record.kind === 'rentalInspection') await handOverHazards(saved.record);
  }
  return error;
}
