import { useEffect, useState } from 'preact/hooks';
import { loadPhoto, type PhotoDraft } from '../../sync/photo-store';
import { t } from '../i18n/i18n';
import { currentDb, session } from '../status/session';

interface PhotoThumbProps {
  sha256: string;
  /** A photo just taken and not saved yet: shown from these bytes. */
  draft?: PhotoDraft | undefined;
  alt: string;
}

/**
 * One photo as a square thumbnail: from the device, or fetched with the bearer token (an
 * `<img src="/api/photos/…">` would be sent without it) and kept for offline use. A photo the
 * server does not have yet shows as a placeholder.
 */
export function PhotoThumb({ sha256, draft, alt }: PhotoThumbProps) {
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  const db = currentDb.value;
  const token = session.value?.token;

  useEffect(() => {
    let live = true;
    let made: string | undefined;
    const show = (next: string | undefined) => {
      if (live) setUrl(next ?? null);
      else if (next) URL.revokeObjectURL(next);
      made = next;
    };
    if (draft) {
      show(URL.createObjectURL(new Blob([draft.bytes], { type: draft.mime })));
    } else if (db && token) {
      const http = {
        fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
        baseUrl: '',
      };
      void loadPhoto({ ...http, token }, db, sha256).then(show, () => show(undefined));
    } else {
      show(undefined);
    }
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [sha256, draft, db, token]);

  if (url === undefined) return <span class="photo-thumb photo-thumb--loading" aria-busy="true" />;
  if (url === null)
    return (
      <span class="photo-thumb photo-thumb--missing" role="img" aria-label={alt}>
        {t('photo.notYetUploaded')}
      </span>
    );
  return <img class="photo-thumb" src={url} alt={alt} data-photo={sha256} decoding="async" />;
}
