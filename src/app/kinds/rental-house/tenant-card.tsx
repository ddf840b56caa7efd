import { RESIDENCE_PERMITS, RESIDENCE_REGISTRATIONS, TENANT_ID_TYPES } from '../../../domain/rental-house';
import { ChoiceGroup } from '../../components/choice-group';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';

export interface TenantDraft {
  id: string;
  name: string;
  idType: string;
  idNo: string;
  phone: string;
  floating: string;
  residenceRegistration: string;
  residencePermit: string;
  moveInDate: string;
  workplace: string;
}

interface TenantCardProps {
  index: number;
  tenant: TenantDraft;
  /** Field (`name`, `idNo`, `phone`…) → message, for this tenant only. */
  errorOf: (field: string) => MessageKey | undefined;
  onChange: (tenant: TenantDraft) => void;
  onRemove: () => void;
}

const yesNoOptions = () => [
  { value: 'yes', label: t('common.yes') },
  { value: 'no', label: t('common.no') },
];

/** One 承租人/同住人: who, how to reach them, and whether they are registered where they live. */
export function TenantCard({ index, tenant, errorOf, onChange, onRemove }: TenantCardProps) {
  const id = (field: string) => `tenants-${index}-${field}`;
  const set = (patch: Partial<TenantDraft>) => onChange({ ...tenant, ...patch });
  return (
    <fieldset class="party-card">
      <legend class="party-card__title">{t('house.tenantN', { n: index + 1 })}</legend>
      <TextField
        id={id('name')}
        label={t('house.tenantName')}
        required
        maxLength={100}
        value={tenant.name}
        onValue={(name) => set({ name })}
        error={errorOf('name')}
      />
      <ChoiceGroup
        id={id('idType')}
        legend={t('house.tenantIdType')}
        look="segments"
        options={TENANT_ID_TYPES.map((v) => ({ value: v, label: label('tenantIdType', v) }))}
        value={tenant.idType}
        onValue={(idType) => set({ idType })}
      />
      <TextField
        id={id('idNo')}
        label={t('house.tenantIdNo')}
        maxLength={30}
        value={tenant.idNo}
        onValue={(idNo) => set({ idNo: idNo.toUpperCase() })}
        error={errorOf('idNo')}
      />
      <TextField
        id={id('phone')}
        inputMode="tel"
        label={t('house.tenantPhone')}
        maxLength={13}
        value={tenant.phone}
        onValue={(phone) => set({ phone })}
        error={errorOf('phone')}
      />
      <ChoiceGroup
        id={id('floating')}
        legend={t('house.floating')}
        look="segments"
        options={yesNoOptions()}
        value={tenant.floating}
        onValue={(floating) => set({ floating })}
      />
      <ChoiceGroup
        id={id('residenceRegistration')}
        legend={t('house.residenceRegistration')}
        look="segments"
        required
        options={RESIDENCE_REGISTRATIONS.map((v) => ({ value: v, label: label('residenceRegistration', v) }))}
        value={tenant.residenceRegistration}
        onValue={(residenceRegistration) => set({ residenceRegistration })}
        error={errorOf('residenceRegistration')}
      />
      <SelectField
        id={id('residencePermit')}
        label={t('house.residencePermit')}
        placeholder={t('house.notAsked')}
        value={tenant.residencePermit}
        options={RESIDENCE_PERMITS.map((v) => ({ value: v, label: label('residencePermit', v) }))}
        onValue={(residencePermit) => set({ residencePermit })}
      />
      <TextField
        id={id('moveInDate')}
        type="date"
        label={t('house.moveInDate')}
        maxLength={10}
        value={tenant.moveInDate}
        onValue={(moveInDate) => set({ moveInDate })}
        error={errorOf('moveInDate')}
      />
      <TextField
        id={id('workplace')}
        label={t('house.workplace')}
        maxLength={100}
        value={tenant.workplace}
        onValue={(workplace) => set({ workplace })}
      />
      <button type="button" class="button button--danger-text button--block" onClick={onRemove}>
        {t('house.removeTenant', { n: index + 1 })}
      </button>
    </fieldset>
  );
}
