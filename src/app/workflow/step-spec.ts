/**
 * A workflow step as data (dispute steps, hazard follow-up, the event kind next): the fields of its
 * bottom sheet (exactly those the step needs), their starting values, and how the filled-in values
 * become the kind's action. One generic sheet (step-sheet.tsx) renders every step of every kind and
 * one save path (save-step.ts) applies and stores it, so a kind's workflow is a table of specs.
 */

import type { PhotoItem } from '../components/photo-field';
import type { Option } from '../components/select-field';
import type { MessageKey } from '../i18n/zh-cn';

export type StepValue = string | boolean | string[] | PhotoItem[];
export type StepValues = Record<string, StepValue>;

export interface StepField {
  key: string;
  label: MessageKey;
  kind: 'text' | 'area' | 'datetime' | 'date' | 'number' | 'check' | 'one' | 'many' | 'select' | 'photos';
  options?: readonly Option[];
  /** The empty choice of a `select` (e.g. 请选择单位); none: the empty choice has no words. */
  placeholder?: MessageKey;
  /** The longest a `text` or `area` may be, as its kind's schema allows (200 and 2,000 otherwise). */
  maxLength?: number;
  /** The earliest day a `date` may take (YYYY-MM-DD). */
  min?: string;
  /** Checked before the workflow is asked; the workflow's own guards give the rest of the reasons. */
  required?: boolean;
  hint?: string;
  /** Shown only when this returns true for the current values. */
  when?: (values: StepValues) => boolean;
}

export interface StepSpec<Context, Action> {
  fields: (c: Context) => StepField[];
  initial: (c: Context) => StepValues;
  toAction: (v: StepValues, c: Context) => Action;
  /** Nothing to fill in or read first (报告已整改): the step's button does it, with no sheet. */
  instant?: true;
  /** A line the sheet shows above the fields, e.g. what 结案 will lock. */
  note?: MessageKey;
}

/** The keys of required fields left empty (or unticked), among those shown. */
export function missingFields(fields: readonly StepField[], values: StepValues): string[] {
  return fields
    .filter((f) => f.required && (f.when?.(values) ?? true))
    .filter((f) => {
      const value = values[f.key];
      return (
        value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0)
      );
    })
    .map((f) => f.key);
}

/** A text value, trimmed ('' when absent). */
export function textOf(v: StepValues, key: string): string {
  const value = v[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** A list of chosen values ([] when absent). */
export function choicesOf(v: StepValues, key: string): string[] {
  return asChoices(v[key]);
}

/** A value as the chosen values it holds. */
export function asChoices(value: StepValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The photos of a `photos` field ([] when absent). */
export function photosOf(v: StepValues, key: string): PhotoItem[] {
  return asPhotos(v[key]);
}

/** A value as the photos it holds. */
export function asPhotos(value: StepValue | undefined): PhotoItem[] {
  return Array.isArray(value) ? value.filter((item): item is PhotoItem => typeof item === 'object') : [];
}

/** Every photo the step's fields hold: kept on the device before the edit that names them. */
export function photosIn(fields: readonly StepField[], v: StepValues): PhotoItem[] {
  return fields.filter((f) => f.kind === 'photos').flatMap((f) => photosOf(v, f.key));
}
