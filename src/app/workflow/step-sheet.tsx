import { useState } from 'preact/hooks';
import { BottomSheet } from '../components/bottom-sheet';
import type { PhotoItem } from '../components/photo-field';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import './step-sheet.css';
import { StepField } from './step-field';
import { missingFields, photosIn, type StepSpec, type StepValues } from './step-spec';

interface StepSheetProps<Context, Action> {
  /** The step's name (受理, 复查…), and what it is about when the screen shows several (a hazard). */
  title: string;
  /** The confirm button's words; 确认 + the step's name when the kind has none of its own. */
  confirmLabel?: string;
  spec: StepSpec<Context, Action>;
  context: Context;
  /** Applies and saves the action (save-step.ts): an error message, or undefined once saved. */
  save: (action: Action, photos: PhotoItem[]) => Promise<string | undefined>;
  onDone: () => void;
}

/**
 * The bottom sheet of one workflow step of any kind: exactly that step's fields, and 确认 in the
 * thumb zone. Empty required fields are marked first; then the state machine may still refuse
 * (e.g. 调解成功 before any 调解记录, 复查 before the deadline), and that reason is shown here in
 * Chinese with nothing saved.
 */
export function StepSheet<Context, Action>({
  title,
  confirmLabel,
  spec,
  context,
  save,
  onDone,
}: StepSheetProps<Context, Action>) {
  const [values, setValues] = useState<StepValues>(() => spec.initial(context));
  const [missing, setMissing] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const fields = spec.fields(context).filter((f) => f.when?.(values) ?? true);

  const confirm = async () => {
    const empty = missingFields(fields, values);
    setMissing(empty);
    setRefusal(undefined);
    if (empty.length > 0) return;
    setBusy(true);
    const error = await save(spec.toAction(values, context), photosIn(fields, values));
    setBusy(false);
    if (error) setRefusal(error);
    else onDone();
  };

  return (
    <BottomSheet title={title} class="step-sheet" focus="input, textarea, select, button" onClose={onDone}>
      {spec.note && <p class="step-sheet__note">{t(spec.note)}</p>}
      {fields.map((field) => (
        <StepField
          key={field.key}
          spec={field}
          value={values[field.key]}
          onValue={(value) => {
            setValues((v) => ({ ...v, [field.key]: value }));
            setMissing((m) => m.filter((k) => k !== field.key));
          }}
          error={missing.includes(field.key) ? ('sheet.fieldRequired' as MessageKey) : undefined}
        />
      ))}
      <div class="step-sheet__footer">
        {refusal && (
          <p class="step-sheet__refusal" role="alert">
            {refusal}
          </p>
        )}
        <div class="action-bar__row">
          <button type="button" class="button button--secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="button" class="button button--primary" disabled={busy} onClick={() => void confirm()}>
            {confirmLabel ?? t('sheet.confirm', { action: title })}
          </button>
        </div>
      </div>
    </BottomSheet>
  );
}
