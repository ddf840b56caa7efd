import * as z from 'zod/mini';

/** Required single-line text, trimmed length 1..max. */
export function requiredText(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
}

/** Optional single-line text up to max characters. */
export function optionalText(max: number) {
  return z.optional(z.string().check(z.trim(), z.maxLength(max)));
}

export const dateTimeSchema = z.iso.datetime({ offset: true });
/** A calendar day, `YYYY-MM-DD`. */
export const dateSchema = z.iso.date();

/** Mainland mobile (11 digits from 1) or a landline with area code. */
export const phoneSchema = z.string().check(z.regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/));

/** Resident ID card number (18 characters, last may be X). */
export const idCardNoSchema = z.string().check(z.regex(/^\d{17}[\dX]$/));
