import { DISPUTE_SOURCES, DISPUTE_TYPES } from '../../../domain/dispute';
import type { DisputeRecord } from '../../../domain/record-envelope';
import { FieldError } from '../../components/field-shell';
import { LocationField } from '../../components/location-field';
import { PhotoField } from '../../components/photo-field';
import { SelectField } from '../../components/select-field';
import { TextAreaField, TextField } from '../../components/text-field';
import type { FieldErrors } from '../../forms/field-errors';
import { FormLayout } from '../../forms/form-layout';
import { useRecordForm } from '../../forms/use-record-form';
import { label, t } from '../../i18n/i18n';
import type { PartyDraft } from './dispute-draft';
import { bodyFrom, type DisputeDraft, draftFrom, emptyParty } from './dispute-draft';
import { DisputeScaleFields } from './dispute-scale-fields';
import { PartyCard } from './party-card';
import { SubTypeField } from './sub-type-field';
import './dispute-form.css';

/**
 * 矛盾纠纷 registration (受理登记表 / 申请书). It has no status picker: a new case is 已登记 and its
 * status moves only through the workflow steps on the detail screen.
 */
export function DisputeForm({ existing }: { existing?: DisputeRecord | undefined }) {
  const { draft, update, errors, layout } = useRecordForm(
    'dispute',
    existing,
    () => draftFrom(existing?.body, new Date()),
    (current) => bodyFrom(current, existing?.body),
  );
  const setParties = (parties: PartyDraft[]) =>
    update({ parties, involvedCount: Math.max(draft.involvedCount, parties.length) });
  const setParty = (index: number, party: PartyDraft) =>
    setParties(draft.parties.map((p, i) => (i === index ? party : p)));

  return (
    <FormLayout {...layout}>
      {!existing && <p class="form-note">{t('dispute.newCaseNote')}</p>}
      <CaseFields draft={draft} update={update} errors={errors} />
      <DisputeScaleFields draft={draft} update={update} errors={errors} />
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
          onClick={() => setParties([...draft.parties, emptyParty('party')])}
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

interface CaseFieldsProps {
  draft: DisputeDraft;
  update: (patch: Partial<DisputeDraft>) => void;
  errors: FieldErrors;
}

/** 纠纷名称, 类型/子类, 案件来源, times, place, 简要情况 and 申请事项. */
function CaseFields({ draft, update, errors }: CaseFieldsProps) {
  return (
    <section class="form-section" aria-labelledby="case-title">
      <h2 class="section-title" id="case-title">
        {t('dispute.sectionCase')}
      </h2>
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
      <SubTypeField
        disputeType={draft.disputeType}
        value={draft.disputeSubType}
        onValue={(disputeSubType) => update({ disputeSubType })}
        error={errors.disputeSubType}
      />
      <SelectField
        id="source"
        label={t('dispute.source')}
        required
        value={draft.source}
        options={DISPUTE_SOURCES.map((v) => ({ value: v, label: label('disputeSource', v) }))}
        onValue={(source) => update({ source })}
        error={errors.source}
      />
      <TextField
        id="occurredAt"
        type="datetime-local"
        label={t('dispute.occurredAt')}
        maxLength={16}
        value={draft.occurredAt}
        onValue={(occurredAt) => update({ occurredAt })}
        error={errors.occurredAt}
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
      <TextField
        id="place"
        label={t('dispute.place')}
        maxLength={200}
        value={draft.place}
        onValue={(place) => update({ place })}
        error={errors.place}
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
      <TextAreaField
        id="claims"
        label={t('dispute.claims')}
        hint={t('dispute.claimsHint')}
        maxLength={2000}
        rows={2}
        value={draft.claims}
        onValue={(claims) => update({ claims })}
        error={errors.claims}
      />
    </section>
  );
}
