import { useEffect, useState } from 'preact/hooks';
import { loadPhoto, type PhotoDraft } from '../../sync/photo-store';
import { currentDb, session } from '../status/session';

/**
 * A Blob URL of a photo, revoked when the component goes: from a draft's bytes, from the device, or
 * fetched with the bearer token (an `<img src="/api/photos/…">` would be sent without it) and kept
 * for offline use. undefined while loading, null when it cannot be shown (not uploaded yet).
 */
export function usePhotoUrl(sha256: string, draft?: PhotoDraft): string | null | undefined {
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

  return url;
}
