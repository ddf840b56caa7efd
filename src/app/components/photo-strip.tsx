import { photoIdsOf } from '../../domain/photo';
import type { GridRecord } from '../../domain/record-envelope';
import { countUploaded } from '../../sync/photo-store';
import { t } from '../i18n/i18n';
import { useLiveQuery } from '../lib/use-live-query';
import { currentDb } from '../status/session';
import { PhotoThumb } from './photo-thumb';

/** A record's photos on its detail screen, with how many of them have reached the server. */
export function PhotoStrip({ record }: { record: GridRecord }) {
  const db = currentDb.value;
  // Signatures are photos too (signature.ts), shown on the printed agreement, not among the photos.
  const signatures = new Set(
    record.kind === 'dispute' ? (record.body.signatures ?? []).map((s) => s.photoId) : [],
  );
  const photoIds = photoIdsOf(record.body).filter((id) => !signatures.has(id));
  const key = photoIds.join(',');
  const uploaded = useLiveQuery(async () => (db ? countUploaded(db, photoIds) : 0), [db, key]);
  if (photoIds.length === 0) return null;
  return (
    <section class="photo-section" aria-label={t('photo.label')}>
      <div class="photo-section__head">
        <h2 class="section-title">{t('photo.label')}</h2>
        <span class="photo-section__status" data-photo-status>
          {t('photo.uploaded', { n: uploaded ?? 0, m: photoIds.length })}
        </span>
      </div>
      <ul class="photo-strip">
        {photoIds.map((sha256, index) => (
          <li key={sha256} class="photo-strip__item">
            <PhotoThumb sha256={sha256} alt={t('photo.alt', { n: index + 1 })} />
          </li>
        ))}
      </ul>
    </section>
  );
}
