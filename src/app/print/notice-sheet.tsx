import type { RectificationNotice } from '../../domain/rectification-notice';
import { label, t } from '../i18n/i18n';
import { paperDay } from './paper-parts';

/** The 隐患整改通知书 as one A4 sheet: the hazards in a table, then the signatures by hand. */
export function NoticeSheet({ notice }: { notice: RectificationNotice }) {
  return (
    <article class="paper" aria-label={t('print.noticeTitle')}>
      <h1 class="paper__title">{t('print.noticeTitle')}</h1>
      {notice.noticeNo && <p class="paper__number">{t('print.number', { n: notice.noticeNo })}</p>}
      <p class="paper__to">{t('print.noticeTo', { name: notice.landlordName })}</p>
      <p class="paper__text paper__indent">
        {t('print.noticeBody', { day: paperDay(notice.day), address: notice.address })}
      </p>
      <table class="paper__table">
        <thead>
          <tr>
            <th>{t('print.hazardItem')}</th>
            <th>{t('print.hazardDescription')}</th>
            <th>{t('print.hazardLevel')}</th>
            <th>{t('print.hazardDeadline')}</th>
            <th>{t('print.hazardResponsible')}</th>
          </tr>
        </thead>
        <tbody>
          {notice.hazards.map((hazard) => (
            <tr key={hazard.id} data-hazard={hazard.id}>
              <td>
                {hazard.itemCode} {label('checklist', hazard.itemCode)}
              </td>
              <td>{hazard.description}</td>
              <td>{label('hazardLevel', hazard.level)}</td>
              <td>{hazard.deadline ? paperDay(hazard.deadline) : ''}</td>
              <td>
                {[
                  hazard.responsibleParty && label('responsibleParty', hazard.responsibleParty),
                  hazard.responsibleName,
                ]
                  .filter(Boolean)
                  .join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {notice.deadline && (
        <p class="paper__deadline">{t('print.deadlineLine', { v: paperDay(notice.deadline) })}</p>
      )}
      <div class="paper__hand-signs">
        {notice.inspectors.length > 0 && (
          <p>{t('print.inspectorNames', { names: notice.inspectors.join('、') })}</p>
        )}
        <p>
          {t('print.inspectors')}
          <span class="paper__hand-line" />
        </p>
        <p>
          {t('print.receiver')}
          <span class="paper__hand-line" />
        </p>
      </div>
      <p class="paper__date">{paperDay(notice.day)}</p>
    </article>
  );
}
