import type { DisputeBody } from '../../../domain/dispute';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';

interface DisputeFileProps {
  body: DisputeBody;
  /** Shown instead of the signed-in user's id in the flow log. */
  me: { id: string; name: string } | undefined;
}

const joinLabels = (group: string, values: readonly string[] | undefined) =>
  (values ?? []).map((v) => label(group, v)).join('、');

/**
 * 卷宗: what the case file holds, in the order of the 调解卷宗 (登记 → 告知书 → 调解记录 → 协议 →
 * 回访 → 结案), then the 流转记录 that says who moved the case and when.
 */
export function DisputeFile({ body, me }: DisputeFileProps) {
  const names = (body.mediators ?? []).map((m) => m.name).join('、');
  const partyName = new Map(body.parties.map((p) => [p.id, label('partyRole', p.role)]));
  return (
    <section class="case-file" aria-labelledby="case-file-title">
      <h2 class="section-title" id="case-file-title">
        {t('file.title')}
      </h2>
      <FileItem title={t('file.registration')}>
        <p>
          {formatDateTime(body.registeredAt)} · {label('disputeSource', body.source)}
        </p>
        {body.consentToMediate && <p>{t('file.consentYes')}</p>}
        {body.mediationOrg && <p>{body.mediationOrg}</p>}
        {names && <p>{t('file.mediators', { names })}</p>}
        {body.rightsNotifiedAt && <p>{t('file.rights', { at: formatDateTime(body.rightsNotifiedAt) })}</p>}
      </FileItem>
      <FileItem title={t('file.sessions', { n: body.sessions.length })}>
        {body.sessions.length === 0 && <p class="case-file__empty">{t('file.empty')}</p>}
        <ol class="case-file__list">
          {body.sessions.map((s, i) => (
            <li key={s.id}>
              <strong>{t('file.session', { n: i + 1, at: formatDateTime(s.at) })}</strong>
              <span> · {label('sessionOutcome', s.outcome)}</span>
              {s.place && <p>{s.place}</p>}
              <p>{t('file.mediators', { names: s.mediators })}</p>
              {s.partiesPresent && s.partiesPresent.length > 0 && (
                <p>
                  {t('file.present', {
                    names: s.partiesPresent.map((id) => partyName.get(id) ?? '').join('、'),
                  })}
                </p>
              )}
              {s.statements && <p class="detail__text">{s.statements}</p>}
              {s.verifiedFacts && <p class="detail__text">{s.verifiedFacts}</p>}
            </li>
          ))}
        </ol>
      </FileItem>
      {body.agreement && body.agreementType && (
        <FileItem title={`${t('file.agreement')} · ${label('agreementType', body.agreementType)}`}>
          <p class="detail__text">{body.agreement.terms}</p>
          {body.agreement.amountYuan !== undefined && (
            <p>{t('file.amount', { amount: body.agreement.amountYuan.toLocaleString('zh-CN') })}</p>
          )}
          {body.agreement.performanceMethod && <p>{body.agreement.performanceMethod}</p>}
          {body.agreement.performanceDeadline && (
            <p>{t('file.deadline', { day: body.agreement.performanceDeadline })}</p>
          )}
          {body.performanceStatus && (
            <p>{t('file.performanceStatus', { status: label('performance', body.performanceStatus) })}</p>
          )}
        </FileItem>
      )}
      {body.failureReason && (
        <FileItem title={label('disputeStatus', 'failed')}>
          <p>
            {t('file.failure', {
              reason: body.failureReason,
              routes: joinLabels('route', body.routesNotified),
            })}
          </p>
        </FileItem>
      )}
      {body.referredTo && (
        <FileItem title={label('disputeStatus', 'transferred')}>
          <p>{t('file.transfer', { unit: label('referral', body.referredTo) })}</p>
          {body.transferFeedback && <p>{t('file.feedback', { text: body.transferFeedback })}</p>}
        </FileItem>
      )}
      <FileItem title={t('file.followUps', { n: body.followUps.length })}>
        {body.followUps.length === 0 && <p class="case-file__empty">{t('file.empty')}</p>}
        <ol class="case-file__list">
          {body.followUps.map((f) => (
            <li key={f.id}>
              <strong>
                {t('file.followUp', {
                  at: formatDateTime(f.at),
                  performance: label('performance', f.performance),
                  satisfaction: label('satisfaction', f.satisfaction),
                })}
              </strong>
              <p>
                {f.by}
                {f.partyVisited && ` → ${f.partyVisited}`}
                {f.residualRisk && ` · ${t('file.residualRisk')}`}
              </p>
              {f.measures && <p class="detail__text">{f.measures}</p>}
            </li>
          ))}
        </ol>
      </FileItem>
      {(body.extensions?.length ?? 0) > 0 && (
        <FileItem title={label('action', 'extend')}>
          <p>
            {t('file.extensions', {
              list: (body.extensions ?? [])
                .map((e) => t('file.extension', { days: e.days, reason: e.reason }))
                .join('；'),
            })}
          </p>
        </FileItem>
      )}
      {body.closedAt && (
        <FileItem title={label('disputeStatus', 'closed')}>
          <p>{t('file.closedAt', { at: formatDateTime(body.closedAt) })}</p>
        </FileItem>
      )}
      <FileItem title={t('file.flow', { n: body.flowLogs.length })}>
        <ol class="case-file__list case-file__flow" aria-label={t('file.flow', { n: body.flowLogs.length })}>
          {body.flowLogs.map((log) => (
            <li key={log.id}>
              <strong>
                {log.fromStatus === log.toStatus
                  ? t('file.flowNote', {
                      action: label('action', log.action),
                      status: label('disputeStatus', log.toStatus),
                    })
                  : t('file.flowStep', {
                      action: label('action', log.action),
                      from: label('disputeStatus', log.fromStatus),
                      to: label('disputeStatus', log.toStatus),
                    })}
              </strong>
              {log.fromLevel && log.toLevel && log.fromLevel !== log.toLevel && (
                <span>
                  {t('file.flowLevel', {
                    from: label('handlingLevel', log.fromLevel),
                    to: label('handlingLevel', log.toLevel),
                  })}
                </span>
              )}
              <p class="case-file__meta">
                {formatDateTime(log.at)} · {me && log.by === me.id ? me.name : (log.byName ?? log.by)}
              </p>
              {log.reason && <p class="detail__text">{log.reason}</p>}
            </li>
          ))}
        </ol>
      </FileItem>
    </section>
  );
}

function FileItem({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <div class="case-file__item">
      <h3 class="case-file__heading">{title}</h3>
      {children}
    </div>
  );
}
