/**
 * Migration 0015: track points stored once per record, compactly (track-store.ts). Creates
 * `track_segments` and moves every stored track there — from the records, the kept revisions and
 * the audit log's before and after — leaving `"points": "t1:<key>"` in each copy. Lossless: the
 * points read back exactly as they were (the audit log's history does not change, only its form).
 * A segment's `stored_at` is the earliest time among its copies (the audit row's, the record's
 * receive time, a revision's updatedAt), so the retention counts from when it first arrived.
 *
 * FROZEN: the point encoding (domain/track-codec.ts, `p1:`) and the key (sha256 of the stored
 * text, base64url) are copied here as they stood at this migration (2026-12), so later changes to
 * the live code cannot change what it wrote. Append only.
 */
import type { Migration } from 'kysely';
import { type AnyDb, forEachRow, sha256Base64url } from '../migration-support';

const REF = 't1:';
const MICRO = 1e6;

function varint(value: number): string {
  let rest = value < 0 ? -2 * value - 1 : 2 * value;
  let out = '';
  while (rest >= 0x20) {
    out += String.fromCharCode((0x20 | (rest % 0x20)) + 63);
    rest = Math.floor(rest / 0x20);
  }
  return out + String.fromCharCode(rest + 63);
}

/** track-codec.ts's encodeTrackPoints at 2026-12: undefined when a point would not survive it. */
function encodePoints(points: readonly unknown[]): string | undefined {
  let text = 'p1:';
  let previous = [0, 0, 0, 0];
  for (const point of points) {
    if (!Array.isArray(point) || point.length !== 4) return undefined;
    const [lng, lat, time, accuracy] = point as number[];
    if (![lng, lat, time, accuracy].every((n) => typeof n === 'number')) return undefined;
    const values = [Math.round((lng as number) * MICRO), Math.round((lat as number) * MICRO), time, accuracy];
    if ((values[0] as number) / MICRO !== lng || (values[1] as number) / MICRO !== lat) return undefined;
    if (!Number.isSafeInteger(time) || !Number.isSafeInteger(accuracy)) return undefined;
    for (let i = 0; i < 4; i++) text += varint((values[i] as number) - (previous[i] as number));
    previous = values as number[];
  }
  return text;
}

interface Segment {
  recordId: string;
  key: string;
  points: string;
  pointCount: number;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON of Kysely<any> rows, see AnyDb.
function packBody(recordId: string, body: any, into: Segment[]): any {
  if (body === null || typeof body !== 'object' || !Array.isArray(body.track)) return body;
  let changed = false;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const track = body.track.map((segment: any) => {
    if (segment === null || typeof segment !== 'object' || !Array.isArray(segment.points)) return segment;
    if (segment.points.length === 0) return segment;
    const text = encodePoints(segment.points) ?? JSON.stringify(segment.points);
    const key = sha256Base64url(text);
    into.push({ recordId, key, points: text, pointCount: segment.points.length });
    changed = true;
    return { ...segment, points: `${REF}${key}` };
  });
  return changed ? { ...body, track } : body;
}

/** The stored JSON text of an envelope with its track packed, or undefined when it holds none. */
function packedEnvelope(text: string | null, into: Segment[]): string | undefined {
  if (text === null) return undefined;
  const envelope = JSON.parse(text);
  if (envelope === null || typeof envelope !== 'object' || typeof envelope.id !== 'string') return undefined;
  const body = packBody(envelope.id, envelope.body, into);
  return body === envelope.body ? undefined : JSON.stringify({ ...envelope, body });
}

/**
 * A copy's time as UTC ISO text, so stored_at compares as text with the retention's cut-off: a
 * device's updatedAt carries its own offset (`+08:00`).
 */
function utc(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${at}`);
  return new Date(ms).toISOString();
}

async function store(db: AnyDb, segments: readonly Segment[], copyAt: string): Promise<void> {
  const at = utc(copyAt);
  for (const s of segments) {
    await db
      .insertInto('track_segments')
      .values({
        record_id: s.recordId,
        key: s.key,
        points: s.points,
        point_count: s.pointCount,
        stored_at: at,
        simplified_at: null,
      })
      .onConflict((oc) =>
        oc.columns(['record_id', 'key']).doUpdateSet((eb) => ({
          stored_at: eb
            .case()
            .when('excluded.stored_at', '<', eb.ref('track_segments.stored_at'))
            .then(eb.ref('excluded.stored_at'))
            .else(eb.ref('track_segments.stored_at'))
            .end(),
        })),
      )
      .execute();
  }
}

export const tracksSegments: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('track_segments')
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('points', 'text', (col) => col.notNull())
      .addColumn('point_count', 'integer', (col) => col.notNull())
      .addColumn('stored_at', 'text', (col) => col.notNull())
      .addColumn('simplified_at', 'text')
      .addPrimaryKeyConstraint('track_segments_pk', ['record_id', 'key'])
      .execute();
    await db.schema
      .createIndex('track_segments_stored_at')
      .on('track_segments')
      .column('stored_at')
      .execute();

    await forEachRow(db, 'records', 'id', async (row) => {
      const segments: Segment[] = [];
      const body = packBody(row.id, JSON.parse(row.body), segments);
      if (segments.length === 0) return;
      await store(db, segments, row.received_at ?? row.updated_at);
      await db
        .updateTable('records')
        .set({ body: JSON.stringify(body) })
        .where('id', '=', row.id)
        .execute();
    });
    await forEachRow(db, 'record_revisions', ['record_id', 'rev'], async (row) => {
      const segments: Segment[] = [];
      const envelope = packedEnvelope(row.envelope, segments);
      if (envelope === undefined) return;
      await store(db, segments, JSON.parse(row.envelope).updatedAt);
      await db
        .updateTable('record_revisions')
        .set({ envelope })
        .where('record_id', '=', row.record_id)
        .where('rev', '=', row.rev)
        .execute();
    });
    await forEachRow(db, 'audit_log', 'id', async (row) => {
      const segments: Segment[] = [];
      const before = packedEnvelope(row.before, segments);
      const after = packedEnvelope(row.after, segments);
      if (before === undefined && after === undefined) return;
      await store(db, segments, row.at);
      await db
        .updateTable('audit_log')
        .set({ before: before ?? row.before, after: after ?? row.after })
        .where('id', '=', row.id)
        .execute();
    });
  },
};
