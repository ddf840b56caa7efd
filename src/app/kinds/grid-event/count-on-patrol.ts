import { withEventCounted } from '../../../domain/event-origins';
import type { GridEventRecord } from '../../../domain/record-envelope';
import { saveEdit } from '../../../sync/outbox';
import { editRecord } from '../../../sync/record-factory';
import { checkRecord } from '../../../sync/valid-record';
import { currentDb, session } from '../../status/session';

/**
 * An event reported during a patrol counts in that patrol's log (发现问题 by category, 上报 or 自行解决),
 * saved as an edit of the patrol like any other (saveEdit: the patroller's own writes never collide).
 */
export async function countOnPatrol(event: GridEventRecord): Promise<void> {
  const db = currentDb.value;
  const user = session.value?.user;
  const patrolId = event.body.patrolId;
  if (!db || !user || !patrolId) return;
  const row = await db.records.get(patrolId);
  if (row?.record.kind !== 'patrol' || row.record.deleted) return;
  const now = new Date();
  const counted = editRecord(row.record, {
    body: withEventCounted(row.record.body, event.body),
    userId: user.id,
    now,
  });
  const checked = checkRecord(counted);
  if (checked.ok) await saveEdit(db, row.record, checked.record, now);
}
