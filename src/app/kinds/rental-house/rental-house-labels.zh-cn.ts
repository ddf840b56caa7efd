/** Chinese labels of the 出租房屋 (一户一档 house) kind that home, the list and search show (its name, statuses, types): in the first chunk, spread into zh-cn.ts. */
export const rentalHouseLabelsZhCN = {
  'kind.rentalHouse': '出租房屋',
  'kindShort.rentalHouse': '房屋',
  'kindIcon.rentalHouse': '房',
  'form.new.rentalHouse': '登记出租房屋',
  'form.edit.rentalHouse': '编辑出租房屋',
  'houseType.suite': '套房',
  'houseType.bungalow': '平房',
  'houseType.basement': '地下室',
  'houseType.selfBuilt': '自建房/通天房',
  'houseType.other': '其他',
  'rentalHouseStatus.active': '在租',
  'rentalHouseStatus.inactive': '停租',
} as const;
