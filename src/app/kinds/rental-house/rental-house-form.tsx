import { useLocation } from 'preact-iso/router';
import type { RentalHouseRecord } from '../../../domain/record-envelope';
import {
  LANDLORD_ID_TYPES,
  LANDLORD_TYPES,
  MANAGEMENT_CATEGORIES,
  RENTAL_HOUSE_TYPES,
  RENTAL_MODES,
  RENTAL_USAGES,
} from '../../../domain/rental-house';
import { ChoiceGroup } from '../../components/choice-group';
import { LocationField } from '../../components/location-field';
import { NumberStepper } from '../../components/number-stepper';
import { PhotoField } from '../../components/photo-field';
import { SelectField } from '../../components/select-field';
import { TextAreaField, TextField } from '../../components/text-field';
import { FormLayout } from '../../forms/form-layout';
import { useRecordForm } from '../../forms/use-record-form';
import { label, t } from '../../i18n/i18n';
import { useGridThresholds } from '../../lib/use-grid-thresholds';
import { draftFrom, houseBodyFrom, newTenantDraft } from './rental-house-draft';
import { TenantCard, type TenantDraft } from './tenant-card';

const yesNoOptions = () => [
  { value: 'yes', label: t('common.yes') },
  { value: 'no', label: t('common.no') },
];

