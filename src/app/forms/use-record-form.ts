/**
 * What every record form shares: the draft and its `update` (which marks the form dirty so an
 * app update never reloads over it, and autosaves it so a killed tab loses nothing), the grid
 * picker, saving, and the props of FormLayout.
 */
import { useState } from 'preact/hooks';
import type { RecordOfKind } from '../../domain/record-envelope';
import type { RecordKind } from '../../domain/record-kinds';
import { newPhotoDrafts, type PhotoItem } from '../components/photo-field';
import { t } from '../i18n/i18n';
import { formDirty } from '../pwa-update';
import { useFormDraft } from './use-form-draft';
import { useFormGrids } from './use-form-grids';
import { useRecordSave } from './use-record-save';

export interface RecordFormOptions<D, K extends RecordKind = RecordKind> {
  /** Every photo the draft holds when some live outside `draft.photos` (per checklist item, per fix). */
  photosOf?: (draft: D) => readonly PhotoItem[];
  /** Where to go after saving, instead of the saved record (e.g. on to its first inspection). */
  afterSave?: (recordId: string) => string;
  /**
   * What else saving changes (an event found on patrol counts in its log; a hazard handed to
   * 综合执法 becomes its event); `created` for a new record.
   */
  onSaved?: (record: RecordOfKind<K>, created: boolean) => Promise<void>;
}

export function useRecordForm<K extends RecordKind, D extends { photos: PhotoItem[] }>(
  kind: K,
  existing: RecordOfKind<K> | undefined,
  initialDraft: () => D,
  bodyFrom: (draft: D) => Record<string, unknown>,
  options: RecordFormOptions<D, K> = {},
) {
  const [draft, setDraft] = useState(initialDraft);
  const { grids, gridId, setGridId } = useFormGrids(existing?.gridId);
  const { state, save } = useRecordSave(kind, existing, options.afterSave, options.onSaved);
  const autosave = useFormDraft({ kind, existing, draft, setDraft, initialDraft, gridId, setGridId });
  const update = (patch: Partial<D>) => {
    formDirty.value = true;
    autosave.touch();
    setDraft((d) => ({ ...d, ...patch }));
  };
  const submit = async () => {
    await autosave.hold();
    const saved = await save(
      gridId,
      bodyFrom(draft),
      newPhotoDrafts(options.photosOf?.(draft) ?? draft.photos),
      { opened: autosave.opened(), baseRev: autosave.baseRev() },
    );
    await autosave.settle(saved);
  };
  const layout = {
    title: t(existing ? `form.edit.${kind}` : `form.new.${kind}`),
    back: existing ? `/records/${existing.id}` : '/',
    grids,
    gridId,
    onGridId: (id: string) => {
      formDirty.value = true;
      autosave.touch();
      setGridId(id);
    },
    state: state.value,
    onSave: () => void submit(),
    restoredDraft: autosave.restored,
    onDiscardDraft: () => void autosave.discard(),
  };
  return { draft, update, errors: state.value.errors, layout };
}
