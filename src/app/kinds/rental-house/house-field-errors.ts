import type { FieldErrors } from '../../forms/field-errors';
import type { MessageKey } from '../../i18n/zh-cn';

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

export function errorOf(errors: FieldErrors, key: string): MessageKey | undefined {
  if (!errors[key]) return undefined;
  return HOUSE_ERRORS[key.replace(/\.\d+\./, '.*.')] ?? errors[key];
}
