import { useState } from 'preact/hooks';
import type { DisputeBody } from '../../../domain/dispute';
import {
  type DisputeActionType,
  disputeDueDay,
  disputeRiskFactsFrom,
  extraDisputeActions,
} from '../../../domain/dispute-actions';
import { isDisputeOverdue, mediationLimitRuns } from '../../../domain/dispute-status';
import { allowedDisputeEvents, HANDLING_LEVELS } from '../../../domain/dispute-workflow';
import { daysLeft } from '../../../domain/due-dates';
import type { DisputeRecord } from '../../../domain/record-envelope';
import {
  assessDisputeRisk,
  DISPUTE_RISK_RULES,
  type DisputeRiskAssessment,
  type DisputeRiskRule,
} from '../../../domain/risk-rules';
import { uuidV7 } from '../../../sync/uuid-v7';
import { label, t } from '../../i18n/i18n';
import { useGridThresholds } from '../../lib/use-grid-thresholds';
import { session } from '../../status/session';
import { StepSheet } from '../../workflow/step-sheet';
import { DisputeFile } from './dispute-file';
import { DisputeRiskBox } from './dispute-risk-box';
import { saveDisputeStep } from './save-dispute-step';
import { STEP_SPECS, type StepContext } from './step-specs';
import './dispute-case.css';

/** The order steps are offered in: the usual next step first, the exceptional ones last. */
const STEP_ORDER: readonly DisputeActionType[] = [
  'accept',
  'startMediation',
  'recordSession',
  'succeed',
  'startPerformance',
  'followUp',
  'confirmReceipt',
  'feedback',
  'close',
  'fail',
  'terminate',
  'notAccept',
  'escalate',
  'transfer',
  'withdraw',
  'extend',
];

/** The steps the case offers now, workflow events and the extra steps (记录调解, 反馈, 延期). */
function stepsFor(body: DisputeBody): DisputeActionType[] {
  const offered = new Set<DisputeActionType>([
    ...allowedDisputeEvents(body.status),
    ...extraDisputeActions(body),
  ]);
  return STEP_ORDER.filter((type) => offered.has(type));
}

/** "建议上报至街道：涉及人数≥10人、涉及金额≥10万元", from the rules that point above the current level. */
function proposalOf(body: DisputeBody, assessment: DisputeRiskAssessment) {
  if (!assessment.escalateTo) return undefined;
  const current = HANDLING_LEVELS.indexOf(body.handlingLevel);
  const reasons = assessment.reasons
    .filter((reason) => {
      const rules: readonly DisputeRiskRule[] = DISPUTE_RISK_RULES;
      const target = rules.find((rule) => rule.code === reason.code)?.escalateTo;
      return target !== undefined && HANDLING_LEVELS.indexOf(target) > current;
    })
    .map((reason) => label('riskReason', reason.code))
    .join('、');
  const level = assessment.escalateTo;
  return {
    level,
    reasons,
    text: t('case.escalateProposal', { level: label('escalateTarget', level), reasons }),
  };
}

function dueText(body: DisputeBody, now: Date): string {
  const day = disputeDueDay(body);
  if (!mediationLimitRuns(body.status)) return day;
  const left = daysLeft(day, now);
  if (left > 0) return t('case.daysLeft', { day, n: left });
  return left === 0 ? t('case.dueToday', { day }) : t('case.overdue', { day, n: -left });
}

/**
 * A dispute as a mediation case: where it stands (status, level, 调结期限), the explainable risk
 * assessment with the escalation it proposes, the next steps as big buttons, and the 卷宗.
 */
export function DisputeCase({
  record,
  communityName,
  streetName,
}: {
  record: DisputeRecord;
  communityName?: string;
  streetName?: string;
}) {
  const [step, setStep] = useState<DisputeActionType | undefined>(undefined);
  const body = record.body;
  const now = new Date();
  const user = session.value?.user;
  const thresholds = useGridThresholds(record.gridId);
  const assessment = assessDisputeRisk(disputeRiskFactsFrom(body, now), thresholds);
  const offered = stepsFor(body);
  const proposal = offered.includes('escalate') ? proposalOf(body, assessment) : undefined;
  // When the rules say the case must go up, 上报 is the step offered first.
  const steps = proposal ? ['escalate' as const, ...offered.filter((type) => type !== 'escalate')] : offered;
  // While the mediation limit runs, the deadline that runs is that limit (dispute-status.ts).
  const overdue = mediationLimitRuns(body.status) && isDisputeOverdue(body, now);
  const context: StepContext | undefined = user && {
    body,
    user: { id: user.id, name: user.name },
    now,
    newId: () => uuidV7(),
    ...(proposal && { proposal: { level: proposal.level, reasons: proposal.reasons } }),
    ...(communityName && { communityName }),
    ...(streetName && { streetName }),
  };

  return (
    <>
      <section class="case-head" aria-label={t('case.header')}>
        <h2 class="case-head__title">{body.title}</h2>
        <p class="case-head__status">
          <span class={`case-status case-status--${body.status}`}>{label('disputeStatus', body.status)}</span>
          <span class="case-head__level">{label('handlingLevel', body.handlingLevel)}</span>
        </p>
        <dl class="case-head__facts">
          <div>
            <dt>{t('case.caseNo')}</dt>
            <dd>{body.caseNo ?? t('case.noCaseNo')}</dd>
          </div>
          <div>
            <dt>{t('case.dueDay')}</dt>
            <dd class={overdue ? 'case-head__overdue' : undefined}>
              {dueText(body, now)}
              {(body.extensions?.length ?? 0) > 0 &&
                ` · ${t('case.extended', { n: body.extensions?.length ?? 0 })}`}
            </dd>
          </div>
        </dl>
      </section>
      <DisputeRiskBox assessment={assessment} proposal={proposal?.text} />
      <section class="case-steps" aria-labelledby="case-steps-title">
        <h2 class="section-title" id="case-steps-title">
          {t('case.actions')}
        </h2>
        {steps.length === 0 ? (
          <p>{t('case.noActions')}</p>
        ) : (
          <div class="case-steps__grid">
            {steps.map((type, i) => (
              <button
                key={type}
                type="button"
                class={i === 0 ? 'button button--primary' : 'button button--secondary'}
                onClick={() => setStep(type)}
              >
                {label('action', type)}
              </button>
            ))}
          </div>
        )}
      </section>
      <DisputeFile body={body} me={user} />
      {step && context && (
        <StepSheet
          title={label('action', step)}
          spec={STEP_SPECS[step]}
          context={context}
          save={(action) => saveDisputeStep(record, action)}
          onDone={() => setStep(undefined)}
        />
      )}
    </>
  );
}
