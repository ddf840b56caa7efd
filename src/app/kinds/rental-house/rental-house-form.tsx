import { useLocation } from 'preact-iso/router';
import type { GeoPoint } from '../../../domain/geo-point';
import type { RentalHouseRecord } from '../../../domain/record-envelope';
import {
  LANDLORD_ID_TYPES,
  LANDLORD_TYPES,
  MANAGEMENT_CATEGORIES,
  RENTAL_HOUSE_TYPES,
  RENTAL_MODES,
  RENTAL_USAGES,
  type RentalHouseBody,
  type Tenant,
} from '../../../domain/rental-house';
import { uuidV7 } from '../../../sync/uuid-v7';
import { ChoiceGroup } from '../../components/choice-group';
import { LocationField } from '../../components/location-field';
import { NumberStepper } from '../../components/number-stepper';
import { PhotoField, type PhotoItem, photoIdsField, photoItemsFrom } from '../../components/photo-field';
import { SelectField } from '../../components/select-field';
import { TextAreaField, TextField } from '../../components/text-field';
import type { FieldErrors } from '../../forms/field-errors';
import { FormLayout } from '../../forms/form-layout';
import { useRecordForm } from '../../forms/use-record-form';
import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import { useGridThresholds } from '../../lib/use-grid-thresholds';
import { TenantCard, type TenantDraft } from './tenant-card';

