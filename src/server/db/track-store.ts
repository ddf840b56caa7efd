/**
 * GPS tracks stored once per record, compactly (issue 15 item 6). A patrol's track was stored
 * whole in every copy of the record — the record row, each kept revision, the audit log's before
 * and after — about six times a patrol-day at ~40 bytes a point, and three more each later edit.
 *
 * Now each segment's points live in `track_segments`, keyed by the record and a sha256 of the
 * points as first stored, in track-codec.ts's form (~8 bytes a point; JSON when a point would not
 * survive it). Every stored copy of the body holds `"points": "t1:<key>"` instead, so a copy that
 * did not change the track costs ~60 bytes a segment. The wire format does not change: bodies are
 * packed on the way into the database and resolved on the way out (records.repository.ts,
 * audit-log.repository.ts), and no pushed body can hold a reference, as the schema wants an array.
 *
 * The key names what was pushed, not what is kept: after the retention (track-retention.ts) the
 * row holds the simplified points, and every copy that names it reads those, so a device pushing
 * its raw copy again does not bring the raw points back.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TrackPoint } from '../../domain/patrol';
import { decodeTrackPoints, encodeTrackPoints } from '../../domain/track-codec';
import { executeInsert } from './compiled-inserts';
import type { Database } from './schema';
import { chunks, MAX_IDS, rowsPerStatement } from './statement-chunks';

export const TRACK_REF = 't1:';

export interface NewTrackSegment {
  recordId: string;
  key: string;
  /** track-codec text (`p1:…`) or JSON of the points. */
  points: string;
  pointCount: number;
}

/** Segments to store, by record and key (the same segment in several copies is stored once). */
export type TrackSegments = Map<string, NewTrackSegment>;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * The stored text and key of each points array packed so far. A pushed record's copies (its row,
 * its revision, its audit row's after) share one body, so its points are encoded and hashed once
 * rather than once a copy (a push profile spent 5% of its time doing it three times, issue 15).
 * Points are never changed in place (everything here builds new objects), so the text cannot go
 * stale; entries go with their arrays.
 */
const storedOfPoints = new WeakMap<readonly TrackPoint[], { key: string; text: string }>();

/** The stored text of a segment's points and its key. */
export function storedPoints(points: readonly TrackPoint[]): { key: string; text: string } {
  const known = storedOfPoints.get(points);
  if (known) return known;
  const text = encodeTrackPoints(points) ?? JSON.stringify(points);
  const stored = { key: createHash('sha256').update(text).digest('base64url'), text };
  storedOfPoints.set(points, stored);
  return stored;
}

/**
 * The JSON text of `value` as stored (packEnvelope), its segments added to `into`. The text is
 * kept per envelope object, so a record written as a revision and as an audit row's after is
 * serialised once (envelopes are values: every change builds a new object).
 */
export function packedEnvelopeText(value: unknown, into: TrackSegments): string {
  if (!isObject(value) || typeof value.id !== 'string') return JSON.stringify(value);
  let packed = packedTexts.get(value);
  if (!packed) {
    const segments: TrackSegments = new Map();
    packed = { text: JSON.stringify(packEnvelope(value, segments)), segments: [...segments] };
    packedTexts.set(value, packed);
  }
  for (const [key, segment] of packed.segments) into.set(key, segment);
  return packed.text;
}

const packedTexts = new WeakMap<object, { text: string; segments: [string, NewTrackSegment][] }>();

/**
 * The envelope as stored: each track segment's points replaced by a reference, the points added
 * to `into`. Anything that is not an envelope with a track (other audit values) is returned as is.
 */
export function packEnvelope<T>(value: T, into: TrackSegments): T {
  if (!isObject(value) || typeof value.id !== 'string') return value;
  const body = packBody(value.id, value.body, into);
  return body === value.body ? value : ({ ...value, body } as T);
}

/** The body as stored (see packEnvelope). */
export function packBody(recordId: string, body: unknown, into: TrackSegments): unknown {
  if (!isObject(body) || !Array.isArray(body.track)) return body;
  let changed = false;
  const track = body.track.map((segment: unknown) => {
    if (!isObject(segment) || !Array.isArray(segment.points) || segment.points.length === 0) return segment;
    const points = segment.points as TrackPoint[];
    const { key, text } = storedPoints(points);
    into.set(`${recordId}\u0000${key}`, { recordId, key, points: text, pointCount: points.length });
    changed = true;
    return { ...segment, points: `${TRACK_REF}${key}` };
  });
  return changed ? { ...body, track } : body;
}

/**
 * Keeps the segments (call in the transaction that writes the copies naming them). A segment kept
 * already keeps its row: it may hold the simplified points by now, which is what the copy reads.
 */
export async function storeTrackSegments(
  db: Kysely<Database>,
  segments: TrackSegments,
  storedAt: string,
): Promise<void> {
  // A push stores its records' segments for the row, the revision and the audit row in one
  // transaction: a segment this transaction stored already is not sent again (the insert would
  // do nothing). Only inside a transaction: its writes are all or nothing, so what it stored it
  // still holds, and the set goes with the transaction object.
  const storedHere = db.isTransaction ? storedInTransaction(db) : undefined;
  const fresh = storedHere ? [...segments].filter(([key]) => !storedHere.has(key)) : [...segments];
  for (const [key] of fresh) storedHere?.add(key);
  for (const chunk of chunks(
    fresh.map(([, segment]) => segment),
    rowsPerStatement(5),
  )) {
    const rows = chunk.map((s) => ({
      record_id: s.recordId,
      key: s.key,
      points: s.points,
      point_count: s.pointCount,
      stored_at: storedAt,
    }));
    await executeInsert(db, 'track_segments', rows, (values) =>
      db
        .insertInto('track_segments')
        .values([...values])
        .onConflict((oc) => oc.columns(['record_id', 'key']).doNothing()),
    );
  }
}