/** 出租房屋 一户一档: the house, its landlord, the lease and who lives there. */
export function RentalHouseForm({ existing }: { existing?: RentalHouseRecord | undefined }) {
  const { query } = useLocation();
  // Registered on the way to an inspection: go on to that inspection once the house is saved.
  const thenInspect = query.then === 'inspect';
  const { draft, update, errors, layout } = useRecordForm(
    'rentalHouse',
    existing,
    () => draftFrom(existing?.body),
    (current) => houseBodyFrom(current, existing?.body),
    thenInspect ? { afterSave: (id) => `/new/rental?house=${id}` } : {},
  );
  const err = (key: string) => errors[key];
  const days = useGridThresholds(layout.gridId).leaseDeclarationDays;
  const setTenant = (index: number, tenant: TenantDraft) =>
    update({ tenants: draft.tenants.map((other, i) => (i === index ? tenant : other)) });

  return (
    <FormLayout {...layout}>
      <h2 class="section-title form-section">{t('house.section.house')}</h2>
      <TextField
        id="address"
        label={t('house.address')}
        placeholder={t('rental.addressHint')}
        required
        maxLength={200}
        value={draft.address}
        onValue={(address) => update({ address })}
        error={err('address')}
      />
      <ChoiceGroup
        id="houseType"
        legend={t('house.houseType')}
        look="chips"
        required
        options={RENTAL_HOUSE_TYPES.map((v) => ({ value: v, label: label('houseType', v) }))}
        value={draft.houseType}
        onValue={(houseType) => update({ houseType })}
        error={err('houseType')}
      />
      <ChoiceGroup
        id="rentalUsage"
        legend={t('house.rentalUsage')}
        look="chips"
        required
        options={RENTAL_USAGES.map((v) => ({ value: v, label: label('rentalUsage', v) }))}
        value={draft.rentalUsage}
        onValue={(rentalUsage) => update({ rentalUsage })}
        error={err('rentalUsage')}
      />
      <ChoiceGroup
        id="rentalMode"
        legend={t('house.rentalMode')}
        look="chips"
        required
        options={RENTAL_MODES.map((v) => ({ value: v, label: label('rentalMode', v) }))}
        value={draft.rentalMode}
        onValue={(rentalMode) => update({ rentalMode })}
        error={err('rentalMode')}
      />
      <NumberStepper
        id="roomCount"
        label={t('house.roomCount')}
        min={1}
        max={1000}
        value={draft.roomCount}
        onValue={(roomCount) => update({ roomCount })}
        error={err('roomCount')}
      />
      <NumberStepper
        id="occupantCount"
        label={t('house.occupantCount')}
        min={0}
        max={10_000}
        value={draft.occupantCount}
        onValue={(occupantCount) => update({ occupantCount })}
        error={err('occupantCount')}
      />
      <div class="field-row">
        <TextField
          id="floorCount"
          inputMode="numeric"
          label={t('house.floorCount')}
          maxLength={3}
          value={draft.floorCount}
          onValue={(floorCount) => update({ floorCount })}
          error={err('floorCount')}
        />
        <TextField
          id="floorNo"
          inputMode="numeric"
          label={t('house.floorNo')}
          maxLength={4}
          value={draft.floorNo}
          onValue={(floorNo) => update({ floorNo })}
          error={err('floorNo')}
        />
        <TextField
          id="usableAreaM2"
          inputMode="numeric"
          label={t('house.usableArea')}
          maxLength={8}
          value={draft.usableAreaM2}
          onValue={(usableAreaM2) => update({ usableAreaM2 })}
          error={err('usableAreaM2')}
        />
      </div>

      <h2 class="section-title form-section">{t('house.section.landlord')}</h2>
      <ChoiceGroup
        id="landlordType"
        legend={t('house.landlordType')}
        look="segments"
        options={LANDLORD_TYPES.map((v) => ({ value: v, label: label('landlordType', v) }))}
        value={draft.landlordType}
        onValue={(landlordType) =>
          update({
            landlordType,
            landlordIdType: landlordType === 'organization' ? 'businessLicense' : 'idCard',
          })
        }
      />
      <TextField
        id="landlordName"
        label={t('house.landlordName')}
        required
        maxLength={100}
        value={draft.landlordName}
        onValue={(landlordName) => update({ landlordName })}
        error={err('landlordName')}
      />
      <SelectField
        id="landlordIdType"
        label={t('house.landlordIdType')}
        required
        value={draft.landlordIdType}
        options={LANDLORD_ID_TYPES.map((v) => ({ value: v, label: label('landlordIdType', v) }))}
        onValue={(landlordIdType) => update({ landlordIdType })}
      />
      <TextField
        id="landlordIdNo"
        label={t('house.landlordIdNo')}
        required
        maxLength={30}
        value={draft.landlordIdNo}
        onValue={(landlordIdNo) => update({ landlordIdNo: landlordIdNo.toUpperCase() })}
        error={err('landlordIdNo')}
      />
      <TextField
        id="landlordPhone"
        inputMode="tel"
        label={t('house.landlordPhone')}
        required
        maxLength={13}
        value={draft.landlordPhone}
        onValue={(landlordPhone) => update({ landlordPhone })}
        error={err('landlordPhone')}
      />
      <TextField
        id="managerName"
        label={t('house.managerName')}
        maxLength={100}
        value={draft.managerName}
        onValue={(managerName) => update({ managerName })}
      />
      <TextField
        id="managerPhone"
        inputMode="tel"
        label={t('house.managerPhone')}
        maxLength={13}
        value={draft.managerPhone}
        onValue={(managerPhone) => update({ managerPhone })}
        error={err('managerPhone')}
      />
      <TextField
        id="propertyCompany"
        label={t('house.propertyCompany')}
        maxLength={100}
        value={draft.propertyCompany}
        onValue={(propertyCompany) => update({ propertyCompany })}
      />

      <h2 class="section-title form-section">{t('house.section.lease')}</h2>
      <div class="field-row">
        <TextField
          id="leaseStart"
          type="date"
          label={t('house.leaseStart')}
          maxLength={10}
          value={draft.leaseStart}
          onValue={(leaseStart) => update({ leaseStart })}
          error={err('leaseStart')}
        />
        <TextField
          id="leaseEnd"
          type="date"
          label={t('house.leaseEnd')}
          maxLength={10}
          value={draft.leaseEnd}
          onValue={(leaseEnd) => update({ leaseEnd })}
          error={err('leaseEnd')}
        />
      </div>
      <ChoiceGroup
        id="leaseDeclared"
        legend={t('house.leaseDeclared')}
        look="segments"
        required
        options={yesNoOptions()}
        value={draft.leaseDeclared}
        onValue={(leaseDeclared) => update({ leaseDeclared })}
        error={err('leaseDeclared')}
      />
      <p class="field__hint house-rule">{t('house.leaseRule', { days })}</p>
      {draft.leaseDeclared === 'yes' && (
        <TextField
          id="leaseFilingNo"
          label={t('house.leaseFilingNo')}
          maxLength={50}
          value={draft.leaseFilingNo}
          onValue={(leaseFilingNo) => update({ leaseFilingNo })}
        />
      )}
      <ChoiceGroup
        id="responsibilityLetterSigned"
        legend={t('house.responsibilityLetterSigned')}
        look="segments"
        required
        options={yesNoOptions()}
        value={draft.responsibilityLetterSigned}
        onValue={(responsibilityLetterSigned) => update({ responsibilityLetterSigned })}
        error={err('responsibilityLetterSigned')}
      />
      <ChoiceGroup
        id="managementCategory"
        legend={t('house.managementCategory')}
        look="segments"
        options={MANAGEMENT_CATEGORIES.map((v) => ({ value: v, label: label('managementCategory', v) }))}
        value={draft.managementCategory}
        onValue={(managementCategory) => update({ managementCategory })}
      />

      <h2 class="section-title form-section">
        {t('house.tenants')} · {t('house.tenantCount', { n: draft.tenants.length })}
      </h2>
      {draft.tenants.map((tenant, index) => (
        <TenantCard
          key={tenant.id}
          index={index}
          tenant={tenant}
          errorOf={(field) => err(`tenants.${index}.${field}`)}
          onChange={(next) => setTenant(index, next)}
          onRemove={() => update({ tenants: draft.tenants.filter((other) => other.id !== tenant.id) })}
        />
      ))}
      <button
        type="button"
        class="button button--secondary button--block"
        onClick={() => update({ tenants: [...draft.tenants, newTenantDraft()] })}
      >
        {t('house.addTenant')}
      </button>

      <TextAreaField
        id="remarks"
        label={t('rental.remarks')}
        maxLength={2000}
        rows={3}
        value={draft.remarks}
        onValue={(remarks) => update({ remarks })}
      />
      <LocationField
        id="location"
        value={draft.location}
        onValue={(location) => update({ location })}
        gridId={layout.gridId}
        error={err('location')}
      />
      <PhotoField id="photos" value={draft.photos} onValue={(photos) => update({ photos })} />
    </FormLayout>
  );
}
