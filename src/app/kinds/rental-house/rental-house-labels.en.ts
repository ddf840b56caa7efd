/** English labels of the 出租房屋 (一户一档 house) kind (see rental-house-labels.zh-cn.ts). */
import type { rentalHouseLabelsZhCN } from './rental-house-labels.zh-cn';

export const rentalHouseLabelsEn: Partial<Record<keyof typeof rentalHouseLabelsZhCN, string>> = {
  'kind.rentalHouse': 'Rental house',
  'kindShort.rentalHouse': 'House',
  'kindIcon.rentalHouse': 'H',
  'form.new.rentalHouse': 'Register rental house',
  'form.edit.rentalHouse': 'Edit rental house',
  'houseType.suite': 'Apartment',
  'houseType.bungalow': 'Bungalow',
  'houseType.basement': 'Basement',
  'houseType.selfBuilt': 'Self-built house',
  'houseType.other': 'Other',
  'rentalHouseStatus.active': 'Let',
  'rentalHouseStatus.inactive': 'Not let',
};
