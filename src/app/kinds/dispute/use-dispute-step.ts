/**
 * Saving a workflow step: the step is applied to the body and checked by the state machine first,
 * then the new body is validated by the schema, and only then written as an edit of the record
 * with its outbox mutation. A refusal is returned as a message and nothing is saved.
 */

import { disputeBodySchema } from '../../../domain/dispute';
import { applyDisputeAction, type DisputeAction } from '../../../domain/dispute-actions';
import type { DisputeRecord } from '../../../domain/record-envelope';
import { StorageFullError, saveEdit } from '../../../sync/outbox';
import { editRecord } from '../../../sync/record-factory';
import { uuidV7 } from '../../../sync/uuid-v7';
import { t } from '../../i18n/i18n';
import { requestSync } from '../../status/page-scheduler';
import { currentDb, session } from '../../status/session';

/** Applies and saves `action`; resolves to an error message, or undefined once saved. */
export async function saveDisputeStep(
  record: DisputeRecord,
  action: DisputeAction,
): Promise<string | undefined> {
  const db = currentDb.value;
  const user = session.value?.user;
  if (!db || !user) return t('sheet.saveFailed', { message: 'no session' });
  const now = new Date();
  const result = applyDisputeAction(record.body, action, {
    now,
    userId: user.id,
    userName: user.name,
    newId: () => uuidV7(),
  });
  if (!result.ok) return t(`refusal.${result.reason}`);
  const parsed = disputeBodySchema.safeParse(result.body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    return t('sheet.invalid', { field });
  }
  try {
    await saveEdit(db, record, editRecord(record, { body: parsed.data, userId: user.id, now }), now);
  } catch (error) {
    const message =
      error instanceof StorageFullError
        ? t('form.storageFull')
        : error instanceof Error
          ? error.message
          : String(error);
    return t('sheet.saveFailed', { message });
  }
  requestSync('save');
  return undefined;
}
