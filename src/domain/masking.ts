/** PII masking for lists and cards (DOMAIN.md §6.2). Full values only on an audited reveal. */

/** 320***********1234: first 3 and last 4 characters kept. */
export function maskIdNo(idNo: string): string {
  if (idNo.length <= 7) return '*'.repeat(idNo.length);
  return idNo.slice(0, 3) + '*'.repeat(idNo.length - 7) + idNo.slice(-4);
}

/** 138****1234 for mobiles; landlines keep the area code and last 2 digits. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  const [area, number] = phone.includes('-') ? phone.split('-', 2) : [phone.slice(0, 3), phone.slice(3)];
  const rest = number ?? '';
  return `${area}-${'*'.repeat(Math.max(rest.length - 2, 0))}${rest.slice(-2)}`;
}

/** 张* for two characters, 张*明 for three, 欧阳** for four; Latin names keep their initial. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  if (chars.length === 3) return `${chars[0]}*${chars[2]}`;
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 2);
}

const ID_NO_IN_TEXT = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;

/**
 * Free text shown in a list (a title, the start of a patrol log) with any ID number or phone
 * number typed into it masked; names in free text cannot be told apart and stay as typed.
 */
export function maskNumbersInText(text: string): string {
  return text
    .replace(ID_NO_IN_TEXT, (idNo) => maskIdNo(idNo))
    .replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone))
    .replace(LANDLINE_IN_TEXT, (phone) => maskPhone(phone));
}
