import type { LocalDb } from './local-db';
import { uuidV7 } from './uuid-v7';

/** This device database's client id: made once, kept with the outbox whose `seq` it scopes. */
export async function getClientId(db: LocalDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('clientId');
    if (typeof row?.value === 'string') return row.value;
    const id = uuidV7();
    await db.meta.put({ key: 'clientId', value: id });
    return id;
  });
}
