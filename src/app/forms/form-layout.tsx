import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LocalGrid } from '../../sync/local-db';
import { AppBar } from '../components/app-bar';
import { GridPicker } from '../components/grid-picker';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { formDirty } from '../pwa-update';
import { DraftBanner, type RestoredDraft } from './draft-banner';
import { unplacedErrors } from './field-errors';
import type { SaveState } from './use-record-save';

/** Enough to say what blocks the save without the bar covering the form. */
const MAX_UNPLACED_SHOWN = 3;

interface FormLayoutProps {
  title: string;
  back: string;
  grids: readonly Pick<LocalGrid, 'id' | 'name' | 'communityName'>[];
  gridId: string;
  onGridId: (gridId: string) => void;
  state: SaveState;
  onSave: () => void;
  /** Set when the form reopened with an autosaved draft. */
  restoredDraft?: RestoredDraft | undefined;
  onDiscardDraft?: (() => void) | undefined;
  children: ComponentChildren;
  /** A line above 保存 (e.g. the inspection's "2 项不符合"). */
  barNote?: ComponentChildren;
}

/** Every record form: top bar, grid picker, the kind's fields, and 保存 as a big sticky bottom button. */
export function FormLayout({
  title,
  back,
  grids,
  gridId,
  onGridId,
  state,
  onSave,
  restoredDraft,
  onDiscardDraft,
  children,
  barNote,
}: FormLayoutProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const errorCount = Object.keys(state.errors).length;
  const [unplaced, setUnplaced] = useState<MessageKey[]>([]);

  // Leaving the form (saved or not) ends the "unsaved input" hold on the update prompt.
  useEffect(
    () => () => {
      formDirty.value = false;
    },
    [],
  );

  // After a failed save, take the worker to the first field to fix: on a long form it is off-screen.
  useEffect(() => {
    if (errorCount === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('.field--invalid');
    first?.scrollIntoView({ block: 'center' });
    first?.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
  }, [state.errors, errorCount]);

  // A rule about a field the form does not show (an agreement once 调解成功 is chosen, a hazard's
  // deadline on a form without hazards) would leave only "n 处需修改": say those above 保存.
  useEffect(() => {
    const shown = [...(formRef.current?.querySelectorAll('.field__error') ?? [])].map(
      (e) => e.textContent ?? '',
    );
    setUnplaced(unplacedErrors(state.errors, shown));
  }, [state.errors]);

  return (
    <div class="screen screen--form">
      <AppBar title={title} back={back} />
      <form
        ref={formRef}
        class="record-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
      >
        {restoredDraft && onDiscardDraft && <DraftBanner {...restoredDraft} onDiscard={onDiscardDraft} />}
        <GridPicker grids={grids} value={gridId} onValue={onGridId} error={state.errors.gridId} />
        {children}
        <div class="save-bar">
          {barNote}
          {errorCount > 0 && (
            <p class="save-bar__message" role="alert">
              {t('form.invalidSummary', { n: errorCount })}
            </p>
          )}
          {unplaced.slice(0, MAX_UNPLACED_SHOWN).map((key) => (
            <p key={key} class="save-bar__message">
              {t(key)}
            </p>
          ))}
          {state.formError && (
            <p class="save-bar__message" role="alert">
              {t(state.formError.key, { message: state.formError.message ?? '' })}
            </p>
          )}
          <button
            type="submit"
            class="button button--primary button--block button--large"
            disabled={state.saving}
          >
            {state.saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
