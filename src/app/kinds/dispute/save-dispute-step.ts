import { applyDisputeAction, type DisputeAction } from '../../../domain/dispute-actions';
import type { DisputeRecord } from '../../../domain/record-envelope';
import { t } from '../../i18n/i18n';
import { currentDb } from '../../status/session';
import { saveStep } from '../../workflow/save-step';
import { handOverDispute } from '../grid-event/hand-over';

/**
 * A dispute step through the case's state machine (dispute-actions.ts), then saved. Sent beyond the
 * community, the case also becomes an event for the street (hand-over.ts).
 */
export async function saveDisputeStep(
  record: DisputeRecord,
  action: DisputeAction,
): Promise<string | undefined> {
  const error = await saveStep(record, (body, actor) => {
    const result = applyDisputeAction(body, action, actor);
    return result.ok ? result : { ok: false, message: t(`refusal.${result.reason}`) };
  });
  if (error === undefined && action.type === 'escalate') {
    const saved = await currentDb.value?.records.get(record.id);
    if (saved?.record.kind === 'dispute') await handOverDispute(saved.record, action.reason);
  }
  return error;
}
