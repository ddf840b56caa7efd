import { useRef } from 'preact/hooks';
import {
  EVENT_CATEGORIES,
  eventCategory,
  streetSubcategoryLabel,
  subcategoriesOf,
} from '../../../domain/event-categories';
import { reportingLevelOf } from '../../../domain/event-origins';
import type { GeoPoint } from '../../../domain/geo-point';
import { EVENT_NATURES, EVENT_SCALES, EVENT_SOURCES, HANDLING_MODES } from '../../../domain/grid-event';
import type { GridEventRecord } from '../../../domain/record-envelope';
import { ChoiceGroup } from '../../components/choice-group';
import { FieldError } from '../../components/field-shell';
import { LocationField } from '../../components/location-field';
import { PhotoField } from '../../components/photo-field';
import { SelectField } from '../../components/select-field';
import { TextAreaField, TextField } from '../../components/text-field';
import { FormLayout } from '../../forms/form-layout';
import { useRecordForm } from '../../forms/use-record-form';
import { label, t } from '../../i18n/i18n';
import { currentDb, session } from '../../status/session';
import { countOnPatrol } from './count-on-patrol';
import { subcategoryLabel } from './event-category-labels';
import { EventPartiesField } from './event-parties-field';
import { bodyFrom, draftFrom, emptyEventParty } from './grid-event-draft';
import { nearbyAddress } from './nearby-address';

/** Who takes a report of this role first: a grid's reports go to its 网格长 and 社区. */
function acceptedAt(role: string) {
  const level = reportingLevelOf(role);
  return level === 'grid' ? 'community' : level;
}

/**
 * 上报事件: what was found, where (GPS taken as the form opens), photos (a 安全隐患 is not saved
 * without one), and whether it was resolved on the spot (自行处置, filed at once: 小事不出网格) or
 * goes up to be accepted. It has no status picker: the workflow moves it on the detail screen.
 */
