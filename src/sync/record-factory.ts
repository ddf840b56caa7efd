import { isPlausibleStamp } from '../domain/device-clock';
import type { GridRecord, RecordOfKind } from '../domain/record-envelope';
import { RECORD_SCHEMA_VERSION } from '../domain/record-envelope';
import type { RecordKind } from '../domain/record-kinds';
import { uuidV7 } from './uuid-v7';

/** A new record of `kind`, made on the device: rev 0 (never synced), id a UUIDv7. */
export function newRecord<K extends RecordKind>(
  kind: K,
  fields: { gridId: string; body: RecordOfKind<K>['body']; userId: string; now: Date },
): RecordOfKind<K> {
  const at = fields.now.toISOString();
  return {
    id: uuidV7(fields.now.getTime()),
    kind,
    gridId: fields.gridId,
    rev: 0,
    createdAt: at,
    createdBy: fields.userId,
    updatedAt: at,
    updatedBy: fields.userId,
    deleted: false,
    schemaVersion: RECORD_SCHEMA_VERSION,
    body: fields.body,
  } as RecordOfKind<K>;
}

/**
 * A copy of `record` with a new body (and grid), stamped with who edited it and when. A record the
 * server never accepted whose createdAt a wrong clock made (device-clock.ts) takes the time of this
 * save as well: saving again after fixing the clock is how 手机时间不正确 is resolved.
 */
export function editRecord<R extends GridRecord>(
  record: R,
  changes: { body: R['body']; gridId?: string; userId: string; now: Date },
): R {
  const restamp = record.rev === 0 && !isPlausibleStamp(record.createdAt, changes.now);
  return {
    ...record,
    ...(restamp && { createdAt: changes.now.toISOString() }),
    gridId: changes.gridId ?? record.gridId,
    body: changes.body,
    updatedAt: changes.now.toISOString(),
    updatedBy: changes.userId,
  };
}
