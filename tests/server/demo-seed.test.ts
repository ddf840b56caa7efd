import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { recordSchema } from '../../src/domain/record-envelope';
import { RECORD_KINDS } from '../../src/domain/record-kinds';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import { recordFromRow } from '../../src/server/db/records.repository';
import { resolveTracks } from '../../src/server/db/track-store';
import { DEMO_ACCOUNTS, seedDemoData } from '../../src/server/demo/demo-seed';
import { DIALECTS, startTestServer, type TestServer } from '../support/test-server';

const EXPECTED_USERNAMES = [
  'hb-grid01',
  'hb-grid02',
  'hb-leader',
  'hb-police',
  'hb-aux',
  'hb-mediator',
  'hb-enforce',
  'dc-police',
  'dc-chengguan',
  'dc-fire',
  'hb-wuye',
  'hb-admin',
  'dc-admin',
  'tq-grid01',
  'tq-police',
];

describe('demo accounts', () => {
  it('lists exactly the agreed usernames with password, role and scope in words', () => {
    expect(DEMO_ACCOUNTS.map((account) => account.username)).toEqual(EXPECTED_USERNAMES);
    expect(DEMO_ACCOUNTS.every((account) => account.password === 'demo123456')).toBe(true);
    expect(DEMO_ACCOUNTS[0]).toMatchObject({
      roleLabel: '专职网格员',
      scopeLabel: '大厂街道湖滨社区第一网格',
    });
    expect(DEMO_ACCOUNTS.find((a) => a.username === 'dc-admin')).toMatchObject({
      roleLabel: '街道管理员',
      scopeLabel: '大厂街道',
    });
    // A department account is shown by its department.
    expect(DEMO_ACCOUNTS.find((a) => a.username === 'dc-police')).toMatchObject({
      roleLabel: '职能部门人员',
      scopeLabel: '大厂街道大厂派出所',
    });
    expect(DEMO_ACCOUNTS.find((a) => a.username === 'hb-enforce')?.scopeLabel).toBe(
      '大厂街道大厂综合执法中队',
    );
    expect(DEMO_ACCOUNTS.find((a) => a.username === 'tq-police')).toMatchObject({
      roleLabel: '社区民警',
      scopeLabel: '泰山街道铁桥社区',
    });
  });
});

