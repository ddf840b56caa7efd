/**
 * 导出数据 on the 区域总览 (issue 13 §4): one kind of record of the user's whole area over the period
 * the screen shows, as Excel or CSV, personal data hidden unless the user says why it is needed.
 * The server builds the file (masks, watermark line, audit row: domain/export-request.ts); the page
 * saves it. Online only: an export is the server's, and it is recorded there.
 */
import { useState } from 'preact/hooks';
import { type FigurePeriod, periodsOf } from '../../domain/area-figures';
import { localDayOf } from '../../domain/due-dates';
import { EXPORT_FORMATS, type ExportFormat, type ExportRequest } from '../../domain/export-request';
import { RECORD_KINDS, type RecordKind } from '../../domain/record-kinds';
import { ASKED_REVEAL_REASONS, MAX_REVEAL_NOTE_CHARS, type RevealReason } from '../../domain/reveal';
import { type ExportResult, requestExport } from '../../sync/export-client';
import { label, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { isOnline } from '../status/network';
import { pageHttp } from '../status/page-http';
import { session } from '../status/session';
import { BottomSheet } from './bottom-sheet';
import { ChoiceGroup } from './choice-group';
import { TextAreaField } from './text-field';

/** The kinds in the order a supervisor asks for them. */
const EXPORT_KINDS: readonly RecordKind[] = [
  'gridEvent',
  'dispute',
  'rentalInspection',
  'patrol',
  'rentalHouse',
];

/** What the user is told when the server or the network says no. */
function failureOf(result: Exclude<ExportResult, { kind: 'file' }>): MessageKey {
  if (result.kind === 'network-error') return 'export.offline';
  if (result.status === 401) return 'export.expired';
  if (result.status === 403) return 'export.forbidden';
  const path = result.issues?.[0]?.path;
  if (path === 'reasonNote') return 'export.noteRequired';
  if (path === 'reason') return 'export.reasonRequired';
  return 'export.failed';
}

/** Saves `blob` under `filename` through the browser's download. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportSheet({ period, onClose }: { period: FigurePeriod; onClose: () => void }) {
  const [kind, setKind] = useState<RecordKind>('gridEvent');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [masked, setMasked] = useState(true);
  const [reason, setReason] = useState<RevealReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | undefined>();
  const [done, setDone] = useState<{ filename: string; exportId: string } | undefined>();
  const span = periodsOf(period, new Date()).current;
  const from = localDayOf(span.from);
  const to = localDayOf(span.to);

  const submit = async () => {
    const token = session.value?.token;
    if (!token) return setError('export.expired');
    if (!masked && reason === '') return setError('export.reasonRequired');
    if (!masked && reason === 'other' && note.trim() === '') return setError('export.noteRequired');
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const request: ExportRequest = {
      format,
      kind,
      from,
      to,
      ...(masked ? {} : { masked: false, reason: reason as RevealReason, reasonNote: note.trim() }),
    };
    const result = await requestExport(pageHttp, token, request);
    setBusy(false);
    if (result.kind !== 'file') return setError(failureOf(result));
    save(result.blob, result.filename);
    setDone({ filename: result.filename, exportId: result.exportId });
  };

  return (
    <BottomSheet title={t('export.title')} class="export-sheet" focus="input" onClose={onClose}>
      <ChoiceGroup
        id="export-kind"
        legend={t('export.kind')}
        look="chips"
        options={EXPORT_KINDS.filter((k) => RECORD_KINDS.includes(k)).map((k) => ({
          value: k,
          label: t(`kind.${k}`),
        }))}
        value={kind}
        onValue={(value) => setKind(value as RecordKind)}
      />
      <ChoiceGroup
        id="export-format"
        legend={t('export.format')}
        look="chips"
        options={EXPORT_FORMATS.map((f) => ({ value: f, label: t(`export.format.${f}`) }))}
        value={format}
        onValue={(value) => setFormat(value as ExportFormat)}
      />
      <p class="form-note">{t('export.range', { period: t(`overview.period.${period}`), from, to })}</p>
      <ChoiceGroup
        id="export-masking"
        legend={t('export.masking')}
        look="chips"
        options={[
          { value: 'masked', label: t('export.masked') },
          { value: 'unmasked', label: t('export.unmasked') },
        ]}
        value={masked ? 'masked' : 'unmasked'}
        onValue={(value) => {
          setMasked(value === 'masked');
          setError(undefined);
        }}
      />
      {!masked && (
        <>
          <p class="reveal-sheet__notice">{t('export.unmaskedNotice')}</p>
          <ChoiceGroup
            id="export-reason"
            legend={t('export.reason')}
            look="chips"
            required
            options={ASKED_REVEAL_REASONS.map((r) => ({ value: r, label: label('revealReason', r) }))}
            value={reason}
            onValue={(value) => {
              setReason(value as RevealReason);
              setError(undefined);
            }}
          />
          {reason === 'other' && (
            <TextAreaField
              id="export-note"
              label={t('reveal.note')}
              value={note}
              onValue={(value) => {
                setNote(value);
                setError(undefined);
              }}
              required
              maxLength={MAX_REVEAL_NOTE_CHARS}
              rows={2}
            />
          )}
        </>
      )}
      {error && (
        <p class="notice notice--error" role="alert">
          {t(error)}
        </p>
      )}
      {done && (
        <p class="notice" role="status">
          {t('export.done', { name: done.filename, id: done.exportId })}
        </p>
      )}
      <div class="action-bar__row">
        <button type="button" class="button button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          class="button button--primary"
          disabled={busy || !isOnline.value}
          onClick={() => void submit()}
        >
          {busy ? t('export.working') : isOnline.value ? t('export.submit') : t('export.needsNetwork')}
        </button>
      </div>
    </BottomSheet>
  );
}
