import { t } from '../i18n/i18n';
import './draft-banner.css';

/** What the banner of a restored draft says. */
export interface RestoredDraft {
  /** Someone else saved the record after the draft was started; the save will be merged. */
  changedOnServer: boolean;
  /** New photos that could not be kept in the draft. */
  droppedPhotos: number;
}

interface DraftBannerProps extends RestoredDraft {
  onDiscard: () => void;
}

/** 已恢复上次未保存的内容 at the top of a form, with 放弃草稿 to start over. */
export function DraftBanner({ changedOnServer, droppedPhotos, onDiscard }: DraftBannerProps) {
  return (
    <div class="draft-banner" role="status">
      <p class="draft-banner__text">
        {t('drafts.restored')}
        {changedOnServer && <span class="draft-banner__warn">{t('drafts.changedOnServer')}</span>}
        {droppedPhotos > 0 && (
          <span class="draft-banner__warn">{t('drafts.photosDropped', { n: droppedPhotos })}</span>
        )}
      </p>
      <button type="button" class="draft-banner__discard" onClick={onDiscard}>
        {t('drafts.discard')}
      </button>
    </div>
  );
}
