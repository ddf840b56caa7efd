import { TextField } from '../../components/text-field';
import type { FieldErrors } from '../../forms/field-errors';
import { t } from '../../i18n/i18n';
import type { EventPartyDraft } from './grid-event-draft';

interface EventPartiesFieldProps {
  parties: EventPartyDraft[];
  errors: FieldErrors;
  onValue: (parties: EventPartyDraft[]) => void;
  newParty: () => EventPartyDraft;
}

/**
 * 主要当事人, optional: most events have none (a broken manhole cover), a 群体性 one may name a few.
 * Name, phone, ID number and address; views mask them until revealed with a reason.
 */
export function EventPartiesField({ parties, errors, onValue, newParty }: EventPartiesFieldProps) {
  const set = (index: number, patch: Partial<EventPartyDraft>) =>
    onValue(parties.map((party, i) => (i === index ? { ...party, ...patch } : party)));
  return (
    <section class="parties" id="parties" aria-labelledby="event-parties">
      <h2 class="section-title" id="event-parties">
        {t('event.parties')}
      </h2>
      <p class="form-note">{t('event.partiesHint')}</p>
      {parties.map((party, index) => {
        const id = (field: string) => `parties-${index}-${field}`;
        const error = (field: string) => errors[`parties.${index}.${field}`];
        return (
          <fieldset class="party-card" key={party.id}>
            <legend class="party-card__title">{t('dispute.party', { n: index + 1 })}</legend>
            <TextField
              id={id('name')}
              label={t('party.name')}
              required
              maxLength={50}
              value={party.name}
              onValue={(name) => set(index, { name })}
              error={error('name')}
            />
            <TextField
              id={id('phone')}
              inputMode="tel"
              label={t('party.phone')}
              maxLength={13}
              value={party.phone}
              onValue={(phone) => set(index, { phone })}
              error={error('phone')}
            />
            <TextField
              id={id('idNo')}
              label={t('party.idNo')}
              maxLength={18}
              value={party.idNo}
              onValue={(idNo) => set(index, { idNo: idNo.toUpperCase() })}
              error={error('idNo')}
            />
            <TextField
              id={id('address')}
              label={t('party.address')}
              maxLength={200}
              value={party.address}
              onValue={(address) => set(index, { address })}
              error={error('address')}
            />
            <button
              type="button"
              class="button button--quiet button--danger-text"
              onClick={() => onValue(parties.filter((_, i) => i !== index))}
            >
              {t('dispute.removeParty', { n: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        class="button button--secondary button--block"
        onClick={() => onValue([...parties, newParty()])}
      >
        <span aria-hidden="true">+ </span>
        {t('dispute.addParty')}
      </button>
    </section>
  );
}
