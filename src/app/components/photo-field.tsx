import { useState } from 'preact/hooks';
import { MAX_PHOTOS_PER_RECORD } from '../../domain/photo';
import { type PhotoDraft, PhotoInvalidError } from '../../sync/photo-store';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { PhotoThumb } from './photo-thumb';

/** A photo on a form: one the record references already, or one just taken (`draft`, not stored yet). */
export interface PhotoItem {
  sha256: string;
  draft?: PhotoDraft;
}

/** The photos a form starts with. */
export function photoItemsFrom(photoIds: readonly string[] | undefined): PhotoItem[] {
  return (photoIds ?? []).map((sha256) => ({ sha256 }));
}

/** The photos just taken, for `save` to store before the record that references them. */
export function newPhotoDrafts(items: readonly PhotoItem[]): PhotoDraft[] {
  return items.flatMap((item) => (item.draft ? [item.draft] : []));
}

/** The body's `photoIds`, left out when there are none. */
export function photoIdsField(items: readonly PhotoItem[]): { photoIds?: string[] } {
  return items.length > 0 ? { photoIds: items.map((item) => item.sha256) } : {};
}

interface PhotoFieldProps {
  id: string;
  value: readonly PhotoItem[];
  onValue: (value: PhotoItem[]) => void;
  /** Names what the photos show when a form has several photo fields (现场照片, 整改后照片). */
  label?: string;
}

/**
 * 照片: thumbnails with a remove button each, 拍照 (opens the rear camera on a phone) and 从相册选择.
 * Each picked image is shrunk on the device before it is kept; a non-image or one still too large
 * gets a Chinese message and is not added.
 */
export function PhotoField({ id, value, onValue, label }: PhotoFieldProps) {
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const add = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setError(undefined);
    const next = [...value];
    let problem: MessageKey | undefined;
    const { compressPhoto } = await import('../../sync/photo-compress');
    for (const file of files) {
      if (next.length >= MAX_PHOTOS_PER_RECORD) {
        problem = 'photo.tooMany';
        break;
      }
      try {
        const draft = await compressPhoto(file);
        if (!next.some((item) => item.sha256 === draft.sha256)) next.push({ sha256: draft.sha256, draft });
      } catch (failure) {
        problem =
          failure instanceof PhotoInvalidError && failure.reason === 'too-large'
            ? 'photo.tooLarge'
            : 'photo.notImage';
      }
    }
    setBusy(false);
    setError(problem);
    if (next.length !== value.length) onValue(next);
  };

  const full = value.length >= MAX_PHOTOS_PER_RECORD;
  return (
    <fieldset class={error ? 'field photo-field field--invalid' : 'field photo-field'} id={id}>
      <legend class="field__label">{label ?? t('photo.label')}</legend>
      {value.length > 0 && (
        <ul class="photo-strip">
          {value.map((item, index) => (
            <li key={item.sha256} class="photo-strip__item">
              <PhotoThumb sha256={item.sha256} draft={item.draft} alt={t('photo.alt', { n: index + 1 })} />
              <button
                type="button"
                class="photo-strip__remove"
                aria-label={t('photo.remove', { n: index + 1 })}
                onClick={() => onValue(value.filter((other) => other.sha256 !== item.sha256))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="photo-field__actions">
        <label class={full || busy ? 'button button--secondary is-disabled' : 'button button--secondary'}>
          {t('photo.take')}
          <input
            id={`${id}-camera`}
            class="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full || busy}
            onChange={(event) => void add(event.currentTarget)}
          />
        </label>
        <label class={full || busy ? 'button button--secondary is-disabled' : 'button button--secondary'}>
          {t('photo.pick')}
          <input
            id={`${id}-gallery`}
            class="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            disabled={full || busy}
            onChange={(event) => void add(event.currentTarget)}
          />
        </label>
      </div>
      {busy && <p class="field__hint">{t('photo.processing')}</p>}
      {!busy && !error && <p class="field__hint">{t('photo.hint')}</p>}
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}
