import type { GeoPoint } from '../../domain/geo-point';
import {
  NO_ANTI_FRAUD,
  NO_FINDINGS,
  PATROL_TYPES,
  type PatrolBody,
  type PatrolType,
} from '../../domain/patrol';
import type { PatrolRecord } from '../../domain/record-envelope';
import { ChoiceGroup } from '../components/choice-group';
import { LocationField } from '../components/location-field';
import { NumberStepper } from '../components/number-stepper';
import { PhotoField, type PhotoItem, photoIdsField, photoItemsFrom } from '../components/photo-field';
import { TextAreaField, TextField } from '../components/text-field';
import { label, t } from '../i18n/i18n';
import { fromLocalInput, toLocalInput } from '../lib/format-time';
import { FormLayout } from './form-layout';
import { useRecordForm } from './use-record-form';

interface PatrolDraft {
  patrolTypes: PatrolType[];
  startedAt: string;
  endedAt: string;
  householdsVisited: number;
  content: string;
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

function draftFrom(body: PatrolBody | undefined, now: Date): PatrolDraft {
  return {
    patrolTypes: body?.patrolTypes ?? [],
    startedAt: toLocalInput(body?.startedAt ?? now.toISOString()),
    endedAt: toLocalInput(body?.endedAt),
    householdsVisited: body?.householdsVisited ?? 0,
    content: body?.content ?? '',
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

/** The body to validate; empty optional inputs are left out rather than stored as ''. */
function bodyFrom(draft: PatrolDraft, previous: PatrolBody | undefined): Record<string, unknown> {
  const endedAt = fromLocalInput(draft.endedAt);
  const patrolTypes = PATROL_TYPES.filter((type) => draft.patrolTypes.includes(type));
  // Fields this form does not edit (track, findings, companions…) are kept as they were.
  const {
    endedAt: _endedAt,
    location: _location,
    photoIds: _photoIds,
    antiFraud,
    ...kept
  } = previous ?? {
    findings: NO_FINDINGS,
    selfResolvedCount: 0,
    reportedCount: 0,
  };
  return {
    ...kept,
    patrolTypes,
    ...(patrolTypes.includes('antiFraud') && { antiFraud: antiFraud ?? NO_ANTI_FRAUD }),
    startedAt: fromLocalInput(draft.startedAt),
    ...(endedAt && { endedAt }),
    householdsVisited: draft.householdsVisited,
    content: draft.content,
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
    status: previous?.status ?? 'submitted',
  };
}

/** 巡查日志 form. */
export function PatrolForm({ existing }: { existing?: PatrolRecord | undefined }) {
  const { draft, update, errors, layout } = useRecordForm(
    'patrol',
    existing,
    () => draftFrom(existing?.body, new Date()),
    (current) => bodyFrom(current, existing?.body),
  );

  return (
    <FormLayout {...layout}>
      <ChoiceGroup
        id="patrolTypes"
        legend={t('patrol.patrolTypes')}
        look="chips"
        multiple
        required
        options={PATROL_TYPES.map((type) => ({ value: type, label: label('patrolType', type) }))}
        value={draft.patrolTypes}
        onValue={(values) => update({ patrolTypes: values as PatrolType[] })}
        error={errors.patrolTypes}
      />
      <TextField
        id="startedAt"
        type="datetime-local"
        label={t('patrol.startedAt')}
        required
        maxLength={16}
        value={draft.startedAt}
        onValue={(startedAt) => update({ startedAt })}
        error={errors.startedAt}
      />
      <TextField
        id="endedAt"
        type="datetime-local"
        label={t('patrol.endedAt')}
        maxLength={16}
        value={draft.endedAt}
        onValue={(endedAt) => update({ endedAt })}
        error={errors.endedAt}
      />
      <NumberStepper
        id="householdsVisited"
        label={t('patrol.householdsVisited')}
        min={0}
        max={10_000}
        value={draft.householdsVisited}
        onValue={(householdsVisited) => update({ householdsVisited })}
        error={errors.householdsVisited}
      />
      <TextAreaField
        id="content"
        label={t('patrol.content')}
        hint={t('patrol.contentHint')}
        required
        maxLength={5000}
        rows={5}
        value={draft.content}
        onValue={(content) => update({ content })}
        error={errors.content}
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
