/**
 * Autosave of a form's unsaved input (draft-store.ts): written ~400 ms after the last change and at
 * once when the page is hidden, restored when the same form opens again — also after the tab was
 * killed — and cleared when the record is saved or the user gives the draft up.
 *
 * Photos: a draft keeps only photos the record already references (their bytes are on the device or
 * on the server). A photo just taken lives in memory until 保存 stores it with the record; writing it
 * to the photo table earlier would queue an upload of a photo that no record may ever reference, and
 * keeping its bytes in the draft row would copy megabytes on every keystroke. So new photos are
 * dropped from the draft, and the banner says how many to take again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../../sync/draft-store';
import type { PhotoItem } from '../components/photo-field';
import { formDirty } from '../pwa-update';
import { currentDb, session } from '../status/session';
import type { RestoredDraft } from './draft-banner';

/** Long enough to skip most keystrokes, short enough that a killed tab loses under a second. */
export const DRAFT_SAVE_DELAY_MS = 400;

interface FormDraftOptions<K extends RecordKind, D extends { photos: PhotoItem[] }> {
  kind: K;
  existing: RecordOfKind<K> | undefined;
  draft: D;
  setDraft: (draft: D) => void;
  initialDraft: () => D;
  gridId: string;
  setGridId: (gridId: string) => void;
}

/** The stored form of a draft: photos reduced to those already kept by the record. */
function storable<D extends { photos: PhotoItem[] }>(draft: D) {
  const kept = draft.photos.filter((item) => !item.draft).map((item) => ({ sha256: item.sha256 }));
  return { state: { ...draft, photos: kept }, droppedPhotos: draft.photos.length - kept.length };
}

export function useFormDraft<K extends RecordKind, D extends { photos: PhotoItem[] }>(
  options: FormDraftOptions<K, D>,
) {
  const { kind, existing, draft, gridId } = options;
  const db = currentDb.value;
  const userId = session.value?.user.id;
  const key = draftKey(kind, existing?.id);
  const [restored, setRestored] = useState<RestoredDraft | undefined>(undefined);
  /** The rev the unsaved input was based on: the restored draft's, else the record's as opened. */
  const baseRev = useRef(existing?.rev ?? 0);
  /**
   * The record the unsaved input changes: as this form opened it, or as the restored draft's form
   * did. Undefined for a new record, and for a draft kept before drafts stored it (then only
   * `baseRev` is known and the server merges).
   */
  const opened = useRef<RecordOfKind<K> | undefined>(existing);
  /** The user changed something in this form: from then on, changes are saved as a draft. */
  const touched = useRef(false);
  /** Set while 保存 runs and after it succeeded: no draft write may land behind it. */
  const held = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ draft, gridId });
  latest.current = { draft, gridId };
  const initialGridId = useRef(gridId);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const write = async (): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (!db || held.current || !touched.current) return;
    const { state, droppedPhotos } = storable(latest.current.draft);
    try {
      await saveDraft(db, key, {
        state,
        gridId: latest.current.gridId,
        baseRev: baseRev.current,
        opened: opened.current,
        droppedPhotos,
      });
    } catch (error) {
      // A draft is a convenience: a full disk must not break typing. 保存 reports storage itself.
      console.warn('draft not saved', error);
    }
  };

  // Restore once per form: only if the user has not started typing meanwhile (the read is quick,
  // but a fast thumb must never have its input replaced).
  useEffect(() => {
    if (!db) return;
    let live = true;
    void loadDraft(db, key).then((row) => {
      if (!live || !row || touched.current) return;
      const { setDraft, initialDraft, setGridId } = optionsRef.current;
      const state = row.state as Partial<D>;
      // Over a fresh draft, so a field added to the form since the draft was written has its default.
      setDraft({ ...initialDraft(), ...state, photos: state.photos ?? [] });
      if (row.gridId) setGridId(row.gridId);
      baseRev.current = row.baseRev;
      const current = optionsRef.current.existing;
      opened.current =
        row.opened?.id === current?.id && row.opened?.kind === current?.kind
          ? (row.opened as RecordOfKind<K> | undefined)
          : undefined;
      setRestored({
        changedOnServer: current !== undefined && current.rev > row.baseRev && current.updatedBy !== userId,
        droppedPhotos: row.droppedPhotos,
      });
      touched.current = true;
      formDirty.value = true;
    });
    return () => {
      live = false;
    };
  }, [db, key]);

  // Save after each change, debounced.
  useEffect(() => {
    if (!touched.current || held.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void write(), DRAFT_SAVE_DELAY_MS);
  }, [draft, gridId]);

  // A hidden page may be killed without another event: write what is pending now. On unmount too
  // (leaving by 返回 keeps the draft for next time).
  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined) void write();
    };
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [db, key]);

  return {
    restored,
    /** The rev a save must be based on, so edits made elsewhere meanwhile are merged, not lost. */
    baseRev: () => baseRev.current,
    /** The record the unsaved input changes (see `opened` above). */
    opened: () => opened.current,
    /** Marks the form as changed by the user (call on every edit). */
    touch: () => {
      touched.current = true;
    },
    /** Before 保存: write what is pending and stop further writes until the outcome is known. */
    hold: async () => {
      await write();
      held.current = true;
    },
    /** After 保存: forget the draft if it succeeded, else keep autosaving. */
    settle: async (saved: boolean) => {
      if (!saved) {
        held.current = false;
        return;
      }
      if (db) await clearDraft(db, key);
    },
    /** 放弃草稿: forget the draft and start over from the record (or an empty form). */
    discard: async () => {
      clearTimeout(timer.current);
      timer.current = undefined;
      touched.current = false;
      baseRev.current = existing?.rev ?? 0;
      opened.current = existing;
      const { setDraft, initialDraft, setGridId } = optionsRef.current;
      setDraft(initialDraft());
      setGridId(existing?.gridId ?? initialGridId.current);
      setRestored(undefined);
      formDirty.value = false;
      if (db) await clearDraft(db, key);
    },
  };
}
