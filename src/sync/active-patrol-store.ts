/**
 * Which patrol runs on this device, read at app start. Apart from patrol-session.ts because the home
 * screen needs it and must not load the record schemas to get it.
 */
import type { LocalDb } from './local-db';

/** The patrol running on this device, if any (and still a live patrol record). */
export async function readActivePatrolId(db: LocalDb): Promise<string | undefined> {
  const row = await db.meta.get('activePatrolId');
  const id = typeof row?.value === 'string' ? row.value : undefined;
  if (!id) return undefined;
  const record = await db.records.get(id);
  if (!record || record.record.deleted || record.kind !== 'patrol') {
    await db.meta.delete('activePatrolId');
    return undefined;
  }
  return id;
}
