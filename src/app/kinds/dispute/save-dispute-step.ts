import { applyDisputeAction, type DisputeAction } from '../../../domain/dispute-actions';
import type { DisputeRecord } from '../../../domain/record-envelope';
import { t } from '../../i18n/i18n';
import { saveStep } from '../../workflow/save-step';

/** A dispute step through the case's state machine (dispute-actions.ts), then saved. */
export function saveDisputeStep(record: DisputeRecord, action: DisputeAction): Promise<string | undefined> {
  return saveStep(record, (body, actor) => {
    const result = applyDisputeAction(body, action, actor);
    return result.ok ? result : { ok: false, message: t(`refusal.${result.reason}`) };
  });
}
