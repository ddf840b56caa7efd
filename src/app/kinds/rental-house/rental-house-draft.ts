/**
 * The 一户一档 form's draft: the fields as the form holds them (texts, yes/no as 'yes' | 'no' | ''),
 * made from a stored body and turned back into a candidate body for the save's one check.
 */
import type { GeoPoint } from '../../../domain/geo-point';
import type { RentalHouseBody, Tenant } from '../../../domain/rental-house';
import { uuidV7 } from '../../../sync/uuid-v7';
import { type PhotoItem, photoIdsField, photoItemsFrom } from '../../components/photo-field';
import type { TenantDraft } from './tenant-card';

export interface HouseDraft {
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

export function draftFrom(body: RentalHouseBody | undefined): HouseDraft {
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
