/** What both printed papers share: the day in words and a signature box. */

import { usePhotoUrl } from '../components/use-photo-url';
import { t } from '../i18n/i18n';

/** `2026-11-25` as 2026 年 11 月 25 日 (en: 2026-11-25). */
export function paperDay(day: string): string {
  const [y = '', m = '', d = ''] = day.split('-');
  return t('print.date', { y, m: String(Number(m)), d: String(Number(d)) });
}

interface SignatureBoxProps {
  caption: string;
  name: string;
  photoId?: string | undefined;
  signedDay?: string | undefined;
}

/** One signature box: the image drawn on the phone, or a blank line to sign on paper. */
export function SignatureBox({ caption, name, photoId, signedDay }: SignatureBoxProps) {
  return (
    <div class="paper-sign" data-signed={photoId ? 'true' : 'false'}>
      <span class="paper-sign__caption">{caption}</span>
      <span class="paper-sign__name">{name}</span>
      <span class="paper-sign__line">{photoId && <SignatureImage photoId={photoId} name={name} />}</span>
      <span class="paper-sign__day">
        {signedDay ? paperDay(signedDay) : t('print.date', { y: '', m: '', d: '' })}
      </span>
    </div>
  );
}

function SignatureImage({ photoId, name }: { photoId: string; name: string }) {
  const url = usePhotoUrl(photoId);
  if (!url) return null;
  return (
    <img class="paper-sign__image" src={url} alt={t('print.signatureOf', { name })} data-photo={photoId} />
  );
}
