import type { Kysely } from 'kysely';
import { ApiError } from './api-error';
import { claimClient } from './db/clients.repository';
import type { Database } from './db/schema';

/**
 * Registers the client id to the caller on first use and answers its acked seq; a client id
 * that belongs to someone else is refused as a whole (403).
 */
export async function claimOwnClient(
  db: Kysely<Database>,
  clientId: string,
  userId: string,
): Promise<number> {
  const client = await claimClient(db, clientId, userId);
  if (client.userId !== userId) {
    throw new ApiError(
      403,
      'forbidden',
      'This clientId belongs to another user; make a new one after signing in',
    );
  }
  return client.ackedSeq;
}