interface HouseDraft {
  address: string;
  houseType: string;
  rentalUsage: string;
  rentalMode: string;
  floorCount: string;
  floorNo: string;
  roomCount: number;
  occupantCount: number;
  usableAreaM2: string;
  landlordType: string;
  landlordName: string;
  landlordIdType: string;
  landlordIdNo: string;
  landlordPhone: string;
  managerName: string;
  managerPhone: string;
  propertyCompany: string;
  leaseStart: string;
  leaseEnd: string;
  leaseDeclared: string;
  leaseFilingNo: string;
  responsibilityLetterSigned: string;
  managementCategory: string;
  tenants: TenantDraft[];
  remarks: string;
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');
const numText = (value: number | undefined) => (value === undefined ? '' : String(value));

function tenantDraftFrom(tenant: Tenant): TenantDraft {
  return {
    id: tenant.id,
    name: tenant.name,
    idType: tenant.idType ?? 'idCard',
    idNo: tenant.idNo ?? '',
    phone: tenant.phone ?? '',
    floating: yesNo(tenant.isFloatingPopulation),
    residenceRegistration: tenant.residenceRegistration,
    residencePermit: tenant.residencePermit ?? '',
    moveInDate: tenant.moveInDate ?? '',
    workplace: tenant.workplace ?? '',
  };
}

export function newTenantDraft(): TenantDraft {
  return {
    id: uuidV7(),
    name: '',
    idType: 'idCard',
    idNo: '',
    phone: '',
    floating: 'yes',
    residenceRegistration: 'none',
    residencePermit: '',
    moveInDate: '',
    workplace: '',
  };
}

function draftFrom(body: RentalHouseBody | undefined): HouseDraft {
  return {
    address: body?.address ?? '',
    houseType: body?.houseType ?? '',
    rentalUsage: body?.rentalUsage ?? 'residence',
    rentalMode: body?.rentalMode ?? '',
    floorCount: numText(body?.floorCount),
    floorNo: numText(body?.floorNo),
    roomCount: body?.roomCount ?? 1,
    occupantCount: body?.occupantCount ?? 1,
    usableAreaM2: numText(body?.usableAreaM2),
    landlordType: body?.landlordType ?? 'individual',
    landlordName: body?.landlordName ?? '',
    landlordIdType: body?.landlordIdType ?? 'idCard',
    landlordIdNo: body?.landlordIdNo ?? '',
    landlordPhone: body?.landlordPhone ?? '',
    managerName: body?.managerName ?? '',
    managerPhone: body?.managerPhone ?? '',
    propertyCompany: body?.propertyCompany ?? '',
    leaseStart: body?.leaseStart ?? '',
    leaseEnd: body?.leaseEnd ?? '',
    leaseDeclared: yesNo(body?.leaseDeclared),
    leaseFilingNo: body?.leaseFilingNo ?? '',
    responsibilityLetterSigned: yesNo(body?.responsibilityLetterSigned),
    managementCategory: body?.managementCategory ?? '',
    tenants: (body?.tenants ?? []).map(tenantDraftFrom),
    remarks: body?.remarks ?? '',
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

/** A typed number, or the text itself so the schema reports it next to the field. */
function numberField<K extends string>(key: K, text: string): Partial<Record<K, number | string>> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const n = Number(trimmed);
  return { [key]: Number.isFinite(n) ? n : trimmed } as Partial<Record<K, number | string>>;
}

function textField<K extends string>(key: K, text: string): Partial<Record<K, string>> {
  const trimmed = text.trim();
  return (trimmed ? { [key]: trimmed } : {}) as Partial<Record<K, string>>;
}

function boolOf(text: string): boolean | string {
  return text === 'yes' ? true : text === 'no' ? false : '';
}

function tenantFrom(draft: TenantDraft, previous: Tenant | undefined): Record<string, unknown> {
  // Fields this card does not show (户籍地, 搬离日期, 与承租人关系) stay as they were.
  const {
    idType: _i,
    idNo: _n,
    phone: _p,
    isFloatingPopulation: _f,
    residencePermit: _r,
    moveInDate: _m,
    workplace: _w,
    ...kept
  } = previous ?? ({} as Partial<Tenant>);
  return {
    ...kept,
    id: draft.id,
    name: draft.name.trim(),
    ...textField('idNo', draft.idNo),
    ...(draft.idNo.trim() ? { idType: draft.idType } : {}),
    ...textField('phone', draft.phone),
    ...(draft.floating ? { isFloatingPopulation: draft.floating === 'yes' } : {}),
    residenceRegistration: draft.residenceRegistration,
    ...textField('residencePermit', draft.residencePermit),
    ...textField('moveInDate', draft.moveInDate),
    ...textField('workplace', draft.workplace),
  };
}

export function houseBodyFrom(
  draft: HouseDraft,
  previous: RentalHouseBody | undefined,
): Record<string, unknown> {
  const previousTenants = new Map(previous?.tenants.map((tenant) => [tenant.id, tenant]));
  // Only the fields this form edits are replaced; anything else (限住人数, 高层, status…) is kept.
  const { limitPersons, isHighRise, status } = previous ?? {};
  return {
    ...(limitPersons === undefined ? {} : { limitPersons }),
    ...(isHighRise === undefined ? {} : { isHighRise }),
    address: draft.address.trim(),
    houseType: draft.houseType,
    rentalUsage: draft.rentalUsage,
    rentalMode: draft.rentalMode,
    ...numberField('floorCount', draft.floorCount),
    ...numberField('floorNo', draft.floorNo),
    roomCount: draft.roomCount,
    occupantCount: draft.occupantCount,
    ...numberField('usableAreaM2', draft.usableAreaM2),
    landlordType: draft.landlordType,
    landlordName: draft.landlordName.trim(),
    landlordIdType: draft.landlordIdType,
    landlordIdNo: draft.landlordIdNo.trim().toUpperCase(),
    landlordPhone: draft.landlordPhone.trim(),
    ...textField('managerName', draft.managerName),
    ...textField('managerPhone', draft.managerPhone),
    ...textField('propertyCompany', draft.propertyCompany),
    ...textField('leaseStart', draft.leaseStart),
    ...textField('leaseEnd', draft.leaseEnd),
    leaseDeclared: boolOf(draft.leaseDeclared),
    ...textField('leaseFilingNo', draft.leaseFilingNo),
    responsibilityLetterSigned: boolOf(draft.responsibilityLetterSigned),
    ...textField('managementCategory', draft.managementCategory),
    tenants: draft.tenants.map((tenant) => tenantFrom(tenant, previousTenants.get(tenant.id))),
    ...textField('remarks', draft.remarks),
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
    status: status ?? 'active',
  };
}

/** Chinese messages for the house's fields (the shared table knows only the older forms' fields). */
const HOUSE_ERRORS: Record<string, MessageKey> = {
  address: 'err.address',
  houseType: 'house.err.houseType',
  rentalMode: 'house.err.rentalMode',
  landlordName: 'err.landlordName',
  landlordIdNo: 'house.err.landlordIdNo',
  landlordPhone: 'err.phone',
  managerPhone: 'err.phone',
  leaseEnd: 'house.err.leaseEnd',
  leaseDeclared: 'house.err.yesNo',
  responsibilityLetterSigned: 'house.err.yesNo',
  'tenants.*.name': 'house.err.tenantName',
  'tenants.*.idNo': 'err.idNo',
  'tenants.*.phone': 'err.phone',
};

function errorOf(errors: FieldErrors, key: string): MessageKey | undefined {
  if (!errors[key]) return undefined;
  return HOUSE_ERRORS[key.replace(/\.\d+\./, '.*.')] ?? errors[key];
}

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
  const err = (key: string) => errorOf(errors, key);
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
