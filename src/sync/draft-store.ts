/**
 * Form drafts on the device: one row per form, keyed by what the form edits, so reopening the same
 * form (also after the tab was killed) finds what was typed. Plain functions over the database.
 */
import type { GridRecord } from '../domain/record-envelope';
import type { RecordKind } from '../domain/record-kinds';
import type { LocalDb, StoredDraft } from './local-db';

/** What a form keeps of its unsaved input. */
export interface DraftContent {
  /** The form's draft state; stored as plain JSON (a round trip through JSON, see saveDraft). */
  state: unknown;
  gridId: string;
  baseRev: number;
  /** The record as the form first read it, that the unsaved input changes (saveEdit's `opened`). */
  opened?: GridRecord | undefined;
  droppedPhotos: number;
}

/** `${kind}:${recordId}` for an edit, `${kind}:new` for a new record. */
export function draftKey(kind: RecordKind, recordId?: string): string {
  return `${kind}:${recordId ?? 'new'}`;
}

/**
 * Keeps the draft under `key`, replacing the previous one. The state goes through JSON so what is
 * stored is exactly what a restore will see: no Blob, Date or class instance that IndexedDB would
 * clone differently from browser to browser.
 */
export async function saveDraft(
  db: LocalDb,
  key: string,
  content: DraftContent,
  now = new Date(),
): Promise<void> {
  const state: unknown = JSON.parse(JSON.stringify(content.state ?? null));
  const { opened, ...rest } = content;
  const row: StoredDraft = { key, ...rest, ...(opened && { opened }), state, updatedAt: now.toISOString() };
  await db.drafts.put(row);
}

/** The draft kept under `key`, if any. */
export async function loadDraft(db: LocalDb, key: string): Promise<StoredDraft | undefined> {
  return db.drafts.get(key);
}

/** Forgets the draft under `key` (saved, or given up). */
export async function clearDraft(db: LocalDb, key: string): Promise<void> {
  await db.drafts.delete(key);
}
