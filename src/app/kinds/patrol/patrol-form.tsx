import { findingsTotal, PATROL_TYPES, type PatrolType } from '../../../domain/patrol';
import type { PatrolRecord } from '../../../domain/record-envelope';
import { trackLengthM } from '../../../domain/track-geometry';
import { ChoiceGroup } from '../../components/choice-group';
import { LocationField } from '../../components/location-field';
import { NumberStepper } from '../../components/number-stepper';
import { PhotoField } from '../../components/photo-field';
import { TextAreaField, TextField } from '../../components/text-field';
import { FormLayout } from '../../forms/form-layout';
import { useRecordForm } from '../../forms/use-record-form';
import { label, t } from '../../i18n/i18n';
import { formatKm } from '../../patrol/patrol-format';
import { CompanionsField } from './companions-field';
import { AntiFraudFields, FindingsFields, HandlingFields } from './count-fields';
import { bodyFrom, draftFrom } from './patrol-draft';
import { WeatherField } from './weather-field';

/** 巡查日志 form: a new log, an edit, or finishing the log of a patrol just ended (结束巡查). */
export function PatrolForm({ existing }: { existing?: PatrolRecord | undefined }) {
  const { draft, update, errors, layout } = useRecordForm(
    'patrol',
    existing,
    () => draftFrom(existing?.body, new Date()),
    (current) => bodyFrom(current, existing?.body),
  );
  const finishing = existing?.body.status === 'draft';
  const track = existing?.body.track ?? [];
  const total = findingsTotal(draft.findings);

  return (
    <FormLayout {...layout} title={finishing ? t('patrolForm.finishTitle') : layout.title}>
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
      {track.length > 0 && (
        <p class="patrol-note">
          {t('patrolForm.trackKept', { km: formatKm(trackLengthM(track)), n: track.length })}
        </p>
      )}
      <WeatherField value={draft.weather} onValue={(weather) => update({ weather })} />
      <CompanionsField
        value={draft.companions}
        onValue={(companions) => update({ companions })}
        errors={errors}
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
      <FindingsFields value={draft.findings} onValue={(findings) => update({ findings })} errors={errors} />
      <HandlingFields
        total={total}
        selfResolved={draft.selfResolvedCount}
        reported={draft.reportedCount}
        onSelfResolved={(selfResolvedCount) => update({ selfResolvedCount })}
        onReported={(reportedCount) => update({ reportedCount })}
        errors={errors}
      />
      {draft.patrolTypes.includes('antiFraud') && (
        <AntiFraudFields
          value={draft.antiFraud}
          onValue={(antiFraud) => update({ antiFraud })}
          errors={errors}
        />
      )}
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
      <PhotoField id="photos" value={draft.photos} onValue={(photos) => update({ photos })} />
      <LocationField
        id="location"
        value={draft.location}
        onValue={(location) => update({ location })}
        gridId={layout.gridId}
        error={errors.location}
      />
    </FormLayout>
  );
}
