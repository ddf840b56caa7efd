import { useRef } from 'preact/hooks';
import { JOINT_UNITS } from '../../../domain/hazard-workflow';
import type { RentalInspectionRecord } from '../../../domain/record-envelope';
import {
  INSPECTION_TYPES,
  PRESENT_PERSON_RELATIONS,
  SPECIAL_TOPICS,
} from '../../../domain/rental-inspection';
import { streetThresholds } from '../../../domain/street-thresholds';
import { uuidV7 } from '../../../sync/uuid-v7';
import { ChoiceGroup } from '../../components/choice-group';
import { LocationField } from '../../components/location-field';
import { PhotoField } from '../../components/photo-field';
import { TextAreaField, TextField } from '../../components/text-field';
import { FormLayout } from '../../forms/form-layout';
import { useRecordForm } from '../../forms/use-record-form';
import { label, t } from '../../i18n/i18n';
import { patrolLink } from '../../lib/active-patrol';
import { fromLocalInputKeeping, toLocalInput } from '../../lib/format-time';
import { useGridThresholds } from '../../lib/use-grid-thresholds';
import { session } from '../../status/session';
import { handOverHazards } from '../grid-event/hand-over';
import { ChecklistSection } from './checklist-section';
import {
  ALL_ITEMS,
  draftPhotos,
  emptyAnswer,
  failedItems,
  type HouseRef,
  type InspectionDraft,
  type ItemCode,
  inspectionBodyFrom,
  inspectionDraftFrom,
} from './inspection-draft';

interface RentalInspectionFormProps {
  existing?: RentalInspectionRecord | undefined;
  /** The 一户一档 house a new inspection is of (its header and premises facts are copied). */
  house?: HouseRef | undefined;
}

