import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

interface MaskedValueProps {
  value: string;
  mask: (value: string) => string;
  /** Revealed phone numbers become tap-to-call links. */
  tel?: boolean;
}

/**
 * A sensitive value, masked until the user taps 显示 (DOMAIN.md §6.2). The audited reveal (reason
 * code, audit log entry) comes later; for now revealing is local and not recorded.
 */
export function MaskedValue({ value, mask, tel }: MaskedValueProps) {
  const [shown, setShown] = useState(false);
  return (
    <span class="masked">
      {shown && tel ? <a href={`tel:${value}`}>{value}</a> : <span>{shown ? value : mask(value)}</span>}
      <button type="button" class="masked__toggle" aria-pressed={shown} onClick={() => setShown(!shown)}>
        {shown ? t('common.hide') : t('common.show')}
      </button>
    </span>
  );
}
