/**
 * Events made from other work (issue 12 §2): a rental hazard handed to 综合执法 or 消防 (交办) becomes
 * an event dispatched to that department of the street, and a dispute sent beyond the community
 * becomes an event for the street to take. Each is built by the domain (event-origins.ts) and saved
 * as a new record with its outbox mutation, offline like any other.
 */
import { departmentTypeForHazard } from '../../../domain/departments';
import { eventFromDispute, eventFromHazard } from '../../../domain/event-origins';
import type { GridEventBody } from '../../../domain/grid-event';
import type { DisputeRecord, RentalInspectionRecord } from '../../../domain/record-envelope';
import { saveValidRecord } from '../../../sync/outbox';
import { newRecord } from '../../../sync/record-factory';
import { uuidV7 } from '../../../sync/uuid-v7';
import { checkRecord } from '../../../sync/valid-record';
import { label } from '../../i18n/i18n';
import { currentDb, session } from '../../status/session';
import { proposedDeadline } from './event-step-specs';

/** The events on this device that came from `field` = `id` (a hazard or a dispute already handed over). */
async function eventsFrom(field: 'hazardId' | 'disputeId'): Promise<Set<string>> {
  const db = currentDb.value;
  if (!db) return new Set();
  const rows = await db.records.where('kind').equals('gridEvent').toArray();
  return new Set(
    rows.flatMap((row) =>
      (row.record.body as GridEventBody)[field] ? [(row.record.body as GridEventBody)[field] ?? ''] : [],
    ),
  );
}

async function saveEvent(gridId: string, body: GridEventBody, now: Date): Promise<void> {
  const db = currentDb.value;
  const user = session.value?.user;
  if (!db || !user) return;
  const checked = checkRecord(newRecord('gridEvent', { gridId, body, userId: user.id, now }));
  if (checked.ok) await saveValidRecord(db, checked.record, now);
}

/** Each hazard of the inspection referred to 综合执法 or 消防 and not yet an event becomes one. */
export async function handOverHazards(inspection: RentalInspectionRecord): Promise<void> {
  const db = currentDb.value;
  const user = session.value?.user;
  if (!db || !user) return;
  const departments = (await db.grids.get(inspection.gridId))?.departments ?? [];
  const handed = await eventsFrom('hazardId');
  const now = new Date();
  for (const hazard of inspection.body.hazards) {
    const type = hazard.referredTo && departmentTypeForHazard(hazard.referredTo);
    const department = type && departments.find((d) => d.type === type);
    if (!department || handed.has(hazard.id)) continue;
    const made = eventFromHazard({
      inspection: inspection.body,
      inspectionId: inspection.id,
      hazard,
      title: label('checklist', hazard.itemCode),
      department,
      deadline: proposedDeadline(now),
      reporter: { id: user.id, role: user.role, name: user.name },
      now,
      logIds: [uuidV7(), uuidV7()],
    });
    if (made.ok) await saveEvent(inspection.gridId, made.body, now);
  }
}

/** A dispute escalated beyond the community (街道, 区) becomes an event for the street, once. */
export async function handOverDispute(dispute: DisputeRecord, reason: string): Promise<void> {
  const user = session.value?.user;
  const level = dispute.body.handlingLevel;
  if (!user || (level !== 'street' && level !== 'district')) return;
  if ((await eventsFrom('disputeId')).has(dispute.id)) return;
  const now = new Date();
  const body = eventFromDispute({
    dispute: dispute.body,
    disputeId: dispute.id,
    reason,
    reporter: { id: user.id, role: user.role, name: user.name },
    now,
  });
  await saveEvent(dispute.gridId, body, now);
}
