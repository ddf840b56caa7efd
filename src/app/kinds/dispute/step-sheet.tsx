import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { DisputeActionType } from '../../../domain/dispute-actions';
import type { DisputeRecord } from '../../../domain/record-envelope';
import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import { StepField } from './step-field';
import { missingFields, STEP_SPECS, type StepContext, type StepValues } from './step-specs';
import { saveDisputeStep } from './use-dispute-step';

interface StepSheetProps {
  record: DisputeRecord;
  type: DisputeActionType;
  context: StepContext;
  onDone: () => void;
}

/**
 * The bottom sheet of one workflow step: exactly that step's fields, and 确认 in the thumb zone.
 * Empty required fields are marked first; then the state machine may still refuse (e.g. 调解成功
 * before any 调解记录), and that reason is shown here in Chinese with nothing saved.
 */
export function StepSheet({ record, type, context, onDone }: StepSheetProps) {
  const id = useId();
  const spec = STEP_SPECS[type];
  const [values, setValues] = useState<StepValues>(() => spec.initial(context));
  const [missing, setMissing] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const sheet = useRef<HTMLDivElement>(null);
  const fields = spec.fields(context).filter((f) => f.when?.(values) ?? true);
  const name = label('action', type);

  useEffect(() => {
    sheet.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
  }, []);

  const confirm = async () => {
    const empty = missingFields(fields, values);
    setMissing(empty);
    setRefusal(undefined);
    if (empty.length > 0) return;
    setBusy(true);
    const error = await saveDisputeStep(record, spec.toAction(values, context));
    setBusy(false);
    if (error) setRefusal(error);
    else onDone();
  };

  return (
    <div class="reveal-layer">
      <button
        type="button"
        class="reveal-backdrop"
        tabIndex={-1}
        aria-label={t('common.cancel')}
        onClick={onDone}
      />
      <div
        class="reveal-sheet step-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        ref={sheet}
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
      >
        <h2 class="reveal-sheet__title" id={`${id}-title`}>
          {name}
        </h2>
        {type === 'close' && <p class="step-sheet__note">{t('step.closeNote')}</p>}
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
            <button
              type="button"
              class="button button--primary"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {t('sheet.confirm', { action: name })}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
