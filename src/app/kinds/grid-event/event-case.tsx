import { useState } from 'preact/hooks';
import type { Department } from '../../../domain/departments';
import { eventActionsFor } from '../../../domain/event-access';
import { eventClock, isEventOverdue } from '../../../domain/event-status';
import type { GridEventEventType } from '../../../domain/event-workflow';
import type { GridEventRecord } from '../../../domain/record-envelope';
import { label, t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/format-time';
import { useLiveQuery } from '../../lib/use-live-query';
import { currentDb, session } from '../../status/session';
import { StepSheet } from '../../workflow/step-sheet';
import { EVENT_STEP_SPECS, type EventStepContext } from './event-step-specs';
import { clockText } from './grid-event-app';
import { saveEventStep } from './save-event-step';
import '../dispute/dispute-case.css';

/** The order steps are offered in: the usual next step first, the exceptional ones last. */
const STEP_ORDER: readonly GridEventEventType[] = [
  'accept',
  'assign',
  'process',
  'complete',
  'verify',
  'close',
  'evaluate',
  'approveExtension',
  'selfResolve',
  'requestExtension',
  'escalate',
  'return',
  'reject',
  'urge',
  'supervise',
];

/** The 职能部门 of the grid's street, as last synced. */
function useDepartments(gridId: string): readonly Department[] {
  const db = currentDb.value;
  return (
    useLiveQuery(async () => (db ? ((await db.grids.get(gridId))?.departments ?? []) : []), [db, gridId]) ??
    []
  );
}

/**
 * An event as a case: where it stands (status, level, who holds it, the clock the server keeps),
 * the steps this user may take now (event-access.ts decides, not a role list here), and the 流转记录.
 */
export function EventCase({ record }: { record: GridEventRecord }) {
  const [step, setStep] = useState<GridEventEventType | undefined>(undefined);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const body = record.body;
  const now = new Date();
  const user = session.value?.user;
  const departments = useDepartments(record.gridId);
  const me = user && { id: user.id, role: user.role, departmentId: user.departmentId };
  const offered = me ? eventActionsFor(me, body) : [];
  const steps = STEP_ORDER.filter((type) => offered.includes(type));
  const clock = eventClock(body, now);
  const overdue = isEventOverdue(body, now);
  const department = departments.find((d) => d.id === body.departmentId);
  const pending = (body.extensions ?? []).find((extension) => extension.approvedAt === undefined);
  const context: EventStepContext = { body, now, departments };

  return (
    <>
      <section class="case-head" aria-label={t('event.status')}>
        <h2 class="case-head__title">{body.title}</h2>
        <p class="case-head__status">
          <span class={`case-status case-status--${body.status}`}>
            {label('gridEventStatus', body.status)}
          </span>
          <span class="case-head__level">{label('eventLevel', body.handlingLevel)}</span>
          {body.urgent && <span class="case-head__level">{t('event.urgent')}</span>}
          {body.supervision && <span class="case-head__level">{label('supervision', body.supervision)}</span>}
        </p>
        <dl class="case-head__facts">
          {body.departmentId && (
            <div>
              <dt>{t('event.department')}</dt>
              <dd>{department?.name ?? body.departmentId}</dd>
            </div>
          )}
          {body.deadline && (
            <div>
              <dt>{t('event.deadline')}</dt>
              <dd>{body.deadline}</dd>
            </div>
          )}
          {(clock || (body.status !== 'filed' && body.status !== 'rejected' && body.status !== 'closed')) && (
            <div>
              <dt>{clock ? label('eventStep', clock.step) : t('event.status')}</dt>
              <dd class={overdue ? 'case-head__overdue' : undefined}>
                {clock ? clockText(body, now) : t('event.clockPending')}
              </dd>
            </div>
          )}
          {pending && (
            <div>
              <dt>{label('eventAction', 'requestExtension')}</dt>
              <dd>{t('event.extensionPending', { n: pending.days })}</dd>
            </div>
          )}
        </dl>
      </section>
      <section class="case-steps" aria-labelledby="event-steps-title">
        <h2 class="section-title" id="event-steps-title">
          {t('event.actions')}
        </h2>
        {steps.length === 0 ? (
          <p>{t('event.noActions')}</p>
        ) : (
          <div class="case-steps__grid">
            {steps.map((type, i) => (
              <button
                key={type}
                type="button"
                class={i === 0 ? 'button button--primary' : 'button button--secondary'}
                onClick={() => {
                  setRefusal(undefined);
                  // 受理, 开始处置, 结案: nothing to fill in, one tap takes the step.
                  if (EVENT_STEP_SPECS[type].instant)
                    void saveEventStep(
                      record,
                      EVENT_STEP_SPECS[type].toAction({}, context),
                      departments,
                    ).then(setRefusal);
                  else setStep(type);
                }}
              >
                {label('eventAction', type)}
              </button>
            ))}
          </div>
        )}
        {refusal && (
          <p class="step-sheet__refusal" role="alert">
            {refusal}
          </p>
        )}
      </section>
      <section class="case-file" aria-labelledby="event-flow-title">
        <h2 class="section-title" id="event-flow-title">
          {t('event.flow')}
        </h2>
        {body.flowLogs.length === 0 ? (
          <p class="case-file__empty">{t('event.flowEmpty')}</p>
        ) : (
          // Newest first, numbered as taken: the latest step carries the highest number.
          <ol class="case-file__list case-file__flow" reversed>
            {[...body.flowLogs].reverse().map((log) => (
              <li key={log.id}>
                <strong>
                  {label('eventAction', log.action)}
                  {log.fromStatus !== log.toStatus &&
                    ` · ${label('gridEventStatus', log.fromStatus)} → ${label('gridEventStatus', log.toStatus)}`}
                  {log.supervision && ` · ${label('supervision', log.supervision)}`}
                </strong>
                {log.fromLevel && log.toLevel && (
                  <span>
                    {' '}
                    {label('eventLevel', log.fromLevel)} → {label('eventLevel', log.toLevel)}
                  </span>
                )}
                <p class="case-file__meta">
                  {formatDateTime(log.at)} · {log.byName ?? log.by}
                  {log.departmentId &&
                    ` · ${departments.find((d) => d.id === log.departmentId)?.name ?? log.departmentId}`}
                  {log.deadline && ` · ${t('event.deadline')} ${log.deadline}`}
                </p>
                {log.opinion && <p class="detail__text">{log.opinion}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {step && (
        <StepSheet
          title={label('eventAction', step)}
          spec={EVENT_STEP_SPECS[step]}
          context={context}
          save={(action, photos) => saveEventStep(record, action, departments, photos)}
          onDone={() => setStep(undefined)}
        />
      )}
    </>
  );
}
