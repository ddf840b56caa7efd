import type { PhotoDraft } from '../../sync/photo-store';
import { t } from '../i18n/i18n';
import { usePhotoUrl } from './use-photo-url';

interface PhotoThumbProps {
  sha256: string;
  /** A photo just taken and not saved yet: shown from these bytes. */
  draft?: PhotoDraft | undefined;
  alt: string;
}

/**
 * One photo as a square thumbnail (use-photo-url.ts says where the bytes come from). A photo the
 * server does not have yet shows as a placeholder.
 */
export function PhotoThumb({ sha256, draft, alt }: PhotoThumbProps) {
  const url = usePhotoUrl(sha256, draft);
  if (url === undefined) return <span class="photo-thumb photo-thumb--loading" aria-busy="true" />;
  if (url === null)
    return (
      <span class="photo-thumb photo-thumb--missing" role="img" aria-label={alt}>
        {t('photo.notYetUploaded')}
      </span>
    );
  return <img class="photo-thumb" src={url} alt={alt} data-photo={sha256} decoding="async" />;
}
