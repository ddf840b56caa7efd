/**
 * Turns schema issues (from `safeParse` or `RecordInvalidError.issues`, paths like
 * `body.parties.1.name`) into one Chinese message per form field, from the record kind's own table
 * (kinds/<kind>/<kind>-field-messages.ts). Messages are written per field, not taken from zod:
 * "请填写房屋地址" helps a grid worker, "Too small: expected string…" does not.
 */
import { DEVICE_CLOCK_MESSAGE } from '../../domain/device-clock';
import type { Issue } from '../../domain/protocol';
import type { RecordKind } from '../../domain/record-kinds';
import { UNSAFE_MULTILINE_TEXT_MESSAGE, UNSAFE_TEXT_MESSAGE } from '../../domain/text';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { FIELD_MESSAGES } from '../kinds/kind-field-messages';

/** Field key (the issue path without `body.`, e.g. `parties.0.phone`) → message key. */
export type FieldErrors = Record<string, MessageKey>;

/** How one kind's form words the errors of its fields (each kind's `<kind>-field-messages.ts`). */
export interface KindFieldMessages {
  /** Field pattern (list indexes written `*`) → message key. */
  fields: Readonly<Record<string, MessageKey>>;
  /** Texts with only a length cap: the one way they can be wrong is being too long. */
  cappedTexts: readonly string[];
  /**
   * Fields whose sub-paths are reported on the field itself: a bad category count is a bad
   * 发现问题 block, and the flow log and track are written by the app.
   */
  wholeFields?: readonly string[];
  /** Lists whose items' fields are reported one by one (`parties.1.phone`), however deep the issue. */
  itemFields?: readonly string[];
  /** A message that depends on more than the field: a refinement sharing a path, a group of fields. */
  messageFor?: (pattern: string, body: unknown) => MessageKey | undefined;
  /** A message for a rule the server words the same on any field (an event step it refused). */
  byMessage?: (message: string) => MessageKey | undefined;
}

/** Fields every kind has, or that are written by the app; a location's coordinate is the location. */
const ANY_KIND: Readonly<Record<string, MessageKey>> = {
  gridId: 'err.gridId',
  status: 'err.status',
  photoIds: 'err.photoIds',
  location: 'err.location',
  patrolId: 'err.link',
  rentalHouseId: 'err.link',
};
const ANY_KIND_WHOLE = ['location', 'photoIds'];

function fieldKeyOf(path: string, messages: KindFieldMessages): string {
  const parts = path.replace(/^body\./, '').split('.');
  const head = parts[0] ?? '';
  if (ANY_KIND_WHOLE.includes(head) || messages.wholeFields?.includes(head)) return head;
  if (messages.itemFields?.includes(head) && parts.length >= 3) return parts.slice(0, 3).join('.');
  return parts.join('.');
}

function messageFor(fieldKey: string, body: unknown, messages: KindFieldMessages): MessageKey {
  const pattern = fieldKey.replace(/\.\d+(?=\.|$)/g, '.*');
  const special = messages.messageFor?.(pattern, body);
  if (special) return special;
  // An item's id or a list entry reported by index belongs to the item's own list.
  const list = pattern.replace(/\.\*(\.id)?$/, '');
  for (const candidate of [pattern, list]) {
    const message =
      messages.fields[candidate] ??
      (messages.cappedTexts.includes(candidate) ? 'err.textTooLong' : undefined) ??
      ANY_KIND[candidate];
    if (message) return message;
  }
  return 'err.generic';
}

/** Rules that read the same on every field, recognised by the domain's own wire message. */
const BY_RULE: Record<string, MessageKey> = {
  [UNSAFE_TEXT_MESSAGE]: 'err.unsafeText',
  [UNSAFE_MULTILINE_TEXT_MESSAGE]: 'err.unsafeMultilineText',
  [DEVICE_CLOCK_MESSAGE]: 'err.deviceClock',
};

/**
 * One message per field of a record of `kind` (the first issue wins); `body` disambiguates
 * refinements that share a path.
 */
export function fieldErrorsFrom(kind: RecordKind, issues: readonly Issue[], body?: unknown): FieldErrors {
  const messages = FIELD_MESSAGES[kind];
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = fieldKeyOf(issue.path, messages);
    errors[key] ??=
      BY_RULE[issue.message] ?? messages.byMessage?.(issue.message) ?? messageFor(key, body, messages);
  }
  return errors;
}

/**
 * The messages no field on screen shows (`shown`: the texts of the rendered field errors), each
 * once: a rule about a field the form lacks must still be said somewhere.
 */
export function unplacedErrors(errors: FieldErrors, shown: readonly string[]): MessageKey[] {
  const onScreen = new Set(shown);
  return [...new Set(Object.values(errors))].filter((key) => !onScreen.has(t(key)));
}
