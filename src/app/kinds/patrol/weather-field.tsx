import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';

const WEATHER = ['sunny', 'cloudy', 'overcast', 'rain', 'snow', 'haze'] as const;

/**
 * 天气 as one tap. The body keeps free text (up to 20 characters), so the chip's words are stored;
 * tapping the chosen one again clears it.
 */
export function WeatherField({ value, onValue }: { value: string; onValue: (value: string) => void }) {
  const words = WEATHER.map((w) => t(`weather.${w}` as MessageKey));
  const options = value && !words.includes(value) ? [...words, value] : words;
  return (
    <fieldset class="field choice choice--chips" id="weather">
      <legend class="field__label">{t('patrolForm.weather')}</legend>
      <div class="choice__options">
        {options.map((word) => (
          <label key={word} class={value === word ? 'choice__option is-on' : 'choice__option'}>
            <input
              class="visually-hidden"
              type="checkbox"
              name="weather"
              checked={value === word}
              onChange={() => onValue(value === word ? '' : word)}
            />
            <span>{word}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