const storedByTransaction = new WeakMap<Kysely<Database>, Set<string>>();

function storedInTransaction(trx: Kysely<Database>): Set<string> {
  let stored = storedByTransaction.get(trx);
  if (!stored) {
    stored = new Set();
    storedByTransaction.set(trx, stored);
  }
  return stored;
}

/** The points of a stored segment's text. */
export function pointsOfStored(text: string): TrackPoint[] {
  return text.startsWith('p1:') ? decodeTrackPoints(text) : (JSON.parse(text) as TrackPoint[]);
}

/**
 * Resolves the track references of stored envelopes (or other audit values) with one read per
 * chunk of references; answers new objects, the given ones unchanged. A reference to a segment
 * that is not kept throws: a copy must never be served with its track silently missing.
 */
export async function resolveTracks<T>(db: Kysely<Database>, values: readonly T[]): Promise<T[]> {
  const wanted = new Map<string, { recordId: string; key: string }>();
  for (const value of values) {
    for (const ref of referencesOf(value)) wanted.set(`${ref.recordId}\u0000${ref.key}`, ref);
  }
  if (wanted.size === 0) return [...values];
  const found = new Map<string, string>();
  for (const chunk of chunks([...wanted.values()], MAX_IDS)) {
    const rows = await db
      .selectFrom('track_segments')
      .select(['record_id', 'key', 'points'])
      .where((eb) =>
        eb(
          eb.refTuple('record_id', 'key'),
          'in',
          chunk.map((ref) => eb.tuple(ref.recordId, ref.key)),
        ),
      )
      .execute();
    for (const row of rows) found.set(`${row.record_id}\u0000${row.key}`, row.points);
  }
  return values.map((value) => {
    if (!isObject(value) || typeof value.id !== 'string' || !isObject(value.body)) return value;
    const recordId = value.id;
    const { body } = value;
    if (!Array.isArray(body.track)) return value;
    const track = body.track.map((segment: unknown) => {
      if (!isObject(segment) || !isReference(segment.points)) return segment;
      const key = segment.points.slice(TRACK_REF.length);
      const text = found.get(`${recordId}\u0000${key}`);
      if (text === undefined) throw new Error(`Track segment ${key} of record ${recordId} is not kept`);
      return { ...segment, points: pointsOfStored(text) };
    });
    return { ...value, body: { ...body, track } } as T;
  });
}

function isReference(points: unknown): points is string {
  return typeof points === 'string' && points.startsWith(TRACK_REF);
}

function referencesOf(value: unknown): { recordId: string; key: string }[] {
  if (!isObject(value) || typeof value.id !== 'string' || !isObject(value.body)) return [];
  const { track } = value.body;
  if (!Array.isArray(track)) return [];
  const recordId = value.id;
  return track.flatMap((segment: unknown) =>
    isObject(segment) && isReference(segment.points)
      ? [{ recordId, key: segment.points.slice(TRACK_REF.length) }]
      : [],
  );
}

/**
 * Drops the track segments of `recordIds` that no stored copy names any more: after audit rows
 * are pruned, a deleted record's track (its tombstone and revisions erased it) is named by nothing.
 * Call in the transaction that removed the copies.
 */
export async function dropUnnamedSegments(
  db: Kysely<Database>,
  recordIds: readonly string[],
): Promise<number> {
  let dropped = 0;
  for (const ids of chunks([...new Set(recordIds)], MAX_IDS)) {
    const kept = await db
      .selectFrom('track_segments')
      .select(['record_id', 'key'])
      .where('record_id', 'in', ids)
      .execute();
    if (kept.length === 0) continue;
    const named = new Set<string>();
    const name = (text: string | null) => {
      if (text === null) return;
      for (const ref of referencesOf(JSON.parse(text))) named.add(`${ref.recordId}\u0000${ref.key}`);
    };
    for (const row of await db.selectFrom('records').select(['id', 'body']).where('id', 'in', ids).execute())
      for (const ref of referencesOf({ id: row.id, body: JSON.parse(row.body) }))
        named.add(`${ref.recordId}\u0000${ref.key}`);
    for (const row of await db
      .selectFrom('record_revisions')
      .select('envelope')
      .where('record_id', 'in', ids)
      .execute())
      name(row.envelope);
    for (const row of await db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('record_id', 'in', ids)
      .execute()) {
      name(row.before);
      name(row.after);
    }
    const unnamed = kept.filter((row) => !named.has(`${row.record_id}\u0000${row.key}`));
    for (const chunk of chunks(unnamed, MAX_IDS)) {
      const result = await db
        .deleteFrom('track_segments')
        .where((eb) =>
          eb(
            eb.refTuple('record_id', 'key'),
            'in',
            chunk.map((row) => eb.tuple(row.record_id, row.key)),
          ),
        )
        .executeTakeFirst();
      dropped += Number(result.numDeletedRows);
    }
  }
  return dropped;
}
