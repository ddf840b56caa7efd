import type { DisputeRiskAssessment } from '../../../domain/risk-rules';
import { label, t } from '../../i18n/i18n';

interface RiskBoxProps {
  assessment: DisputeRiskAssessment;
  /** The proposal in words, when the case should go up a level. */
  proposal: string | undefined;
}

/** 风险评估: the level, every reason that produced it, where to escalate, and the police notice. */
export function DisputeRiskBox({ assessment, proposal }: RiskBoxProps) {
  return (
    <section class={`case-risk case-risk--${assessment.level}`} aria-labelledby="case-risk-title">
      <h2 class="case-risk__title" id="case-risk-title">
        {t('case.risk')}
        <span class={`risk risk--${assessment.level}`}>{label('riskLevel', assessment.level)}</span>
      </h2>
      {assessment.reasons.length === 0 ? (
        <p>{t('case.riskNone')}</p>
      ) : (
        <ul class="case-risk__reasons" aria-label={t('case.riskWhy')}>
          {assessment.reasons.map((reason) => (
            <li key={reason.code} class={`case-risk__reason risk--${reason.level}`}>
              {label('riskReason', reason.code)}
            </li>
          ))}
        </ul>
      )}
      {proposal && (
        <p class="case-risk__proposal" role="note">
          {proposal}
        </p>
      )}
      {assessment.notifyPolice && (
        <p class="case-risk__police" role="note">
          {t('case.policeNotice')}
        </p>
      )}
    </section>
  );
}
