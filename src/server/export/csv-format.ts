/**
 * CSV as Excel on Windows reads it (RFC 4180): UTF-8 with a BOM (without one Excel decodes the
 * Chinese as GBK), CRLF line ends, a field quoted when it holds a comma, quote, line break or
 * edge space, quotes doubled. A text cell starting with = + - @ (or a tab or CR) gets a leading
 * apostrophe so a spreadsheet never runs it as a formula (OWASP "CSV injection").
 */

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field; numbers are written as they are. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF included. */
export function csvLine(values: readonly (string | number)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
