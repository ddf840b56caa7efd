/**
 * 门牌 masking (DOMAIN.md §6.2: "XX小区3栋***室"): the last number in an address (the room or door
 * number) is hidden, the rest stays readable. An address with no number keeps its first half only.
 */
const LAST_NUMBER = /\d+(?=\D*$)/;

/** 湖滨新寓5栋302室 → 湖滨新寓5栋***室; 城南菜场东门 → 城南菜*** */
export function maskAddress(address: string): string {
  if (LAST_NUMBER.test(address)) return address.replace(LAST_NUMBER, (room) => '*'.repeat(room.length));
  const chars = Array.from(address);
  const keep = Math.ceil(chars.length / 2);
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}
