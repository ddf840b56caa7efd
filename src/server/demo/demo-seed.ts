/**
 * Demo data, made once on first start in demo mode (and by tests): the Jiangbei New Area org
 * tree, one account per role and sample records. Seeding again changes nothing.
 */
import type { Kysely } from 'kysely';
import type { GridRecord } from '../../domain/record-envelope';
import type { Role } from '../../domain/roles';
import { hashPassword } from '../auth/password';
import { BASE_PARTITION, lockPartitions, partitionsOfGrids, takeChangeSeqs } from '../db/counters.repository';
import { saveEventClocks } from '../db/event-clocks.repository';
import { findOrg, insertOrgs } from '../db/orgs.repository';
import { insertRecords } from '../db/records.repository';
import type { Database, OrgsTable } from '../db/schema';
import { assignOrgs, insertUsers } from '../db/users.repository';
import { DEMO_ACCOUNT_SEEDS, DEMO_PASSWORD, demoUserId, ROLE_LABELS } from './demo-accounts';
import { buildDemoOrgs, DEMO_DISTRICT_ID } from './demo-orgs';
import { buildDemoRecords } from './demo-records';

export interface DemoAccount {
  username: string;
  password: string;
  userId: string;
  name: string;
  role: Role;
  /** The role in Chinese, e.g. 专职网格员. */
  roleLabel: string;
  /** The scope in words, e.g. 大厂街道湖滨社区第一网格. */
  scopeLabel: string;
}

/** The demo accounts with their password, role and scope in words, in the order main.ts prints them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = describeAccounts(buildDemoOrgs().orgs);

/** Seeds the demo data unless it is already there. Answers whether it seeded. */
export async function seedDemoData(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  if (await findOrg(db, DEMO_DISTRICT_ID)) return false;
  const { orgs, communities } = buildDemoOrgs();
  const records = buildDemoRecords(communities, now);
  // One hash for all demo accounts: they share a published password, and scrypt costs ~50 ms each.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  try {
    await insertDemoData(db, orgs, records, passwordHash, now.toISOString());
  } catch (error) {
    // Another server process on the same empty database seeded it first (its transaction committed
    // and ours hit the unique keys): the data is there, which is all a start needs.
    if (await findOrg(db, DEMO_DISTRICT_ID)) return false;
    throw error;
  }
  return true;
}

async function insertDemoData(
  db: Kysely<Database>,
  orgs: OrgsTable[],
  records: ReturnType<typeof buildDemoRecords>,
  passwordHash: string,
  receivedAt: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertOrgs(trx, orgs);
    await insertUsers(
      trx,
      DEMO_ACCOUNT_SEEDS.map((account) => ({
        id: demoUserId(account.username),
        username: account.username,
        name: account.name,
        role: account.role,
        password_hash: passwordHash,
        demo: 1,
        department_id: account.departmentId ?? null,
      })),
    );
    await assignOrgs(
      trx,
      DEMO_ACCOUNT_SEEDS.map((account) => ({ user_id: demoUserId(account.username), org_id: account.orgId })),
    );
    // Numbered like pushes: each record in its street's partition (counters.repository.ts).
    const partitions = await partitionsOfGrids(trx, [...new Set(records.map((record) => record.gridId))]);
    const partitionOf = (record: GridRecord) => partitions.get(record.gridId) ?? BASE_PARTITION;
    await lockPartitions(trx, partitions.values());
    const next = new Map<string, number>();
    for (const record of records) next.set(partitionOf(record), (next.get(partitionOf(record)) ?? 0) + 1);
    for (const [partition, count] of next)
      next.set(partition, (await takeChangeSeqs(trx, partition, count)) - count + 1);
    await insertRecords(
      trx,
      records.map((record) => {
        const changeSeq = next.get(partitionOf(record)) as number;
        next.set(partitionOf(record), changeSeq + 1);
        return { record, changeSeq, receivedAt };
      }),
    );
    // The demo events' clocks, as a push writes them: the supervision finds the late ones.
    await saveEventClocks(trx, records);
  });
}

function describeAccounts(orgs: readonly OrgsTable[]): DemoAccount[] {
  const byId = new Map(orgs.map((org) => [org.id, org]));
  // 大厂街道 + 湖滨社区 + 第一网格: the names from the street down, without the district.
  const scopeLabel = (orgId: string): string => {
    const names: string[] = [];
    for (let org = byId.get(orgId); org && org.level !== 'district'; org = byId.get(org.parent_id ?? '')) {
      names.unshift(org.name);
    }
    return names.join('');
  };
  return DEMO_ACCOUNT_SEEDS.map((account) => ({
    username: account.username,
    password: DEMO_PASSWORD,
    userId: demoUserId(account.username),
    name: account.name,
    role: account.role,
    roleLabel: ROLE_LABELS[account.role],
    // A department account is shown by its department: 大厂街道大厂派出所.
    scopeLabel: scopeLabel(account.departmentId ?? account.orgId),
  }));
}
