/**
 * Many stored 上报事件 in one grid, written straight to the records table (no revisions, no audit,
 * no change numbers taken: what an export reads and nothing else), for the export's streaming
 * test and bench. Ids are random, so the export's keyset walks them in no particular grid order.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertRecordRows } from '../../src/server/db/records.repository';
import type { Database } from '../../src/server/db/schema';
import { sampleGridEvent } from './sample-records';

const INSERT_CHUNK = 5_000;

/** Inserts `count` events in `gridId` reported by `userId`. */
export async function insertManyEvents(
  db: Kysely<Database>,
  gridId: string,
  userId: string,
  count: number,
  receivedAt: string,
): Promise<void> {
  for (let start = 0; start < count; start += INSERT_CHUNK) {
    const size = Math.min(INSERT_CHUNK, count - start);
    const rows = Array.from({ length: size }, (_, i) => {
      const record = sampleGridEvent(randomUUID(), gridId, userId);
      record.rev = 1;
      record.body.reportedByName = '王丽';
      record.body.description = `湖滨新寓${(start + i) % 40}栋楼道口停放电动车，联系人13812341234`;
      return { record, changeSeq: 1_000_000 + start + i, receivedAt };
    });
    await db.transaction().execute((trx) => insertRecordRows(trx, rows));
  }
}
