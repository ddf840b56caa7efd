import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';

/**
 * A sub-category's name: a 矛盾纠纷 event's are the dispute types (their labels are the dispute
 * kind's), the others' live under `eventSub.<L1>.<L2>` (codes repeat across level-one categories:
 * 消防安全 and 火情 are both `fire`). A code a street added shows its street's name (`streetLabel`,
 * kept on the event as it was chosen), or itself when none is known.
 */
export function subcategoryLabel(categoryL1: string, categoryL2: string, streetLabel?: string): string {
  if (categoryL1 === 'dispute') return label('disputeType', categoryL2);
  const key = `eventSub.${categoryL1}.${categoryL2}` as MessageKey;
  const text = t(key);
  return text !== key ? text : (streetLabel ?? categoryL2);
}
