import { DISPUTE_STATUSES, DISPUTE_TYPES, type DisputeBody, RISK_LEVELS } from '../../domain/dispute';
import type { GeoPoint } from '../../domain/geo-point';
import type { DisputeRecord } from '../../domain/record-envelope';
import { uuidV7 } from '../../sync/uuid-v7';
import { ChoiceGroup } from '../components/choice-group';
import { FieldError } from '../components/field-shell';
import { LocationField } from '../components/location-field';
import { PhotoField, type PhotoItem, photoIdsField, photoItemsFrom } from '../components/photo-field';
import { SelectField } from '../components/select-field';
import { TextAreaField, TextField } from '../components/text-field';
import { label, t } from '../i18n/i18n';
import { fromLocalInput, toLocalInput } from '../lib/format-time';
import { FormLayout } from './form-layout';
import { PartyCard, type PartyDraft } from './party-card';
import { useRecordForm } from './use-record-form';

interface DisputeDraft {
  title: string;
  disputeType: string;
  summary: string;
  registeredAt: string;
  riskLevel: string;
  status: string;
  place: string;
  parties: PartyDraft[];
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

function emptyParty(role: string): PartyDraft {
  return { id: uuidV7(), role, partyType: 'natural', name: '', phone: '', idNo: '' };
}

function draftFrom(body: DisputeBody | undefined, now: Date): DisputeDraft {
  return {
    title: body?.title ?? '',
    disputeType: body?.disputeType ?? '',
    summary: body?.summary ?? '',
    registeredAt: toLocalInput(body?.registeredAt ?? now.toISOString()),
    riskLevel: body?.riskLevel ?? 'yellow',
    status: body?.status ?? 'reported',
    place: body?.place ?? '',
    parties: body?.parties.map((p) => ({ ...p, phone: p.phone ?? '', idNo: p.idNo ?? '' })) ?? [
      emptyParty('applicant'),
      emptyParty('respondent'),
    ],
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

function bodyFrom(draft: DisputeDraft, previous: DisputeBody | undefined): Record<string, unknown> {
  const place = draft.place.trim();
  const previousParties = new Map(previous?.parties.map((party) => [party.id, party]));
  // Fields this form does not edit (sessions, agreement, follow-ups, flow log…) are kept as they were.
  const {
    place: _place,
    location: _location,
    photoIds: _photoIds,
    ...kept
  } = previous ?? {
    source: 'gridReport',
    handlingLevel: 'grid',
    sessions: [],
    followUps: [],
    flowLogs: [],
  };
  return {
    ...kept,
    nature: draft.parties.length >= 10 ? 'group' : (previous?.nature ?? 'individual'),
    involvedCount: Math.max(previous?.involvedCount ?? 0, draft.parties.length),
    title: draft.title,
    disputeType: draft.disputeType,
    summary: draft.summary,
    ...(previous?.occurredAt && { occurredAt: previous.occurredAt }),
    registeredAt: fromLocalInput(draft.registeredAt),
    parties: draft.parties.map((p) => {
      const phone = p.phone.trim();
      const idNo = p.partyType === 'natural' ? p.idNo.trim() : '';
      const { phone: _phone, idNo: _idNo, ...keptParty } = previousParties.get(p.id) ?? {};
      return {
        ...keptParty,
        id: p.id,
        role: p.role,
        partyType: p.partyType,
        name: p.name,
        ...(phone && { phone }),
        ...(idNo && { idNo }),
      };
    }),
    riskLevel: draft.riskLevel,
    status: draft.status,
    ...(place && { place }),
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
  };
}

/** 矛盾纠纷 form: a new case starts as 已登记 with two empty party cards. */
export function DisputeForm({ existing }: { existing?: DisputeRecord | undefined }) {
  const { draft, update, errors, layout } = useRecordForm(
    'dispute',
    existing,
    () => draftFrom(existing?.body, new Date()),
    (current) => bodyFrom(current, existing?.body),
  );
  const setParty = (index: number, party: PartyDraft) =>
    update({ parties: draft.parties.map((p, i) => (i === index ? party : p)) });

  return (
    <FormLayout {...layout}>
      <TextField
        id="title"
        label={t('dispute.title')}
        placeholder={t('dispute.titleHint')}
        required
        maxLength={100}
        value={draft.title}
        onValue={(title) => update({ title })}
        error={errors.title}
      />
      <SelectField
        id="disputeType"
        label={t('dispute.disputeType')}
        required
        placeholder=""
        value={draft.disputeType}
        options={DISPUTE_TYPES.map((v) => ({ value: v, label: label('disputeType', v) }))}
        onValue={(disputeType) => update({ disputeType })}
        error={errors.disputeType}
      />
      <TextAreaField
        id="summary"
        label={t('dispute.summary')}
        required
        maxLength={5000}
        rows={4}
        value={draft.summary}
        onValue={(summary) => update({ summary })}
        error={errors.summary}
      />
      <TextField
        id="registeredAt"
        type="datetime-local"
        label={t('dispute.registeredAt')}
        required
        maxLength={16}
        value={draft.registeredAt}
        onValue={(registeredAt) => update({ registeredAt })}
        error={errors.registeredAt}
      />
      <ChoiceGroup
        id="riskLevel"
        legend={t('dispute.riskLevel')}
        look="chips"
        required
        options={RISK_LEVELS.map((v) => ({ value: v, label: label('riskLevel', v) }))}
        value={draft.riskLevel}
        onValue={(riskLevel) => update({ riskLevel })}
        error={errors.riskLevel}
      />
      {existing && (
        <SelectField
          id="status"
          label={t('dispute.status')}
          required
          value={draft.status}
          options={DISPUTE_STATUSES.map((v) => ({ value: v, label: label('disputeStatus', v) }))}
          onValue={(status) => update({ status })}
          error={errors.status}
        />
      )}
      <TextField
        id="place"
        label={t('dispute.place')}
        maxLength={200}
        value={draft.place}
        onValue={(place) => update({ place })}
        error={errors.place}
      />
      <section
        class={errors.parties ? 'parties field--invalid' : 'parties'}
        id="parties"
        aria-labelledby="parties-title"
      >
        <h2 class="section-title" id="parties-title">
          {t('dispute.parties')} <span class="field__required">*</span>
        </h2>
        <FieldError id="parties" error={errors.parties} />
        {draft.parties.map((party, index) => (
          <PartyCard
            key={party.id}
            index={index}
            party={party}
            errors={errors}
            onChange={(p) => setParty(index, p)}
            onRemove={
              draft.parties.length > 2
                ? () => update({ parties: draft.parties.filter((_, i) => i !== index) })
                : undefined
            }
          />
        ))}
        <button
          type="button"
          class="button button--secondary button--block"
          onClick={() => update({ parties: [...draft.parties, emptyParty('party')] })}
        >
          <span aria-hidden="true">+ </span>
          {t('dispute.addParty')}
        </button>
      </section>
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