describe.each(DIALECTS)('demo seed (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('makes the 7 Jiangbei streets with 2–3 communities each and 2–4 grids per community', async () => {
    const orgs = await server.db.selectFrom('orgs').selectAll().execute();
    const streets = orgs.filter((org) => org.level === 'street');
    expect(streets.map((s) => s.name).sort()).toEqual(
      ['泰山街道', '顶山街道', '沿江街道', '大厂街道', '葛塘街道', '长芦街道', '盘城街道'].sort(),
    );
    for (const street of streets) {
      const communities = orgs.filter((org) => org.parent_id === street.id && org.level === 'community');
      expect(communities.length).toBeGreaterThanOrEqual(2);
      expect(communities.length).toBeLessThanOrEqual(3);
      for (const community of communities) {
        const grids = orgs.filter((org) => org.parent_id === community.id);
        expect(grids.length).toBeGreaterThanOrEqual(2);
        expect(grids.length).toBeLessThanOrEqual(4);
        for (const grid of grids) {
          const [lng, lat] = JSON.parse(grid.geometry ?? 'null').coordinates[0][0];
          expect(lng).toBeGreaterThan(118.6);
          expect(lng).toBeLessThan(118.9);
          expect(lat).toBeGreaterThan(32.05);
          expect(lat).toBeLessThan(32.35);
        }
      }
    }
  });

  it('makes valid records of every kind in every community', async () => {
    const rows = await server.db.selectFrom('records').selectAll().execute();
    // As served: a stored body names its track's segments (track-store.ts).
    for (const record of await resolveTracks(server.db, rows.map(recordFromRow))) {
      const result = z.safeParse(recordSchema, record);
      expect(result.success, `${record.id}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
    const communities = await server.db
      .selectFrom('orgs')
      .select('id')
      .where('level', '=', 'community')
      .execute();
    for (const { id } of communities) {
      const kinds = new Set(rows.filter((row) => row.grid_id.startsWith(`${id}-`)).map((row) => row.kind));
      expect(kinds).toEqual(new Set(RECORD_KINDS));
    }
  });

  it('makes the 职能部门 under their streets, each department account bound to its own', async () => {
    const departments = await server.db
      .selectFrom('orgs')
      .select(['id', 'parent_id', 'name', 'department_type'])
      .where('level', '=', 'department')
      .orderBy('id')
      .execute();
    expect(departments).toEqual([
      {
        id: 'dachang-chengguan',
        parent_id: 'dachang',
        name: '大厂城管中队',
        department_type: 'cityManagement',
      },
      { id: 'dachang-fire', parent_id: 'dachang', name: '大厂消防救援站', department_type: 'fireRescue' },
      {
        id: 'dachang-hubin-wuye',
        parent_id: 'dachang',
        name: '湖滨物业服务中心',
        department_type: 'property',
      },
      { id: 'dachang-police', parent_id: 'dachang', name: '大厂派出所', department_type: 'police' },
      {
        id: 'dachang-zhifa',
        parent_id: 'dachang',
        name: '大厂综合执法中队',
        department_type: 'lawEnforcement',
      },
      { id: 'taishan-police', parent_id: 'taishan', name: '泰山派出所', department_type: 'police' },
      {
        id: 'taishan-zhifa',
        parent_id: 'taishan',
        name: '泰山综合执法中队',
        department_type: 'lawEnforcement',
      },
    ]);
    const bound = await server.db
      .selectFrom('users')
      .select(['username', 'role', 'department_id'])
      .where('department_id', 'is not', null)
      .orderBy('username')
      .execute();
    expect(bound).toEqual([
      { username: 'dc-chengguan', role: 'departmentStaff', department_id: 'dachang-chengguan' },
      { username: 'dc-fire', role: 'departmentStaff', department_id: 'dachang-fire' },
      { username: 'dc-police', role: 'departmentStaff', department_id: 'dachang-police' },
      { username: 'hb-enforce', role: 'lawEnforcement', department_id: 'dachang-zhifa' },
      { username: 'hb-wuye', role: 'departmentStaff', department_id: 'dachang-hubin-wuye' },
    ]);
    // Signed in, the account carries its department and sees its street's grids.
    const police = await server.login('dc-police');
    expect(police.user.departmentId).toBe('dachang-police');
    expect(police.user.scope.gridIds.length).toBeGreaterThan(0);
    expect(police.user.scope.gridIds.every((gridId) => gridId.startsWith('dachang-'))).toBe(true);
    expect((await server.login('hb-grid01')).user.departmentId).toBeUndefined();
  });

  it('changes nothing when run again', async () => {
    const before = await server.count('records');
    expect(await seedDemoData(server.db)).toBe(false);
    expect(await server.count('records')).toBe(before);
  });
});

describe('demo seed ids', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function freshRecordIds(): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-seed-'));
    dirs.push(dir);
    const db = await openDatabase({ sqlitePath: join(dir, 'db.sqlite') });
    await seedDemoData(db);
    const rows = await db.selectFrom('records').select('id').orderBy('id').execute();
    await db.destroy();
    return rows.map((row) => row.id);
  }

  it('are the same on every fresh database', async () => {
    expect(await freshRecordIds()).toEqual(await freshRecordIds());
  });

  it('sign in only in demo mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridkeeper-seed-'));
    dirs.push(dir);
    const db = await openDatabase({ sqlitePath: join(dir, 'db.sqlite') });
    await seedDemoData(db);
    const login = (demoAccounts: boolean) =>
      createApp({ db, demoAccounts }).request('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'hb-grid01', password: 'demo123456' }),
      });
    expect((await login(true)).status).toBe(200);
    expect((await login(false)).status).toBe(401);
    await db.destroy();
  });
});
