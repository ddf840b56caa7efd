/**
 * 隐患跟进 on an inspection's detail screen: one card per hazard with what the workflow allows next
 * (报告已整改, 复查, 部门反馈, 销号…), each step in the generic step sheet (hazard-steps.ts). Each
 * step is an edit of the inspection: the hazard is updated in place, rechecks appended, and the
 * inspection's status re-derived.
 */
import { useState } from 'preact/hooks';
import { daysLeft } from '../../../domain/due-dates';
import { hazardDeadline, isHazardOverdue } from '../../../domain/hazard-status';
import { allowedHazardEvents, type HazardEventType } from '../../../domain/hazard-workflow';
import type { RentalInspectionRecord } from '../../../domain/record-envelope';
import type { Hazard } from '../../../domain/rental-inspection';
import { uuidV7 } from '../../../sync/uuid-v7';
import '../../forms/rental-forms.css';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import { session } from '../../status/session';
import { StepSheet } from '../../workflow/step-sheet';
import { HAZARD_STEP_SPECS, type HazardStepContext, saveHazardStep } from './hazard-steps';

/** The deadline line: the day, and 逾期 n 天 / 今天到期 / 还剩 n 天 while it still matters. */
export function DeadlineBadge({ hazard, now }: { hazard: Pick<Hazard, 'status' | 'deadline'>; now: Date }) {
  if (!hazard.deadline) return null;
  // The clock that runs now (hazard-status.ts): the rectification deadline, or the recheck after it.
  const running = hazardDeadline(hazard);
  const left = running ? daysLeft(running.dueDay, now) : 0;
  return (
    <span class="hazard-card__deadline">
      {t('rental.deadline')} {hazard.deadline}
      {isHazardOverdue(hazard, now) ? (
        <span class="badge-overdue">{t('hazard.overdue', { n: -left })}</span>
      ) : (
        running && (
          <span class="badge-left">
            {left === 0 ? t('hazard.dueToday') : t('hazard.daysLeft', { n: left })}
          </span>
        )
      )}
    </span>
  );
}

interface HazardCardProps {
  record: RentalInspectionRecord;
  hazard: Hazard;
  now: Date;
}

export function HazardCard({ record, hazard, now }: HazardCardProps) {
  const [event, setEvent] = useState<HazardEventType | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const user = session.value?.user;
  const item = label('checklist', hazard.itemCode);
  // 逾期移交 only: offering 移交 before the deadline has passed would only earn a refusal.
  const overdue = isHazardOverdue(hazard, now);
  const events = allowedHazardEvents(hazard.status).filter(
    (next) => next !== 'refer' || hazard.status !== 'rectifying' || overdue,
  );
  // The status already says 限期整改 for a hazard under a deadline; name the handling otherwise.
  const showHandling =
    hazard.handling !== 'deadline' || hazard.status === 'open' || hazard.status === 'closed';
  // 复查未通过 asks for what comes next: a later deadline or a referral.
  const afterFailedRecheck = hazard.status === 'recheckFailed';
  const context: HazardStepContext | undefined = user && { hazard, user, newId: () => uuidV7() };

  const choose = async (next: HazardEventType) => {
    setProblem(undefined);
    const spec = HAZARD_STEP_SPECS[next];
    if (!spec.instant || !context) {
      setEvent(next);
      return;
    }
    // 报告已整改 and 销号 need nothing more: one tap does it.
    setSaving(true);
    setProblem(await saveHazardStep(record, hazard.id, spec.toAction({}, context)));
    setSaving(false);
  };

  return (
    <article class={`hazard-card hazard-card--${hazard.status}`} aria-label={item}>
      <header class="hazard-card__head">
        <h3 class="hazard-card__title">{item}</h3>
        <span class={`level-chip level-chip--${hazard.hazardLevel}`}>
          {label('hazardLevel', hazard.hazardLevel)}
        </span>
      </header>
      {hazard.description !== item && <p class="hazard-card__text">{hazard.description}</p>}
      <p class="hazard-card__line">
        <span class="hazard-card__status">{label('hazardStatus', hazard.status)}</span>
        {showHandling && ` · ${label('handling', hazard.handling)}`}
        {hazard.referredTo && ` → ${label('jointUnit', hazard.referredTo)}`}
        {hazard.responsibleParty &&
          ` · ${t('inspection.responsibleParty')}:${label('responsibleParty', hazard.responsibleParty)}`}
      </p>
      <DeadlineBadge hazard={hazard} now={now} />
      {hazard.rechecks.length > 0 && (
        <ul class="hazard-card__rechecks" aria-label={t('hazard.rechecks')}>
          {hazard.rechecks.map((r) => (
            <li key={r.id}>
              {t('hazard.recheckLine', {
                at: formatDateTime(r.at),
                by: r.by,
                result: label('recheckResult', r.result),
              })}
              {r.note && <span class="check__note">{r.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {hazard.feedback && (
        <p class="hazard-card__text">{t('hazard.feedbackShown', { note: hazard.feedback })}</p>
      )}
      {hazard.closedAt && (
        <p class="hazard-card__line">{t('hazard.closedAt', { at: formatDateTime(hazard.closedAt) })}</p>
      )}
      {afterFailedRecheck && !event && <p class="level-hint is-major">{t('hazard.afterFailedRecheck')}</p>}
      {problem && (
        <p class="field__error" role="alert">
          {problem}
        </p>
      )}
      {events.length > 0 && (
        <div class="hazard-card__actions">
          {events.map((next) => (
            <button
              key={next}
              type="button"
              class={
                next === 'close' || next === 'recheck' ? 'button button--primary' : 'button button--secondary'
              }
              disabled={saving}
              onClick={() => void choose(next)}
            >
              {t(`hazardAction.${next}`)}
            </button>
          ))}
        </div>
      )}
      {event && context && (
        <StepSheet
          title={`${t(`hazardAction.${event}`)} · ${item}`}
          confirmLabel={t(`hazardAction.confirm.${event}`)}
          spec={HAZARD_STEP_SPECS[event]}
          context={context}
          save={(action, photos) => saveHazardStep(record, hazard.id, action, photos)}
          onDone={() => setEvent(undefined)}
        />
      )}
    </article>
  );
}

/** The inspection's hazards, those still needing work first. */
export function HazardCards({ record }: { record: RentalInspectionRecord }) {
  const now = new Date();
  if (record.body.hazards.length === 0) return null;
  const order = (h: Hazard) => (h.status === 'closed' ? 1 : 0);
  const hazards = [...record.body.hazards].sort((a, b) => order(a) - order(b));
  return (
    <section class="hazards" aria-labelledby="hazards-title">
      <h2 class="section-title" id="hazards-title">
        {t('hazard.title', { n: hazards.length })} ·{' '}
        <span class={`inspection-status inspection-status--${record.body.status}`}>
          {label('inspectionStatus', record.body.status)}
        </span>
      </h2>
      {hazards.map((hazard) => (
        <HazardCard key={hazard.id} record={record} hazard={hazard} now={now} />
      ))}
    </section>
  );
}
