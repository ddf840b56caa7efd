/**
 * 隐患跟进 on an inspection's detail screen: one card per hazard with what the workflow allows next
 * (报告已整改, 复查, 部门反馈, 销号…). Each action is an edit of the inspection: the hazard is
 * updated in place, rechecks appended, and the inspection's status re-derived.
 */
import { useState } from 'preact/hooks';
import { daysLeft } from '../../../domain/due-dates';
import { applyHazardActionToInspection, type HazardAction } from '../../../domain/hazard-actions';
import { hazardDeadline, isHazardOverdue } from '../../../domain/hazard-status';
import {
  allowedHazardEvents,
  type HazardEventType,
  JOINT_UNITS,
  type JointUnit,
} from '../../../domain/hazard-workflow';
import type { RentalInspectionRecord } from '../../../domain/record-envelope';
import { type Hazard, RESPONSIBLE_PARTIES } from '../../../domain/rental-inspection';
import { saveEdit } from '../../../sync/outbox';
import { storePhotos } from '../../../sync/photo-store';
import { editRecord } from '../../../sync/record-factory';
import { uuidV7 } from '../../../sync/uuid-v7';
import { ChoiceGroup } from '../../components/choice-group';
import { newPhotoDrafts, PhotoField, type PhotoItem } from '../../components/photo-field';
import { SelectField } from '../../components/select-field';
import { TextAreaField, TextField } from '../../components/text-field';
import '../../forms/rental-forms.css';
import { label, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-cn';
import { formatDateTime, todayLocalDate } from '../../lib/format-time';
import { requestSync } from '../../status/page-scheduler';
import { currentDb, session } from '../../status/session';

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

interface Form {
  photos: PhotoItem[];
  note: string;
  result: string;
  deadline: string;
  responsibleParty: string;
  referredTo: string;
  /** After a failed recheck: set a new deadline or refer. */
  next: '' | 'setDeadline' | 'refer';
}
const emptyForm = (): Form => ({
  photos: [],
  note: '',
  result: '',
  deadline: '',
  responsibleParty: '',
  referredTo: '',
  next: '',
});

function actionOf(event: HazardEventType, form: Form, by: string): HazardAction | MessageKey {
  switch (event) {
    case 'fixOnSite':
      return { type: 'fixOnSite', photoIds: form.photos.map((p) => p.sha256) };
    case 'setDeadline': {
      if (!form.deadline) return 'hazard.err.deadline';
      const party = RESPONSIBLE_PARTIES.find((p) => p === form.responsibleParty);
      return { type: 'setDeadline', deadline: form.deadline, ...(party ? { responsibleParty: party } : {}) };
    }
    case 'refer':
      return form.referredTo
        ? { type: 'refer', referredTo: form.referredTo as JointUnit }
        : 'hazard.err.referredTo';
    case 'reportFixed':
      return { type: 'reportFixed' };
    case 'recheck':
      if (form.result !== 'passed' && form.result !== 'failed') return 'hazard.err.result';
      return {
        type: 'recheck',
        id: uuidV7(),
        result: form.result,
        by,
        note: form.note,
        photoIds: form.photos.map((p) => p.sha256),
      };
    case 'deptFeedback':
      return { type: 'deptFeedback', note: form.note };
    case 'close':
      return { type: 'close' };
  }
}

/** The inputs an event needs (none for 报告已整改 and 销号: the button is the confirmation). */
function ActionFields({
  event,
  id,
  form,
  set,
}: {
  event: HazardEventType;
  id: string;
  form: Form;
  set: (p: Partial<Form>) => void;
}) {
  switch (event) {
    case 'fixOnSite':
      return (
        <PhotoField
          id={`${id}-photos`}
          label={t('inspection.fixPhotos')}
          value={form.photos}
          onValue={(photos) => set({ photos })}
        />
      );
    case 'setDeadline':
      return (
        <>
          <TextField
            id={`${id}-deadline`}
            type="date"
            label={t('hazard.newDeadline')}
            required
            maxLength={10}
            min={todayLocalDate()}
            value={form.deadline}
            onValue={(deadline) => set({ deadline })}
          />
          <SelectField
            id={`${id}-responsible`}
            label={t('inspection.responsibleParty')}
            value={form.responsibleParty}
            placeholder={t('house.notAsked')}
            options={RESPONSIBLE_PARTIES.map((v) => ({ value: v, label: label('responsibleParty', v) }))}
            onValue={(responsibleParty) => set({ responsibleParty })}
          />
        </>
      );
    case 'refer':
      return (
        <SelectField
          id={`${id}-referredTo`}
          label={t('inspection.referredTo')}
          required
          value={form.referredTo}
          placeholder={t('hazard.pickUnit')}
          options={JOINT_UNITS.map((v) => ({ value: v, label: label('jointUnit', v) }))}
          onValue={(referredTo) => set({ referredTo })}
        />
      );
    case 'recheck':
      return (
        <>
          <ChoiceGroup
            id={`${id}-result`}
            legend={t('hazard.recheckResult')}
            look="segments"
            required
            options={(['passed', 'failed'] as const).map((v) => ({
              value: v,
              label: label('recheckResult', v),
            }))}
            value={form.result}
            onValue={(result) => set({ result })}
          />
          <TextAreaField
            id={`${id}-note`}
            label={t('hazard.recheckNote')}
            maxLength={500}
            rows={2}
            value={form.note}
            onValue={(note) => set({ note })}
          />
          <PhotoField id={`${id}-photos`} value={form.photos} onValue={(photos) => set({ photos })} />
        </>
      );
    case 'deptFeedback':
      return (
        <TextAreaField
          id={`${id}-note`}
          label={t('hazard.feedbackNote')}
          required
          maxLength={1000}
          rows={3}
          value={form.note}
          onValue={(note) => set({ note })}
        />
      );
    default:
      return null;
  }
}

interface HazardCardProps {
  record: RentalInspectionRecord;
  hazard: Hazard;
  now: Date;
}

export function HazardCard({ record, hazard, now }: HazardCardProps) {
  const [event, setEvent] = useState<HazardEventType | undefined>(undefined);
  const [form, setForm] = useState<Form>(emptyForm);
  const [problem, setProblem] = useState<MessageKey | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const id = `hazard-${hazard.id}`;
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

  const run = async (chosen: HazardEventType) => {
    const db = currentDb.value;
    const user = session.value?.user;
    if (!db || !user || saving) return;
    const action = actionOf(chosen, form, user.name);
    if (typeof action === 'string') {
      setProblem(action);
      return;
    }
    const at = new Date();
    const result = applyHazardActionToInspection(record.body, hazard.id, action, at);
    if (!result.ok) {
      setProblem(`hazardRefusal.${result.reason}` as MessageKey);
      return;
    }
    setSaving(true);
    try {
      await storePhotos(db, newPhotoDrafts(form.photos), record.id, at);
      await saveEdit(db, record, editRecord(record, { body: result.body, userId: user.id, now: at }), at);
      requestSync('save');
      setEvent(undefined);
      setForm(emptyForm());
      setProblem(undefined);
    } catch (error) {
      console.error('hazard action failed', error);
      setProblem('form.saveFailed');
    } finally {
      setSaving(false);
    }
  };

  const choose = (next: HazardEventType) => {
    setProblem(undefined);
    setForm(emptyForm());
    // 报告已整改 and 销号 need nothing more: one tap does it.
    if (next === 'reportFixed' || next === 'close') void run(next);
    else setEvent(next);
  };

  return (
    <article
      class={`hazard-card hazard-card--${hazard.status}`}
      aria-label={label('checklist', hazard.itemCode)}
    >
      <header class="hazard-card__head">
        <h3 class="hazard-card__title">{label('checklist', hazard.itemCode)}</h3>
        <span class={`level-chip level-chip--${hazard.hazardLevel}`}>
          {label('hazardLevel', hazard.hazardLevel)}
        </span>
      </header>
      {hazard.description !== label('checklist', hazard.itemCode) && (
        <p class="hazard-card__text">{hazard.description}</p>
      )}
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
          {t(problem)}
        </p>
      )}
      {event ? (
        <div class="hazard-card__panel">
          <ActionFields event={event} id={id} form={form} set={set} />
          <div class="action-bar__row">
            <button type="button" class="button button--secondary" onClick={() => setEvent(undefined)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              class="button button--primary"
              disabled={saving}
              onClick={() => void run(event)}
            >
              {t(`hazardAction.confirm.${event}`)}
            </button>
          </div>
        </div>
      ) : (
        events.length > 0 && (
          <div class="hazard-card__actions">
            {events.map((next) => (
              <button
                key={next}
                type="button"
                class={
                  next === 'close' || next === 'recheck'
                    ? 'button button--primary'
                    : 'button button--secondary'
                }
                disabled={saving}
                onClick={() => choose(next)}
              >
                {t(`hazardAction.${next}`)}
              </button>
            ))}
          </div>
        )
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