/** 出租房安全检查: header from the house, the §1.3 checklist, and each hazard's handling on the spot. */
export function RentalInspectionForm({ existing, house }: RentalInspectionFormProps) {
  const user = session.value?.user;
  const recorded = new Set<ItemCode>((existing?.body.hazards ?? []).map((h) => h.itemCode));
  // Read at save time by the body builder, which useRecordForm keeps from the first render.
  const thresholdsRef = useRef(streetThresholds());
  const { draft, update, errors, layout } = useRecordForm(
    'rentalInspection',
    existing,
    () =>
      inspectionDraftFrom(existing?.body, {
        house,
        inspector: user?.name ?? '',
        inspectedAt: toLocalInput(existing?.body.inspectedAt ?? new Date().toISOString()),
      }),
    (current: InspectionDraft) =>
      inspectionBodyFrom(
        {
          ...current,
          inspectedAt:
            fromLocalInputKeeping(current.inspectedAt, existing?.body.inspectedAt) ?? current.inspectedAt,
        },
        {
          previous: existing?.body,
          now: new Date(),
          newId: uuidV7,
          describe: (code) => label('checklist', code),
          patrol: patrolLink(),
          thresholds: thresholdsRef.current,
          ...(user ? { inspectorUserId: user.id } : {}),
        },
      ),
    // 交办 to 综合执法 or 消防 on the form: each such hazard becomes an event for that department.
    { photosOf: draftPhotos, onSaved: (record) => handOverHazards(record) },
  );
  const thresholds = useGridThresholds(layout.gridId);
  thresholdsRef.current = thresholds;
  const { failed, unhandled } = failedItems(draft, recorded);
  const setAnswers = (answers: InspectionDraft['answers']) => update({ answers });

  return (
    <FormLayout
      {...layout}
      barNote={
        <p class={failed.length > 0 ? 'save-bar__count is-fail' : 'save-bar__count'}>
          {failed.length > 0 ? t('inspection.failCount', { n: failed.length }) : t('inspection.noFail')}
          {unhandled.length > 0 && ` · ${t('inspection.unhandledCount', { n: unhandled.length })}`}
        </p>
      }
    >
      <TextField
        id="address"
        label={t('rental.address')}
        placeholder={t('rental.addressHint')}
        required
        maxLength={200}
        value={draft.address}
        onValue={(address) => update({ address })}
        error={errors.address}
      />
      <TextField
        id="landlordName"
        label={t('rental.landlordName')}
        required
        maxLength={100}
        value={draft.landlordName}
        onValue={(landlordName) => update({ landlordName })}
        error={errors.landlordName}
      />
      <TextField
        id="landlordPhone"
        inputMode="tel"
        label={t('rental.landlordPhone')}
        maxLength={13}
        value={draft.landlordPhone}
        onValue={(landlordPhone) => update({ landlordPhone })}
        error={errors.landlordPhone}
      />
      <ChoiceGroup
        id="inspectionType"
        legend={t('rental.inspectionType')}
        look="chips"
        required
        options={INSPECTION_TYPES.map((v) => ({ value: v, label: label('inspectionType', v) }))}
        value={draft.inspectionType}
        onValue={(inspectionType) => update({ inspectionType })}
        error={errors.inspectionType}
      />
      {draft.inspectionType === 'special' && (
        <ChoiceGroup
          id="specialTopic"
          legend={t('inspection.specialTopic')}
          look="chips"
          options={SPECIAL_TOPICS.map((v) => ({ value: v, label: label('specialTopic', v) }))}
          value={draft.specialTopic}
          onValue={(specialTopic) => update({ specialTopic })}
        />
      )}
      {(draft.inspectionType === 'joint' || draft.jointUnits.length > 0) && (
        <ChoiceGroup
          id="jointUnits"
          legend={t('inspection.jointUnits')}
          look="chips"
          multiple
          options={JOINT_UNITS.map((v) => ({ value: v, label: label('jointUnit', v) }))}
          value={draft.jointUnits}
          onValue={(jointUnits) => update({ jointUnits })}
        />
      )}
      <TextField
        id="inspectedAt"
        type="datetime-local"
        label={t('rental.inspectedAt')}
        required
        maxLength={16}
        value={draft.inspectedAt}
        onValue={(inspectedAt) => update({ inspectedAt })}
        error={errors.inspectedAt}
      />
      <TextField
        id="inspectors"
        label={t('inspection.inspectors')}
        hint={t('inspection.inspectorsHint')}
        maxLength={200}
        value={draft.inspectors}
        onValue={(inspectors) => update({ inspectors })}
        error={errors.inspectors}
      />
      <TextField
        id="presentName"
        label={t('inspection.presentName')}
        maxLength={100}
        value={draft.presentName}
        onValue={(presentName) => update({ presentName })}
      />
      {draft.presentName.trim() !== '' && (
        <ChoiceGroup
          id="presentRelation"
          legend={t('inspection.presentRelation')}
          look="segments"
          options={PRESENT_PERSON_RELATIONS.map((v) => ({ value: v, label: label('presentRelation', v) }))}
          value={draft.presentRelation}
          onValue={(presentRelation) => update({ presentRelation })}
        />
      )}
      <ChecklistSection
        answers={draft.answers}
        premises={draft.premises}
        thresholds={thresholds}
        recorded={recorded}
        onAnswer={(code, answer) => setAnswers({ ...draft.answers, [code]: answer })}
        onRestPass={() => {
          const answers = { ...draft.answers };
          for (const code of ALL_ITEMS)
            if (!answers[code]?.result) answers[code] = { ...emptyAnswer(), result: 'pass' };
          setAnswers(answers);
        }}
        error={errors.checklist ?? errors.hazards}
      />
      <div class="field-row">
        <TextField
          id="occupantCountObserved"
          inputMode="numeric"
          label={t('inspection.occupantCountObserved')}
          maxLength={5}
          value={draft.occupantCountObserved}
          onValue={(occupantCountObserved) => update({ occupantCountObserved })}
          error={errors.occupantCountObserved}
        />
        <TextField
          id="unregisteredPersons"
          inputMode="numeric"
          label={t('inspection.unregisteredPersons')}
          maxLength={5}
          value={draft.unregisteredPersons}
          onValue={(unregisteredPersons) => update({ unregisteredPersons })}
          error={errors.unregisteredPersons}
        />
      </div>
      {failed.length > 0 && (
        <TextField
          id="noticeNo"
          label={t('inspection.noticeNo')}
          maxLength={50}
          value={draft.noticeNo}
          onValue={(noticeNo) => update({ noticeNo })}
        />
      )}
      <TextAreaField
        id="remarks"
        label={t('rental.remarks')}
        maxLength={2000}
        rows={3}
        value={draft.remarks}
        onValue={(remarks) => update({ remarks })}
        error={errors.remarks}
      />
      <LocationField
        id="location"
        value={draft.location}
        onValue={(location) => update({ location })}
        gridId={layout.gridId}
        error={errors.location}
      />
      <PhotoField id="photos" value={draft.photos} onValue={(photos) => update({ photos })} />
    </FormLayout>
  );
}
