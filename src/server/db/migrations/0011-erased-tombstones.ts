import type { Migration } from 'kysely';
import { type AnyDb, forEachRow } from '../migration-support';

/**
 * Tombstones keep no personal data (personal-fields.ts): existing ones are erased, with their kept
 * revisions and the records in their stored push results, as a delete does from now on. The audit
 * log keeps what it recorded: it is history. Stored results are found by record, hence the index.
 */
export const erasedTombstones: Migration = {
  async up(db: AnyDb) {
    await db.schema.createIndex('mutations_record_id').on('mutations').column('record_id').execute();
    // biome-ignore lint/suspicious/noExplicitAny: envelopes of Kysely<any> rows, see AnyDb.
    const erase = (envelope: any) => withoutPersonalData(envelope);
    await forEachRow(db, 'records', 'id', async (row) => {
      if (Number(row.deleted) !== 1) return;
      const body = erase({ kind: row.kind, body: JSON.parse(row.body) }).body;
      await db
        .updateTable('records')
        .set({ body: JSON.stringify(body) })
        .where('id', '=', row.id)
        .execute();
      const revisions = await db
        .selectFrom('record_revisions')
        .selectAll()
        .where('record_id', '=', row.id)
        .execute();
      for (const revision of revisions) {
        await db
          .updateTable('record_revisions')
          .set({ envelope: JSON.stringify(erase(JSON.parse(revision.envelope))) })
          .where('record_id', '=', row.id)
          .where('rev', '=', revision.rev)
          .execute();
      }
      const results = await db.selectFrom('mutations').selectAll().where('record_id', '=', row.id).execute();
      for (const stored of results) {
        const result = JSON.parse(stored.result);
        if (!result?.record) continue;
        await db
          .updateTable('mutations')
          .set({ result: JSON.stringify({ ...result, record: erase(result.record) }) })
          .where('id', '=', stored.id)
          .execute();
      }
    });
  },
};

/*
 * FROZEN: which body fields were personal, and what an erased one became, as domain/personal-fields.ts
 * said at this migration (2026-12), copied so that later changes to the live table cannot rewrite
 * history. The live table erases tombstones written from then on.
 */
type PersonalClass = 'name' | 'phone' | 'idNo' | 'address' | 'freeText' | 'location' | 'trait';

/** Dotted body paths; `*` is every item of a list. */
const PERSONAL_FIELDS: Readonly<Record<string, Readonly<Record<string, PersonalClass>>>> = {
  patrol: {
    content: 'freeText',
    'accompaniedBy.*.name': 'name',
    track: 'location',
    location: 'location',
  },
  rentalHouse: {
    address: 'address',
    landlordName: 'name',
    landlordIdNo: 'idNo',
    landlordPhone: 'phone',
    managerName: 'name',
    managerPhone: 'phone',
    'tenants.*.name': 'name',
    'tenants.*.idNo': 'idNo',
    'tenants.*.phone': 'phone',
    'tenants.*.householdRegistration': 'address',
    'tenants.*.workplace': 'freeText',
    'tenants.*.relationToPrimaryTenant': 'trait',
    remarks: 'freeText',
    location: 'location',
  },
  rentalInspection: {
    address: 'address',
    landlordName: 'name',
    landlordPhone: 'phone',
    'presentPerson.name': 'name',
    'inspectors.*.name': 'name',
    'checklist.*.note': 'freeText',
    'hazards.*.description': 'freeText',
    'hazards.*.feedback': 'freeText',
    'hazards.*.rechecks.*.note': 'freeText',
    remarks: 'freeText',
    location: 'location',
  },
  dispute: {
    title: 'freeText',
    summary: 'freeText',
    claims: 'freeText',
    'parties.*.name': 'name',
    'parties.*.gender': 'trait',
    'parties.*.age': 'trait',
    'parties.*.occupation': 'trait',
    'parties.*.address': 'address',
    'parties.*.phone': 'phone',
    'parties.*.idNo': 'idNo',
    'mediators.*.name': 'name',
    'extensions.*.reason': 'freeText',
    'sessions.*.place': 'address',
    'sessions.*.participants': 'name',
    'sessions.*.mediators': 'name',
    'sessions.*.recorder': 'name',
    'sessions.*.statements': 'freeText',
    'sessions.*.verifiedFacts': 'freeText',
    'agreement.facts': 'freeText',
    'agreement.terms': 'freeText',
    'agreement.performanceMethod': 'freeText',
    'agreement.performancePlace': 'address',
    failureReason: 'freeText',
    transferFeedback: 'freeText',
    'followUps.*.by': 'name',
    'followUps.*.partyVisited': 'name',
    'followUps.*.measures': 'freeText',
    'flowLogs.*.byName': 'name',
    'flowLogs.*.reason': 'freeText',
    place: 'address',
    location: 'location',
  },
};

function erasedValue(kind: PersonalClass): string | undefined {
  if (kind === 'phone') return '000-00000000';
  if (kind === 'idNo') return '000000000000000000';
  if (kind === 'trait' || kind === 'location') return undefined;
  return '已删除';
}

function eraseAt(node: unknown, path: readonly string[], kind: PersonalClass): void {
  const [key, ...rest] = path;
  if (key === undefined || typeof node !== 'object' || node === null) return;
  if (key === '*') {
    if (Array.isArray(node)) for (const item of node) eraseAt(item, rest, kind);
    return;
  }
  const parent = node as Record<string, unknown>;
  if (!Object.hasOwn(parent, key)) return;
  if (rest.length > 0) {
    eraseAt(parent[key], rest, kind);
    return;
  }
  const erased = erasedValue(kind);
  if (erased === undefined) delete parent[key];
  else parent[key] = erased;
}

/** The envelope with every personal value of its kind erased; the one passed in is not changed. */
function withoutPersonalData<R extends { kind: string; body: unknown }>(record: R): R {
  const body: unknown = JSON.parse(JSON.stringify(record.body));
  for (const [path, kind] of Object.entries(PERSONAL_FIELDS[record.kind] ?? {}))
    eraseAt(body, path.split('.'), kind);
  return { ...record, body };
}
