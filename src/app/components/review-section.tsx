/**
 * The review on a patrol log's or inspection's detail screen (record-review.ts): its state first —
 * 已退回 with the comment, who and when, prominent for the worker who must fix it — then the step
 * the user may take now: 审阅通过 / 退回 (with a required comment) for a supervisor, 重新提交 for
 * the author of a returned record. Each step is saved like any workflow step (saveStep).
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { canReview, canWrite, recordFacts } from '../../domain/access-rules';
import type { GridRecord } from '../../domain/record-envelope';
import {
  type ReviewAction,
  type ReviewContext,
  reviewRefusal,
  takeReviewStep,
} from '../../domain/record-review';
import type { ReviewLog } from '../../domain/review-log';
import { isReviewedKind, type ReviewedBody, reviewState } from '../../domain/review-state';
import { t } from '../i18n/i18n';
import { formatDateTime } from '../lib/format-time';
import { session } from '../status/session';
import { saveStep } from '../workflow/save-step';
import { TextAreaField } from './text-field';

const COMMENT_MAX = 500;

function byLine(log: ReviewLog): string {
  const who = log.byName ?? '';
  const at = formatDateTime(log.at);
  return log.action === 'return' ? t('review.returnedBy', { who, at }) : t('review.reviewedBy', { who, at });
}

/** The review state, history and steps of `record`; nothing for kinds nobody reviews or drafts. */
export function ReviewSection({ record }: { record: GridRecord }) {
  const user = session.value?.user;
  const { route } = useLocation();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!user || !isReviewedKind(record.kind)) return null;
  const body = record.body as ReviewedBody;
  const state = reviewState(body);
  if (!state) return null;
  const logs = body.reviewLogs ?? [];
  const last = logs.at(-1);
  const actor = { id: user.id, role: user.role };
  const context: ReviewContext = { kind: record.kind, actor, authorId: record.createdBy };
  const may = (action: ReviewAction) => reviewRefusal(action, state, context, 'x') === undefined;
  const reviewer = canReview(user.role, record.kind, recordFacts(record), user);

  const take = async (action: ReviewAction, text?: string) => {
    if (action === 'return' && (text ?? '').trim() === '') {
      setError(t('review.commentRequired'));
      return;
    }
    setBusy(true);
    const message = await saveStep(record, (current, stepActor) => {
      const entry: ReviewLog = {
        id: stepActor.newId(),
        action,
        by: stepActor.userId,
        byName: stepActor.userName,
        at: stepActor.now.toISOString(),
        ...(text !== undefined && { comment: text.trim() }),
      };
      const taken = takeReviewStep(current as ReviewedBody, entry, context);
      return taken.ok
        ? { ok: true, body: taken.body as typeof current }
        : { ok: false, message: t(`review.refused.${taken.reason}`) };
    });
    setBusy(false);
    setError(message);
    if (message === undefined) {
      setReturning(false);
      setComment('');
    }
  };

  return (
    <section class={`review review--${state}`} aria-labelledby="review-title">
      <h2 class="review__head" id="review-title">
        <span class={`review__chip review__chip--${state}`}>{t(`reviewState.${state}`)}</span>
      </h2>
      {state === 'returned' && last && (
        <div class="review__returned" role="note">
          <p class="review__comment">{last.comment}</p>
          <p class="review__by">{byLine(last)}</p>
          {may('resubmit') && <p class="review__hint">{t('review.resubmitHint')}</p>}
        </div>
      )}
      {state === 'reviewed' && last && <p class="review__by">{byLine(last)}</p>}
      {state === 'pending' && !reviewer && <p class="review__hint">{t('review.pendingHint')}</p>}
      {reviewer && !canWrite(user.role, record.kind, recordFacts(record), user) && state === 'pending' && (
        <p class="review__hint">{t('review.noEditHint')}</p>
      )}
      {returning && (
        <TextAreaField
          id="review-comment"
          label={t('review.comment')}
          hint={t('review.commentHint')}
          value={comment}
          onValue={(value) => {
            setComment(value);
            if (error) setError(undefined);
          }}
          required
          maxLength={COMMENT_MAX}
          rows={3}
        />
      )}
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div class="review__actions">
        {may('review') && !returning && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy}
            onClick={() => void take('review')}
          >
            {t('review.approve')}
          </button>
        )}
        {may('return') &&
          (returning ? (
            <>
              <button type="button" class="button button--secondary" onClick={() => setReturning(false)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                class="button button--danger"
                disabled={busy}
                onClick={() => void take('return', comment)}
              >
                {t('review.confirmReturn')}
              </button>
            </>
          ) : (
            <button type="button" class="button button--secondary" onClick={() => setReturning(true)}>
              {t('review.return')}
            </button>
          ))}
        {may('resubmit') && canWrite(user.role, record.kind, recordFacts(record), user) && (
          <button
            type="button"
            class="button button--secondary"
            onClick={() => route(`/records/${record.id}/edit`)}
          >
            {t('review.fix')}
          </button>
        )}
        {may('resubmit') && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy}
            onClick={() => void take('resubmit')}
          >
            {t('review.resubmit')}
          </button>
        )}
      </div>
      {logs.length > 0 && (
        <details class="review__history">
          <summary>{t('review.history')}</summary>
          <ol>
            {logs.map((log) => (
              <li key={log.id}>
                {t(`review.action.${log.action}`)} · {log.byName ?? ''} · {formatDateTime(log.at)}
                {log.comment && <span class="review__history-comment">：{log.comment}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
