import { TextField } from '../../components/text-field';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';

/** The types with suggested sub-types (DOMAIN.md §2.3); the list lives in the i18n table. */
const SUGGESTIONS: Partial<Record<string, MessageKey>> = {
  marriageFamily: 'disputeSubTypes.marriageFamily',
  neighbor: 'disputeSubTypes.neighbor',
};

interface SubTypeFieldProps {
  disputeType: string;
  value: string;
  onValue: (value: string) => void;
  error?: MessageKey | undefined;
}

/** 纠纷子类: free text, with one-tap chips for the causes that dominate 婚姻家庭 and 邻里 disputes. */
export function SubTypeField({ disputeType, value, onValue, error }: SubTypeFieldProps) {
  const key = SUGGESTIONS[disputeType];
  const suggestions = key ? t(key).split('、') : [];
  return (
    <div class="sub-type">
      <TextField
        id="disputeSubType"
        label={t('dispute.subType')}
        maxLength={50}
        value={value}
        onValue={onValue}
        error={error}
        {...(suggestions.length > 0 && { hint: t('dispute.subTypeHint') })}
      />
      {suggestions.length > 0 && (
        <div class="suggestions">
          {suggestions.map((s) => (
            <button
              key={s}
              type="button"
              class={value === s ? 'suggestion is-on' : 'suggestion'}
              aria-pressed={value === s}
              onClick={() => onValue(s)}
            >
              {s}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
