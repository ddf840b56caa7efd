/**
 * What a phone's clock may say (README "Times and a phone's clock"). Records carry times from the
 * phone that saved them; a phone set to 2999 (or reset to 1970) would otherwise sit on top of every
 * list, never fall due in 今日待办 and skew the week's statistics. So a pushed record is refused,
 * naming the field, when:
 *   - createdAt (of a new record) or updatedAt is before EARLIEST_RECORD_TIME, or more than
 *     MAX_CLOCK_AHEAD_MS ahead of the server's clock — both are stamped by the phone's clock at save;
 *   - any moment in its body (a field declared with dateTimeSchema: 登记时间, 开始巡查, a flow log
 *     step…) is more than MAX_CLOCK_AHEAD_MS ahead. Body moments may be older than 2020 (a dispute
 *     that began years ago), so only the future is bounded there.
 * A day ahead leaves room for a clock that drifts or was set by hand; time zones are in the offset.
 */
import type { Issue } from './protocol';
import { bodySchemaByKind, type GridRecord } from './record-envelope';
import { dateTimeSchema } from './text';

export const EARLIEST_RECORD_TIME = '2020-01-01T00:00:00.000Z';
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
/** The wire message; the app matches it to say 手机时间不正确 (field-errors.ts). */
export const DEVICE_CLOCK_MESSAGE =
  'The time is not accepted (before 2020-01-01 or more than 24 h ahead of the server): check the device clock';

/** Whether a time stamped by a device clock is acceptable against the clock `now` (the server's). */
export function isPlausibleStamp(at: string, now: Date): boolean {
  const ms = Date.parse(at);
  return ms >= Date.parse(EARLIEST_RECORD_TIME) && ms <= now.getTime() + MAX_CLOCK_AHEAD_MS;
}

interface SchemaNode {
  _zod: { def: { type: string; shape?: object; element?: unknown; innerType?: unknown } };
}

/** Body paths and values of the fields declared with dateTimeSchema, found through the schema. */
function moments(schema: SchemaNode, value: unknown, path: string[], out: [string[], string][]): void {
  if ((schema as unknown) === dateTimeSchema) {
    if (typeof value === 'string') out.push([path, value]);
    return;
  }
  const def = schema._zod.def;
  if (def.type === 'optional' && def.innerType) moments(def.innerType as SchemaNode, value, path, out);
  else if (def.type === 'array' && def.element && Array.isArray(value)) {
    value.forEach((item, i) => {
      moments(def.element as SchemaNode, item, [...path, String(i)], out);
    });
  } else if (def.type === 'object' && def.shape && typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(def.shape as Record<string, SchemaNode>)) {
      moments(child, (value as Record<string, unknown>)[key], [...path, key], out);
    }
  }
}

/**
 * The times of a pushed record a wrong clock made, each as an issue on its field. `isNew`: the
 * record is not on the server yet (a stored record keeps its createdAt, whatever is pushed).
 */
export function deviceClockIssues(record: GridRecord, now: Date, isNew: boolean): Issue[] {
  const issues: Issue[] = [];
  if (isNew && !isPlausibleStamp(record.createdAt, now))
    issues.push({ path: 'createdAt', message: DEVICE_CLOCK_MESSAGE });
  if (!isPlausibleStamp(record.updatedAt, now))
    issues.push({ path: 'updatedAt', message: DEVICE_CLOCK_MESSAGE });
  const found: [string[], string][] = [];
  moments(bodySchemaByKind[record.kind] as unknown as SchemaNode, record.body, ['body'], found);
  for (const [path, at] of found) {
    if (Date.parse(at) > now.getTime() + MAX_CLOCK_AHEAD_MS)
      issues.push({ path: path.join('.'), message: DEVICE_CLOCK_MESSAGE });
  }
  return issues;
}
