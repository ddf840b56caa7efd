/** 湖滨新村2栋302室 from 江北新区大厂大街77号湖滨新村2栋302室: the district and road say little in one's own grid. */
export function shortAddress(address: string): string {
  const short = address.replace(/^[^区县]*[区县]/, '').replace(/^[^号]*\d+号/, '');
  return short || address;
}
