import type { GeoPoint } from '../../domain/geo-point';
import { hazardsForChecklist } from '../../domain/inspection-hazards';
import type { RentalInspectionRecord } from '../../domain/record-envelope';
import { INSPECTION_TYPES, OVERALL_RESULTS, type RentalInspectionBody } from '../../domain/rental-inspection';
import { uuidV7 } from '../../sync/uuid-v7';
import { ChoiceGroup } from '../components/choice-group';
import { LocationField } from '../components/location-field';
import { PhotoField, type PhotoItem, photoIdsField, photoItemsFrom } from '../components/photo-field';
import { TextAreaField, TextField } from '../components/text-field';
import { label, t } from '../i18n/i18n';
import { fromLocalInput, todayLocalDate, toLocalInput } from '../lib/format-time';
import { type ChecklistAnswer, ChecklistSection, COMMON_ITEMS, type ItemCode } from './checklist-section';
import { FormLayout } from './form-layout';
import { useRecordForm } from './use-record-form';

type OverallResult = RentalInspectionBody['overallResult'];

interface RentalDraft {
  address: string;
  landlordName: string;
  landlordPhone: string;
  inspectionType: string;
  inspectedAt: string;
  items: ItemCode[];
  answers: Partial<Record<ItemCode, ChecklistAnswer>>;
  overallResult: string;
  rectificationDeadline: string;
  remarks: string;
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

function draftFrom(body: RentalInspectionBody | undefined, now: Date): RentalDraft {
  const answers: RentalDraft['answers'] = {};
  for (const entry of body?.checklist ?? [])
    answers[entry.itemCode] = { result: entry.result, note: entry.note ?? '' };
  // Items answered elsewhere (another device, the full catalogue) stay visible so an edit keeps them.
  const extra = (body?.checklist ?? []).map((e) => e.itemCode).filter((code) => !COMMON_ITEMS.includes(code));
  return {
    address: body?.address ?? '',
    landlordName: body?.landlordName ?? '',
    landlordPhone: body?.landlordPhone ?? '',
    inspectionType: body?.inspectionType ?? 'routine',
    inspectedAt: toLocalInput(body?.inspectedAt ?? now.toISOString()),
    items: [...COMMON_ITEMS, ...extra],
    answers,
    overallResult: body?.overallResult ?? '',
    rectificationDeadline: body?.rectificationDeadline ?? '',
    remarks: body?.remarks ?? '',
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

/** Where the inspection stands after this save (DOMAIN.md §1.4); a later stage is kept if the result did not change. */
function statusFor(
  result: string,
  previous: RentalInspectionBody | undefined,
): RentalInspectionBody['status'] {
  if (previous && previous.overallResult === result) return previous.status;
  if (result === 'rectifying') return 'rectifying';
  if (result === 'referred') return 'referred';
  return 'closed';
}

function bodyFrom(draft: RentalDraft, previous: RentalInspectionBody | undefined): Record<string, unknown> {
  // This form has no per-item photos yet: keep those an entry has (taken elsewhere) through an edit.
  const itemPhotos = new Map(previous?.checklist.map((entry) => [entry.itemCode, entry.photoIds]));
  const checklist = draft.items.flatMap((itemCode) => {
    const answer = draft.answers[itemCode];
    if (!answer?.result) return [];
    const note = answer.note.trim();
    const photoIds = itemPhotos.get(itemCode);
    return [{ itemCode, result: answer.result, ...(note && { note }), ...(photoIds && { photoIds }) }];
  });
  const phone = draft.landlordPhone.trim();
  const remarks = draft.remarks.trim();
  const rectifying = draft.overallResult === 'rectifying';
  const rectificationDeadline =
    rectifying && draft.rectificationDeadline ? draft.rectificationDeadline : undefined;
  const overallResult = OVERALL_RESULTS.find((result) => result === draft.overallResult);
  const hazards = overallResult
    ? hazardsForChecklist(checklist, previous?.hazards ?? [], {
        overallResult,
        rectificationDeadline,
        newId: () => uuidV7(),
        describe: (itemCode) => label('checklist', itemCode),
      })
    : (previous?.hazards ?? []);
  // Fields this form does not edit (house link, inspectors, joint units…) are kept as they were.
  const {
    landlordPhone: _phone,
    rectificationDeadline: _deadline,
    remarks: _remarks,
    location: _location,
    photoIds: _photoIds,
    ...kept
  } = previous ?? {};
  return {
    ...kept,
    hazards,
    address: draft.address,
    landlordName: draft.landlordName,
    ...(phone && { landlordPhone: phone }),
    inspectionType: draft.inspectionType,
    inspectedAt: fromLocalInput(draft.inspectedAt),
    checklist,
    overallResult: draft.overallResult,
    ...(rectificationDeadline && { rectificationDeadline }),
    ...(remarks && { remarks }),
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
    status: statusFor(draft.overallResult, previous),
  };
}

/** 出租房安全检查 form. */
export function RentalInspectionForm({ existing }: { existing?: RentalInspectionRecord | undefined }) {
  const { draft, update, errors, layout } = useRecordForm(
    'rentalInspection',
    existing,
    () => draftFrom(existing?.body, new Date()),
    (current) => bodyFrom(current, existing?.body),
  );

  return (
    <FormLayout {...layout}>
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
        autoComplete="off"
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
      <ChecklistSection
        items={draft.items}
        answers={draft.answers}
        onAnswer={(code, answer) => update({ answers: { ...draft.answers, [code]: answer } })}
        onRestPass={() => {
          const answers = { ...draft.answers };
          for (const code of draft.items)
            if (!answers[code]?.result) answers[code] = { result: 'pass', note: '' };
          update({ answers });
        }}
        error={errors.checklist}
      />
      <ChoiceGroup
        id="overallResult"
        legend={t('rental.overallResult')}
        look="chips"
        required
        options={OVERALL_RESULTS.map((v: OverallResult) => ({ value: v, label: label('overallResult', v) }))}
        value={draft.overallResult}
        onValue={(overallResult) => update({ overallResult })}
        error={errors.overallResult}
      />
      {draft.overallResult === 'rectifying' && (
        <TextField
          id="rectificationDeadline"
          type="date"
          label={t('rental.deadline')}
          required
          maxLength={10}
          min={todayLocalDate()}
          value={draft.rectificationDeadline}
          onValue={(rectificationDeadline) => update({ rectificationDeadline })}
          error={errors.rectificationDeadline}
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
