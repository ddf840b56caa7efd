import * as z from 'zod/mini';

/**
 * What a text may hold — one rule for every text the device or the server accepts, and for the
 * terminal that prints it back (visibleText). Refused everywhere: the C0 controls (NUL, ESC, tab…),
 * DEL and the C1 controls (an ESC sequence clears an auditor's screen; PostgreSQL refuses NUL in
 * text), the bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (they make a
 * name or an address read as something else), and lone surrogates (no UTF-8 exists for them). A
 * multi-line field (a textarea: 巡查走访情况, 纠纷简要情况, 备注…) also allows its line breaks, `\n`
 * and `\r\n`, and nothing else of those.
 */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

function isUnsafeCodePoint(code: number): boolean {
  return (
    isControl(code) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** The index of the first character `text` may not hold (undefined when it is clean). */
export function unsafeCharacterAt(text: string, options: { multiline?: boolean } = {}): number | undefined {
  let index = 0;
  // for…of walks code points: a paired surrogate is one astral character, a lone one stays 0xd8xx.
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const lineBreak =
      options.multiline === true && (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) === 0x0a));
    if (isUnsafeCodePoint(code) && !lineBreak) return index;
    index += char.length;
  }
  return undefined;
}

/** The wire message of a refused text; the app matches it to say so in Chinese (field-errors.ts). */
export const UNSAFE_TEXT_MESSAGE = 'Control characters and bidi overrides are not allowed here';
export const UNSAFE_MULTILINE_TEXT_MESSAGE =
  'Only line breaks are allowed here, no other control characters and no bidi overrides';

/** The single-line rule as a check, for strings with their own shape (an opaque cursor). */
export const singleLine = z.refine<string>((value) => unsafeCharacterAt(value) === undefined, {
  message: UNSAFE_TEXT_MESSAGE,
});
const multiLine = z.refine<string>((value) => unsafeCharacterAt(value, { multiline: true }) === undefined, {
  message: UNSAFE_MULTILINE_TEXT_MESSAGE,
});

/**
 * `text` as a terminal may print it: every character the rule above refuses (line breaks too)
 * written visibly as `\uXXXX`, so stored text can neither move the cursor nor pose as another line.
 */
export function visibleText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += isUnsafeCodePoint(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

/** Any single-line string that is not free text (ids, usernames): length 1..max, no unsafe characters. */
export function plainString(max: number) {
  return z.string().check(singleLine, z.minLength(1), z.maxLength(max));
}

/** Required single-line text, trimmed length 1..max. */
export function requiredText(max: number) {
  return z.string().check(z.trim(), singleLine, z.minLength(1), z.maxLength(max));
}

/** Optional single-line text up to max characters. */
export function optionalText(max: number) {
  return z.optional(z.string().check(z.trim(), singleLine, z.maxLength(max)));
}

/** Multi-line text (a textarea) of 0..max characters, trimmed; line breaks allowed. */
export function multilineText(max: number) {
  return z.string().check(z.trim(), multiLine, z.maxLength(max));
}

/** Required multi-line text, trimmed length 1..max. */
export function requiredMultilineText(max: number) {
  return z.string().check(z.trim(), multiLine, z.minLength(1), z.maxLength(max));
}

/** Optional multi-line text up to max characters. */
export function optionalMultilineText(max: number) {
  return z.optional(multilineText(max));
}

/**
 * A password: anything printable, bidi marks included (it is never shown), but no control
 * character — NUL would fail in the database before the hash is even compared.
 */
export const passwordSchema = z.string().check(
  z.refine<string>((value) => ![...value].some((char) => isControl(char.codePointAt(0) ?? 0)), {
    message: 'Control characters are not allowed in a password',
  }),
  z.minLength(1),
  z.maxLength(256),
);

export const dateTimeSchema = z.iso.datetime({ offset: true });
/** A calendar day, `YYYY-MM-DD`. */
export const dateSchema = z.iso.date();

/** Mainland mobile (11 digits from 1) or a landline with area code. */
export const phoneSchema = z.string().check(z.regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/));

/** Resident ID card number (18 characters, last may be X). */
export const idCardNoSchema = z.string().check(z.regex(/^\d{17}[\dX]$/));
