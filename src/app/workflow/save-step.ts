/**
 * Saving a workflow step, for every kind: the kind's state machine applies the action to the body
 * and may refuse it; the edited record is then checked once (checkRecord) and, with any photos the
 * step took kept first, written as an edit of the record with its outbox mutation. A refusal or a
 * failure comes back as a message and nothing is saved.
 */
import type { GridRecord } from '../../domain/record-envelope';
import { StorageFullError, saveEdit } from '../../sync/outbox';
import { storePhotos } from '../../sync/photo-store';
import { editRecord } from '../../sync/record-factory';
import { uuidV7 } from '../../sync/uuid-v7';
import { checkRecord } from '../../sync/valid-record';
import { newPhotoDrafts, type PhotoItem } from '../components/photo-field';
import { t } from '../i18n/i18n';
import { requestSync } from '../status/page-scheduler';
import { currentDb, session } from '../status/session';

/** Who takes the step, and when: what a kind's state machine reads besides the body. */
export interface StepActor {
  now: Date;
  userId: string;
  userName: string;
  newId: () => string;
}

/** The body after the step, or the reason (in the user's language) the workflow refuses it. */
export type StepOutcome<Body> = { ok: true; body: Body } | { ok: false; message: string };

/** Applies and saves a step; resolves to an error message, or undefined once saved. */
export async function saveStep<R extends GridRecord>(
  record: R,
  apply: (body: R['body'], actor: StepActor) => StepOutcome<R['body']>,
  photos: readonly PhotoItem[] = [],
): Promise<string | undefined> {
  const db = currentDb.value;
  const user = session.value?.user;
  if (!db || !user) return t('sheet.saveFailed', { message: 'no session' });
  const now = new Date();
  const outcome = apply(record.body, { now, userId: user.id, userName: user.name, newId: () => uuidV7() });
  if (!outcome.ok) return outcome.message;
  const checked = checkRecord(editRecord(record, { body: outcome.body, userId: user.id, now }));
  if (!checked.ok) return t('sheet.invalid', { field: checked.issues[0]?.path.replace(/^body\./, '') ?? '' });
  try {
    await storePhotos(db, newPhotoDrafts(photos), record.id, now);
    await saveEdit(db, record, checked.record, now);
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
