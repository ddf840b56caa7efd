/**
 * Migration 0014: stored record bodies cleaned to the text rule of domain/text.ts. Records written
 * before that rule may hold a tab, a U+202E or a C1 control in a field; a device validates every
 * pulled record, so one such record would stop every phone of its scope from pulling.
 *
 * FROZEN: a migration must do the same thing on every server whenever it runs, so the character
 * rule and the list of multi-line fields are copied here as they stood at this migration (2026-12),
 * not imported from src/domain, whose later changes would rewrite history. Append only.
 */
import type { Migration } from 'kysely';
import { type AnyDb, CHANGE_COUNTER, forEachRow } from '../migration-support';

/** Bidi embeddings, overrides and isolates, and lone surrogates: removed (they carry no text). */
function isRemoved(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** C0 controls, DEL and C1 controls: each becomes a space (a tab separated words). */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/**
 * The multi-line fields (textareas) of each kind at body version 2, as paths with `*` for an
 * array index. Every other string of a body is single-line: its line breaks become spaces.
 */
const MULTILINE_PATHS: Readonly<Record<string, ReadonlySet<string>>> = {
  patrol: new Set(['content']),
  rentalInspection: new Set(['remarks', 'hazards.*.feedback', 'hazards.*.rechecks.*.note']),
  rentalHouse: new Set(['remarks']),
  dispute: new Set([
    'summary',
    'claims',
    'failureReason',
    'transferFeedback',
    'extensions.*.reason',
    'sessions.*.statements',
    'sessions.*.verifiedFacts',
    'agreement.facts',
    'agreement.terms',
    'followUps.*.measures',
    'flowLogs.*.reason',
  ]),
};

/**
 * One string cleaned. A string that changed is also trimmed, as a text field stores it; one left
 * empty by the cleaning though it held something becomes U+FFFD, so a required field stays filled
 * and the reader sees that something unreadable stood there.
 */
export function cleanedText(text: string, multiline: boolean): string {
  let out = '';
  for (let index = 0; index < text.length; ) {
    const code = text.codePointAt(index) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) {
      out += multiline ? '\r\n' : ' ';
      index += 2;
      continue;
    }
    if (code === 0x0a) out += multiline ? '\n' : ' ';
    else if (isControl(code)) out += ' ';
    else if (!isRemoved(code)) out += text.slice(index, index + width);
    index += width;
  }
  if (out === text) return text;
  const trimmed = out.trim();
  return trimmed === '' && text.trim() !== '' ? '\uFFFD' : trimmed;
}

function cleanedValue(value: unknown, path: string, multiline: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return cleanedText(value, multiline.has(path));
  const prefix = path === '' ? '' : `${path}.`;
  if (Array.isArray(value)) return value.map((item) => cleanedValue(item, `${prefix}*`, multiline));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, cleanedValue(item, `${prefix}${key}`, multiline)]),
    );
  }
  return value;
}

/** The body of a record of `kind` cleaned, or undefined when it was clean already. */
export function cleanedBody(kind: string, body: unknown): unknown {
  const cleaned = cleanedValue(body, '', MULTILINE_PATHS[kind] ?? new Set());
  return JSON.stringify(cleaned) === JSON.stringify(body) ? undefined : cleaned;
}

// biome-ignore lint/suspicious/noExplicitAny: envelopes of Kysely<any> rows, see AnyDb.
function cleanedEnvelope(envelope: any): unknown {
  if (envelope === null || typeof envelope !== 'object') return undefined;
  const body = cleanedBody(envelope.kind, envelope.body);
  return body === undefined ? undefined : { ...envelope, body };
}

/**
 * Cleans the current records, every kept revision (the base a stale push is merged against: it must
 * read as the device's copy does) and the records in stored push results (a replay answers with
 * them). The audit log keeps what it recorded: it is history.
 *
 * A cleaned record takes a new change_seq so that every device pulls the clean version, but keeps
 * its rev, updatedAt and updatedBy: nobody wrote it, the text reads the same, and a new rev would
 * turn every edit queued on a phone against it into a stale push with a merge against a revision
 * nobody made. Numbers come from the change counter, as a push takes them (its row lock orders
 * the commits).
 */
export const cleanStoredText: Migration = {
  async up(db: AnyDb) {
    await forEachRow(db, 'records', 'id', async (row) => {
      const body = cleanedBody(row.kind, JSON.parse(row.body));
      if (body === undefined) return;
      const taken = await db
        .updateTable('counters')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('name', '=', CHANGE_COUNTER)
        .returning('value')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('records')
        .set({ body: JSON.stringify(body), change_seq: Number(taken.value) })
        .where('id', '=', row.id)
        .execute();
    });
    await forEachRow(db, 'record_revisions', ['record_id', 'rev'], async (row) => {
      const envelope = cleanedEnvelope(JSON.parse(row.envelope));
      if (envelope === undefined) return;
      await db
        .updateTable('record_revisions')
        .set({ envelope: JSON.stringify(envelope) })
        .where('record_id', '=', row.record_id)
        .where('rev', '=', row.rev)
        .execute();
    });
    await forEachRow(db, 'mutations', 'id', async (row) => {
      const result = JSON.parse(row.result);
      const record = cleanedEnvelope(result?.record);
      if (record === undefined) return;
      await db
        .updateTable('mutations')
        .set({ result: JSON.stringify({ ...result, record }) })
        .where('id', '=', row.id)
        .execute();
    });
  },
};