export function GridEventForm({ existing }: { existing?: GridEventRecord | undefined }) {
  const user = session.value?.user;
  const reporter = { id: user?.id ?? '', name: user?.name ?? '', role: user?.role ?? '' };
  const { draft, update, errors, layout } = useRecordForm(
    'gridEvent',
    existing,
    () => draftFrom(existing?.body),
    (current) => bodyFrom(current, existing?.body, reporter, new Date()),
    { onSaved: (record, created) => (created ? countOnPatrol(record) : Promise.resolve()) },
  );
  const category = eventCategory(draft.categoryL1);
  // The grid's street may have added sub-categories of its own (synced with the grids).
  // 发生地点 from the fix of a new report, until the worker types one (nearby-address.ts).
  const addressTyped = useRef(false);
  const locate = (location: GeoPoint | undefined) => {
    update({ location });
    const db = currentDb.value;
    if (existing || !location || !db || addressTyped.current || draft.address.trim() !== '') return;
    void nearbyAddress(db, layout.gridId, location).then((address) => {
      if (address && !addressTyped.current) update({ address });
    });
  };
  const streetSubs = layout.grids.find((grid) => grid.id === layout.gridId)?.eventSubcategories ?? [];
  const photoRequired = category?.photoRequired === true;

  return (
    <FormLayout {...layout}>
      <section class="form-section" aria-labelledby="event-what">
        <h2 class="section-title" id="event-what">
          {t('event.sectionWhat')}
        </h2>
        <TextField
          id="title"
          label={t('event.title')}
          placeholder={t('event.titleHint')}
          required
          maxLength={100}
          value={draft.title}
          onValue={(title) => update({ title })}
          error={errors.title}
        />
        <SelectField
          id="categoryL1"
          label={t('event.categoryL1')}
          required
          placeholder=""
          value={draft.categoryL1}
          options={EVENT_CATEGORIES.map((c) => ({ value: c.code, label: label('eventCategory', c.code) }))}
          onValue={(categoryL1) => update({ categoryL1, categoryL2: '', categoryL2Label: '' })}
          error={errors.categoryL1}
        />
        {category && (
          <SelectField
            id="categoryL2"
            label={t('event.categoryL2')}
            required
            placeholder=""
            value={draft.categoryL2}
            options={subcategoriesOf(category.code, streetSubs).map((code) => ({
              value: code,
              label: subcategoryLabel(
                category.code,
                code,
                streetSubcategoryLabel(category.code, code, streetSubs),
              ),
            }))}
            onValue={(categoryL2) =>
              update({
                categoryL2,
                categoryL2Label: streetSubcategoryLabel(category.code, categoryL2, streetSubs) ?? '',
              })
            }
            error={errors.categoryL2}
          />
        )}
        <TextAreaField
          id="description"
          label={t('event.description')}
          required
          maxLength={2000}
          rows={3}
          value={draft.description}
          onValue={(description) => update({ description })}
          error={errors.description}
        />
        <TextField
          id="address"
          label={t('event.address')}
          maxLength={200}
          value={draft.address}
          onValue={(address) => {
            addressTyped.current = true;
            update({ address });
          }}
          error={errors.address}
        />
        <LocationField
          id="location"
          value={draft.location}
          onValue={locate}
          gridId={layout.gridId}
          error={errors.location}
          autoLocate={!existing}
        />
        <div class={errors.photoIds ? 'field field--invalid' : undefined}>
          {photoRequired && <p class="form-note">{t('event.photoRequired')}</p>}
          <PhotoField id="photoIds" value={draft.photos} onValue={(photos) => update({ photos })} />
          <FieldError id="photoIds" error={errors.photoIds} />
        </div>
        <TextField
          id="occurredAt"
          type="datetime-local"
          label={t('event.occurredAt')}
          maxLength={16}
          value={draft.occurredAt}
          onValue={(occurredAt) => update({ occurredAt })}
          error={errors.occurredAt}
        />
        <SelectField
          id="source"
          label={t('event.source')}
          required
          value={draft.source}
          options={EVENT_SOURCES.map((v) => ({ value: v, label: label('eventSource', v) }))}
          onValue={(source) => update({ source })}
          error={errors.source}
        />
        <ChoiceGroup
          id="nature"
          legend={t('event.nature')}
          look="segments"
          required
          options={EVENT_NATURES.map((v) => ({ value: v, label: label('eventNature', v) }))}
          value={draft.nature}
          onValue={(nature) => update({ nature })}
          error={errors.nature}
        />
        <ChoiceGroup
          id="scale"
          legend={t('event.scale')}
          look="segments"
          required
          options={EVENT_SCALES.map((v) => ({ value: v, label: label('eventScale', v) }))}
          value={draft.scale}
          onValue={(scale) => update({ scale })}
          error={errors.scale}
        />
      </section>
      <EventPartiesField
        parties={draft.parties}
        errors={errors}
        onValue={(parties) => update({ parties })}
        newParty={emptyEventParty}
      />
      {!existing && (
        <section class="form-section" aria-labelledby="event-handling">
          <h2 class="section-title" id="event-handling">
            {t('event.sectionHandling')}
          </h2>
          <ChoiceGroup
            id="handlingMode"
            legend={t('event.handlingMode')}
            quietLegend
            look="chips"
            required
            options={HANDLING_MODES.map((v) => ({ value: v, label: label('handlingMode', v) }))}
            value={draft.handlingMode}
            onValue={(handlingMode) => update({ handlingMode })}
            error={errors.handlingMode}
          />
          {draft.handlingMode === 'selfResolved' ? (
            <TextAreaField
              id="selfResolvedNote"
              label={t('event.selfResolvedNote')}
              hint={t('event.selfResolvedHint')}
              required
              maxLength={1000}
              rows={2}
              value={draft.selfResolvedNote}
              onValue={(selfResolvedNote) => update({ selfResolvedNote })}
              error={errors.selfResolvedNote}
            />
          ) : (
            <>
              <ChoiceGroup
                id="urgent"
                legend={t('event.urgent')}
                look="segments"
                options={[
                  { value: 'no', label: t('event.notUrgent') },
                  { value: 'yes', label: t('event.urgent') },
                ]}
                value={draft.urgent ? 'yes' : 'no'}
                onValue={(value) => update({ urgent: value === 'yes' })}
              />
              <p class="form-note">
                {t('event.reportUpNote', { level: label('eventLevel', acceptedAt(reporter.role)) })}
              </p>
            </>
          )}
        </section>
      )}
    </FormLayout>
  );
}
