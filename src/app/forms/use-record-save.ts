/**
 * Save for every form: build the envelope with newRecord/editRecord, check it once (checkRecord:
 * errors show at once, next to the fields, before a photo is kept), write it and its outbox
 * mutation in one transaction (saveValidRecord, saveEdit), nudge the scheduler, and open the saved record.
 */
import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso/router';
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { StorageFullError, saveEdit, saveValidRecord } from '../../sync/outbox';
import { type PhotoDraft, storePhotos } from '../../sync/photo-store';
import { editRecord, newRecord } from '../../sync/record-factory';
import { checkRecord } from '../../sync/valid-record';
import type { MessageKey } from '../i18n/zh-cn';
import { formDirty } from '../pwa-update';
import { requestSync } from '../status/page-scheduler';
import { currentDb, session } from '../status/session';
import { type FieldErrors, fieldErrorsFrom } from './field-errors';

export interface SaveState {
  errors: FieldErrors;
  /** A problem that belongs to no field (storage full, unexpected failure). */
  formError: { key: MessageKey; message?: string } | undefined;
  saving: boolean;
}

export function useRecordSave<K extends RecordKind>(
  kind: K,
  existing: RecordOfKind<K> | undefined,
  afterSave?: (recordId: string) => string,
  onSaved?: (record: RecordOfKind<K>, created: boolean) => Promise<void>,
) {
  const { route } = useLocation();
  const state = useSignal<SaveState>({ errors: {}, formError: undefined, saving: false });

  const fail = (errors: FieldErrors, formError?: SaveState['formError']) => {
    state.value = { errors, formError, saving: false };
  };

  /**
   * `photos`: the ones just taken, kept on the device before the record that references them.
   * `base`: what the unsaved input was made from — the record as the form (or its restored draft)
   * first read it, else only the rev of a draft kept before drafts stored that record. The save
   * carries the user's changes from it onto the record as the device holds it now (saveEdit), so
   * the device's own writes since never come back as a conflict. Resolves true once saved.
   */
  const save = async (
    gridId: string,
    candidate: Record<string, unknown>,
    photos: readonly PhotoDraft[] = [],
    base?: { opened: RecordOfKind<K> | undefined; baseRev: number },
  ): Promise<boolean> => {
    const db = currentDb.value;
    const user = session.value?.user;
    if (!db || !user || state.value.saving) return false;
    const now = new Date();
    const opened = existing && (base ? base.opened : existing);
    const from =
      opened ?? (existing && base ? { ...existing, rev: Math.min(base.baseRev, existing.rev) } : undefined);
    // The candidate is what the fields hold; checkRecord is what tells a body from a candidate.
    const body = candidate as RecordOfKind<K>['body'];
    const made = from
      ? editRecord(from, { body, gridId, userId: user.id, now })
      : newRecord(kind, { gridId, body, userId: user.id, now });
    const checked = checkRecord(made);
    if (!checked.ok) {
      fail(fieldErrorsFrom(kind, checked.issues, candidate));
      return false;
    }
    const record = checked.record;
    state.value = { errors: {}, formError: undefined, saving: true };
    try {
      await storePhotos(db, photos, record.id, now);
      if (opened) await saveEdit(db, opened, record, now);
      else await saveValidRecord(db, record, now);
      await onSaved?.(record as RecordOfKind<K>, !opened);
    } catch (error) {
      if (error instanceof StorageFullError) fail({}, { key: 'form.storageFull' });
      else
        fail({}, { key: 'form.saveFailed', message: error instanceof Error ? error.message : String(error) });
      return false;
    }
    formDirty.value = false;
    requestSync('save');
    route(afterSave?.(record.id) ?? `/records/${record.id}`, true);
    return true;
  };

  return { state, save };
}
