import { GENDERS, PARTY_ROLES, PARTY_TYPES } from '../../../domain/dispute';
import { ChoiceGroup } from '../../components/choice-group';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import type { FieldErrors } from '../../forms/field-errors';
import { label, t } from '../../i18n/i18n';
import type { PartyDraft } from './dispute-draft';

interface PartyCardProps {
  index: number;
  party: PartyDraft;
  errors: FieldErrors;
  onChange: (party: PartyDraft) => void;
  /** Absent when removing would leave fewer than two parties. */
  onRemove?: (() => void) | undefined;
}

const MORE_FIELDS = ['gender', 'age', 'occupation', 'address', 'idNo'] as const;

/**
 * One 当事人 as on the 申请书: role, person or organisation, name and phone up front; the rest of
 * the 申请书 items folded away (opened when filled in or wrong) so two parties fit a phone screen.
 */
export function PartyCard({ index, party, errors, onChange, onRemove }: PartyCardProps) {
  const n = index + 1;
  const id = (field: string) => `parties-${index}-${field}`;
  const error = (field: string) => errors[`parties.${index}.${field}`];
  const set = (patch: Partial<PartyDraft>) => onChange({ ...party, ...patch });
  const natural = party.partyType === 'natural';
  const open = MORE_FIELDS.some((field) => party[field] !== '' || error(field) !== undefined);
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
        onValue={(partyType) =>
          set({ partyType, ...(partyType === 'organization' && { idNo: '', gender: '', age: '' }) })
        }
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
      <details class="party-card__more" open={open}>
        <summary class="party-card__more-toggle">{t('dispute.partyMore')}</summary>
        {natural && (
          <ChoiceGroup
            id={id('gender')}
            legend={t('party.gender')}
            look="segments"
            options={GENDERS.map((g) => ({ value: g, label: label('gender', g) }))}
            value={party.gender}
            onValue={(gender) => set({ gender })}
            error={error('gender')}
          />
        )}
        {natural && (
          <TextField
            id={id('age')}
            inputMode="numeric"
            label={t('party.age')}
            maxLength={3}
            value={party.age}
            onValue={(age) => set({ age })}
            error={error('age')}
          />
        )}
        <TextField
          id={id('occupation')}
          label={t('party.occupation')}
          maxLength={50}
          value={party.occupation}
          onValue={(occupation) => set({ occupation })}
          error={error('occupation')}
        />
        <TextField
          id={id('address')}
          label={t('party.address')}
          maxLength={200}
          value={party.address}
          onValue={(address) => set({ address })}
          error={error('address')}
        />
        {natural && (
          <TextField
            id={id('idNo')}
            label={t('party.idNo')}
            maxLength={18}
            value={party.idNo}
            onValue={(idNo) => set({ idNo: idNo.toUpperCase() })}
            error={error('idNo')}
          />
        )}
      </details>
      {onRemove && (
        <button type="button" class="button button--quiet button--danger-text" onClick={onRemove}>
          {t('dispute.removeParty', { n })}
        </button>
      )}
    </fieldset>
  );
}
