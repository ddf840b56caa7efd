import { PARTY_ROLES, PARTY_TYPES } from '../../domain/dispute';
import { ChoiceGroup } from '../components/choice-group';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { label, t } from '../i18n/i18n';
import type { FieldErrors } from './field-errors';

export interface PartyDraft {
  id: string;
  role: string;
  partyType: string;
  name: string;
  phone: string;
  idNo: string;
}

interface PartyCardProps {
  index: number;
  party: PartyDraft;
  errors: FieldErrors;
  onChange: (party: PartyDraft) => void;
  /** Absent when removing would leave fewer than two parties. */
  onRemove?: (() => void) | undefined;
}

/** One 当事人: role, person or organisation, name, phone and (for a person) ID number. */
export function PartyCard({ index, party, errors, onChange, onRemove }: PartyCardProps) {
  const n = index + 1;
  const id = (field: string) => `parties-${index}-${field}`;
  const error = (field: string) => errors[`parties.${index}.${field}`];
  const set = (patch: Partial<PartyDraft>) => onChange({ ...party, ...patch });
  return (
    <fieldset class="party-card">
      <legend class="party-card__title">{t('dispute.party', { n })}</legend>
      <SelectField
        id={id('role')}
        label={t('party.role')}
        required
        value={party.role}
        options={PARTY_ROLES.map((r) => ({ value: r, label: label('partyRole', r) }))}
        onValue={(role) => set({ role })}
        error={error('role')}
      />
      <ChoiceGroup
        id={id('partyType')}
        legend={t('party.partyType')}
        look="segments"
        options={PARTY_TYPES.map((p) => ({ value: p, label: label('partyType', p) }))}
        value={party.partyType}
        onValue={(partyType) => set({ partyType, ...(partyType === 'organization' && { idNo: '' }) })}
        error={error('partyType')}
      />
      <TextField
        id={id('name')}
        label={t('party.name')}
        required
        maxLength={100}
        value={party.name}
        onValue={(name) => set({ name })}
        error={error('name')}
      />
      <TextField
        id={id('phone')}
        inputMode="tel"
        label={t('party.phone')}
        maxLength={13}
        value={party.phone}
        onValue={(phone) => set({ phone })}
        error={error('phone')}
      />
      {party.partyType === 'natural' && (
        <TextField
          id={id('idNo')}
          label={t('party.idNo')}
          maxLength={18}
          value={party.idNo}
          onValue={(idNo) => set({ idNo: idNo.toUpperCase() })}
          error={error('idNo')}
        />
      )}
      {onRemove && (
        <button type="button" class="button button--quiet button--danger-text" onClick={onRemove}>
          {t('dispute.removeParty', { n })}
        </button>
      )}
    </fieldset>
  );
}
