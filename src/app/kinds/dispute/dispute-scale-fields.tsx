import type { DisputeType } from '../../../domain/dispute';
import { DISPUTE_NATURES, RISK_LEVELS } from '../../../domain/dispute';
import { assessDisputeRisk, DISPUTE_RISK_FLAGS, type DisputeRiskFlag } from '../../../domain/risk-rules';
import { ChoiceGroup } from '../../components/choice-group';
import { NumberStepper } from '../../components/number-stepper';
import { TextField } from '../../components/text-field';
import type { FieldErrors } from '../../forms/field-errors';
import { label, t } from '../../i18n/i18n';
import { type DisputeDraft, GROUP_PERSONS } from './dispute-draft';

interface ScaleFieldsProps {
  draft: DisputeDraft;
  update: (patch: Partial<DisputeDraft>) => void;
  errors: FieldErrors;
}

const RANK = { none: 0, yellow: 1, orange: 2, red: 3 } as const;

/** The rules' level and reasons for what is typed so far, when they rate the case above the chosen level. */
function rulesSay(draft: DisputeDraft): string | undefined {
  const amount = Number(draft.amount);
  const chosen = draft.riskLevel as keyof typeof RANK;
  const assessment = assessDisputeRisk({
    riskLevel: 'none',
    riskFlags: draft.riskFlags as DisputeRiskFlag[],
    disputeType: (draft.disputeType || 'other') as DisputeType,
    involvedCount: Math.max(draft.involvedCount, draft.parties.length),
    ...(draft.amount.trim() !== '' && Number.isFinite(amount) && { involvedAmountYuan: amount }),
    handlingLevel: 'grid',
    daysOpen: 0,
  });
  if (RANK[assessment.level] <= (RANK[chosen] ?? 0)) return undefined;
  const reasons = assessment.reasons.map((r) => label('riskReason', r.code)).join('、');
  return t('dispute.rulesSay', { level: label('riskLevel', assessment.level), reasons });
}

/** 涉及人数, 纠纷性质 (群体性 proposed at ≥10 people), 涉及金额, 风险等级 and 风险标识. */
export function DisputeScaleFields({ draft, update, errors }: ScaleFieldsProps) {
  const higher = rulesSay(draft);
  const setCount = (involvedCount: number) =>
    update({ involvedCount, ...(involvedCount >= GROUP_PERSONS && { nature: 'group' }) });
  return (
    <section class="form-section" aria-labelledby="scale-title">
      <h2 class="section-title" id="scale-title">
        {t('dispute.sectionRisk')}
      </h2>
      <NumberStepper
        id="involvedCount"
        label={t('dispute.involvedCount')}
        value={draft.involvedCount}
        min={Math.max(1, draft.parties.length)}
        max={100_000}
        onValue={setCount}
        error={errors.involvedCount}
      />
      <ChoiceGroup
        id="nature"
        legend={t('dispute.nature')}
        look="segments"
        required
        options={DISPUTE_NATURES.map((v) => ({ value: v, label: label('disputeNature', v) }))}
        value={draft.nature}
        onValue={(nature) => update({ nature })}
        error={errors.nature}
      />
      {draft.involvedCount >= GROUP_PERSONS && (
        <p class="form-note form-note--warning">{t('dispute.natureSuggested', { n: draft.involvedCount })}</p>
      )}
      <TextField
        id="involvedAmountYuan"
        inputMode="numeric"
        label={t('dispute.amount')}
        hint={t('dispute.amountHint')}
        maxLength={12}
        value={draft.amount}
        onValue={(amount) => update({ amount })}
        error={errors.involvedAmountYuan}
      />
      <ChoiceGroup
        id="riskLevel"
        legend={t('dispute.riskLevel')}
        look="chips"
        required
        options={RISK_LEVELS.map((v) => ({ value: v, label: label('riskLevel', v) }))}
        value={draft.riskLevel}
        onValue={(riskLevel) => update({ riskLevel })}
        error={errors.riskLevel}
      />
      <ChoiceGroup
        id="riskFlags"
        legend={t('dispute.riskFlags')}
        look="chips"
        multiple
        options={DISPUTE_RISK_FLAGS.map((v) => ({ value: v, label: label('riskFlag', v) }))}
        value={draft.riskFlags}
        onValue={(riskFlags) => update({ riskFlags })}
        error={errors.riskFlags}
      />
      {higher && (
        <p class="form-note form-note--warning" role="note">
          {higher}
        </p>
      )}
    </section>
  );
}
