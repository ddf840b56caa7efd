/**
 * 打印文书: a record's printed paper (人民调解协议书 or 隐患整改通知书) made on the device from the
 * record it holds, with no server round trip, so it works offline. On screen: 返回, 打印 / 保存为PDF
 * (the phone's print dialog saves a PDF) and, on an agreement, the parties and mediators signing on
 * the phone; on paper (print.css): the A4 sheet alone.
 */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { canWrite, recordFacts } from '../../domain/access-rules';
import { agreementPaper } from '../../domain/agreement-paper';
import type { DisputeRecord, GridRecord } from '../../domain/record-envelope';
import { rectificationNotice } from '../../domain/rectification-notice';
import { t } from '../i18n/i18n';
import { useLiveQuery } from '../lib/use-live-query';
import { AgreementSheet } from '../print/agreement-sheet';
import { NoticeSheet } from '../print/notice-sheet';
import { usePrintAudit } from '../print/print-audit';
import { SignersPanel } from '../print/signers-panel';
import { currentDb, session } from '../status/session';
import '../print/print.css';

type Paper =
  | { kind: 'agreement'; record: DisputeRecord; paper: NonNullable<ReturnType<typeof agreementPaper>> }
  | { kind: 'notice'; paper: NonNullable<ReturnType<typeof rectificationNotice>> };

function paperOf(record: GridRecord, which: string | undefined, now: Date): Paper | undefined {
  if (which === 'agreement' && record.kind === 'dispute') {
    const paper = agreementPaper(record, now);
    return paper && { kind: 'agreement', record, paper };
  }
  if (which === 'notice' && record.kind === 'rentalInspection') {
    const paper = rectificationNotice(record);
    return paper && { kind: 'notice', paper };
  }
  return undefined;
}

export function PrintScreen() {
  const { params } = useRoute();
  const db = currentDb.value;
  const row = useLiveQuery(
    async () => (db && params.id ? ((await db.records.get(params.id)) ?? null) : null),
    [db, params.id],
  );
  const [now] = useState(() => new Date());
  const record = row && !row.record.deleted ? row.record : undefined;
  const paper = record ? paperOf(record, params.paper, now) : undefined;
  const printable = paper !== undefined && !paper.paper.masked;
  const audit = usePrintAudit(params.id ?? '', printable ? paper.paper.revealedFields : undefined);
  const user = session.value?.user;

  if (row === undefined) return null;
  const back = `/records/${params.id ?? ''}`;
  const message = !record
    ? t('print.notFound')
    : !paper
      ? t('print.noPaper')
      : paper.paper.masked
        ? t('print.masked')
        : audit.state === 'failed'
          ? t('print.auditFailed', { message: audit.message })
          : undefined;
  const signable =
    paper?.kind === 'agreement' &&
    user !== undefined &&
    canWrite(user.role, paper.record.kind, recordFacts(paper.record), user);

  return (
    <div class="screen print-screen">
      <header class="print-bar no-print">
        <a class="button button--secondary print-bar__back" href={back}>
          {t('print.back')}
        </a>
        <button
          type="button"
          class="button button--primary print-bar__print"
          disabled={message !== undefined || audit.state !== 'recorded'}
          onClick={() => window.print()}
        >
          {t('print.print')}
        </button>
      </header>
      {message ? (
        <p class="print-message no-print" role="alert">
          {message}
        </p>
      ) : (
        audit.state === 'recorded' &&
        paper && (
          <>
            <p class="print-note no-print">{t('print.audited')}</p>
            {signable && paper.kind === 'agreement' && (
              <SignersPanel record={paper.record} paper={paper.paper} />
            )}
            <div class="paper-frame">
              {paper.kind === 'agreement' ? (
                <AgreementSheet paper={paper.paper} />
              ) : (
                <NoticeSheet notice={paper.paper} />
              )}
            </div>
          </>
        )
      )}
    </div>
  );
}
