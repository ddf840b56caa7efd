/**
 * The supervisor's figures through the API (issue 13): counts over the caller's grids only, an org
 * outside them refused with its name, roles that supervise nothing refused, and no personal data
 * in the answer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { RECORD_KINDS } from '../../src/domain/record-kinds';
import { liveRecordPages } from '../../src/server/db/records.repository';
import { sampleGridEvent } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  mutation,
  startTestServer,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';

describe.each(DIALECTS)('the supervisor’s figures (%s)', (dialect) => {
  let server: TestServer;
  const who: Record<string, LoginResponse> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const account of ['hb-admin', 'dc-admin', 'hb-grid01', 'tq-grid01', 'tq-police'])
      who[account] = await server.login(account);
  });
  afterAll(() => server.close());

  const figures = (account: string, query = '') =>
    server.call('GET', `/api/figures${query}`, { token: who[account]?.token ?? '' });

  it('counts the community’s events, disputes, rentals and patrols, and each grid, as of now', async () => {
    const reply = await figures('hb-admin', '?period=week');
    expect(reply.status).toBe(200);
    expect(reply.body.period).toBe('week');
    expect(reply.body.asOf).toBe(server.clock.now.toISOString());
    const { events, disputes, rentals, patrols } = reply.body.current;
    // The demo's 湖滨 events: one at each queue (two departments) and one filed.
    expect(events.open).toBe(4);
    expect(events.byStatus).toMatchObject({ reported: 1, assigned: 2, processed: 1, filed: 1 });
    expect(disputes.registered + disputes.overdue + rentals.inspected + patrols.patrols).toBeGreaterThan(0);
    expect(reply.body.grids.map((g: { gridId: string }) => g.gridId).sort()).toEqual(
      who['hb-admin']?.user.scope.gridIds.slice().sort(),
    );
  });

  it('reads the area’s whole history page by page: every live record once, no tombstone', async () => {
    const gridIds = who['dc-admin']?.user.scope.gridIds ?? [];
    const raw = await server.db
      .selectFrom('records')
      .select('id')
      .where('grid_id', 'in', gridIds)
      .where('deleted', '=', 0)
      .execute();
    const paged: string[] = [];
    // Pages of 3 rows, so every grid and kind takes several (and some end on a full page).
    for await (const page of liveRecordPages(server.db, gridIds, RECORD_KINDS, 3)) {
      expect(page.length).toBeLessThanOrEqual(3);
      paged.push(...page.map((record) => record.id));
    }
    expect(raw.length).toBeGreaterThan(10);
    expect(paged.sort()).toEqual(raw.map((row) => row.id).sort());
  });

  it('counts a new event the moment it is pushed, in its grid', async () => {
    const before = (await figures('hb-admin')).body;
    const event = sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['hb-grid01']?.user.id ?? '');
    const pushed = await server.push(who['hb-grid01']?.token ?? '', randomUUID(), [mutation(event)]);
    expect(pushed.body.results[0].status).toBe('applied');
    const after = (await figures('hb-admin')).body;
    expect(after.current.events.open).toBe(before.current.events.open + 1);
    const grid = (body: { grids: { gridId: string; open: number }[] }) =>
      body.grids.find((g) => g.gridId === HUBIN_GRID_1)?.open;
    expect(grid(after)).toBe((grid(before) ?? 0) + 1);
  });

  it('charts each day’s events and heats their ~200 m squares, over the caller’s area only', async () => {
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const nearTieqiao = ([lng, lat]: [number, number]) =>
      Math.abs(lng - 118.7) < 0.001 && Math.abs(lat - 32.1) < 0.001;
    const before = (await figures('hb-admin', '?period=week')).body;
    // A minute before the fixed clock's now (Thursday afternoon in China): the period runs up to now.
    const justNow = new Date(server.clock.now.getTime() - 60_000).toISOString();
    // Another street's event, far from 湖滨: a 湖滨 community admin's charts and heat never show it.
    const elsewhere = sampleGridEvent(randomUUID(), TIEQIAO_GRID_1, who['tq-grid01']?.user.id ?? '');
    elsewhere.body = {
      ...elsewhere.body,
      reportedAt: justNow,
      location: { lngLat: [118.7, 32.1], accuracyM: 10, capturedAt: justNow },
    };
    const pushed = await server.push(who['tq-grid01']?.token ?? '', randomUUID(), [mutation(elsewhere)]);
    expect(pushed.body.results[0].status).toBe('applied');
    const here = sampleGridEvent(randomUUID(), HUBIN_GRID_1, who['hb-grid01']?.user.id ?? '');
    here.body = { ...here.body, reportedAt: justNow };
    expect(
      (await server.push(who['hb-grid01']?.token ?? '', randomUUID(), [mutation(here)])).body.results[0]
        .status,
    ).toBe('applied');

    const after = (await figures('hb-admin', '?period=week')).body;
    expect(after.trend.unit).toBe('day');
    expect(after.trend.from).toBe(after.from);
    // Monday to Thursday so far (the fixed clock's day), and the whole week before.
    expect(after.trend.current.reported).toHaveLength(4);
    expect(after.trend.previous.reported).toHaveLength(7);
    expect(sum(after.trend.current.reported)).toBe(after.current.events.reported);
    expect(sum(after.trend.current.closed)).toBe(after.current.events.closed);
    expect(sum(after.trend.previous.reported)).toBe(after.previous.events.reported);
    expect(after.trend.current.reported[3]).toBe(before.trend.current.reported[3] + 1);
    const heatSum = (cells: { count: number }[]) => sum(cells.map((cell) => cell.count));
    expect(heatSum(after.heat)).toBe(heatSum(before.heat) + 1);
    for (const cell of after.heat) {
      expect(Object.keys(cell).sort()).toEqual(['count', 'lngLat']);
      expect(nearTieqiao(cell.lngLat)).toBe(false);
    }
    // The street that holds it does see it, in its square.
    const taishan = await server.call('GET', '/api/figures?period=day', {
      token: who['tq-grid01']?.token ?? '',
    });
    expect(taishan.status).toBe(403);
    const hourly = (await figures('hb-admin', '?period=day')).body.trend;
    expect(hourly.unit).toBe('hour');
    expect(sum(hourly.current.reported)).toBe(
      (await figures('hb-admin', '?period=day')).body.current.events.reported,
    );
  });

  it('narrows to an org of the caller’s, and refuses one outside, naming it', async () => {
    const grid = await figures('dc-admin', `?org=${HUBIN_GRID_1}`);
    expect(grid.status).toBe(200);
    expect(grid.body.grids.map((g: { gridId: string }) => g.gridId)).toEqual([HUBIN_GRID_1]);
    const outside = await figures('hb-admin', '?org=taishan-tieqiao');
    expect(outside.status).toBe(403);
    expect(outside.body.error.issues[0].path).toBe('org');
    const unknown = await figures('hb-admin', '?org=nowhere');
    expect(unknown.status).toBe(403);
  });

  it('refuses a bad query by name, and a role that supervises no area', async () => {
    const bad = await figures('hb-admin', '?period=year');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('period');
    const extra = await figures('hb-admin', '?grid=x');
    expect(extra.status).toBe(400);
    expect((await figures('hb-grid01')).status).toBe(403);
    expect((await figures('tq-police')).status).toBe(403);
  });

  it('answers counts only: no resident’s name, phone or ID number', async () => {
    const text = JSON.stringify((await figures('dc-admin', '?period=month')).body);
    // Parties and landlords of the demo records, and the digits their numbers start with.
    for (const personal of ['陈立新', '周红梅', '徐海燕', '钱志明', '1391', '1377', '3201'])
      expect(text).not.toContain(personal);
  });

  it('gives each field worker of the area their outcomes, by name; supervisors and mediators are not in it', async () => {
    const community = (await figures('hb-admin')).body.workers;
    const names = community.map((worker: { name: string }) => worker.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'zh-CN')));
    expect(names).toEqual(expect.arrayContaining(['王丽', '孙建华', '刘海涛', '赵磊']));
    for (const notField of ['郑敏', '黄振宇', '周桂芳', '陈志强', '吴斌'])
      expect(names).not.toContain(notField);
    // 王丽 reported the demo's events: hers are counted, with no rate where there is nothing to rate.
    const wangli = community.find((worker: { name: string }) => worker.name === '王丽');
    expect(Object.keys(wangli).sort()).toEqual([
      'disputesResolvedRate',
      'eventsReported',
      'fixedOnSiteRate',
      'hazardsOverdue',
      'name',
      'selfResolvedRate',
    ]);
    // A grid of the street: its own worker and the community's police, not the other grid's worker.
    const grid2 = (await figures('dc-admin', '?org=dachang-hubin-02')).body.workers;
    const grid2Names = grid2.map((worker: { name: string }) => worker.name);
    expect(grid2Names).toContain('孙建华');
    expect(grid2Names).toContain('刘海涛');
    expect(grid2Names).not.toContain('王丽');
  });

  // Last: it names staff (王丽), which the test above rightly finds nowhere until a phone reports.
  it('names the area’s staff whose phones said they hold unsynced records, each with when', async () => {
    const phone = randomUUID();
    const pull = (account: string, clientId: string, unsynced: string) =>
      server.pull(who[account]?.token ?? '', clientId, { unsynced });
    expect((await pull('hb-grid01', phone, '3')).status).toBe(200);
    expect((await pull('tq-grid01', randomUUID(), '5')).status).toBe(200);
    const reportedAt = server.clock.now.toISOString();

    const street = (await figures('dc-admin')).body;
    expect(street.unsynced).toEqual([{ name: '王丽', records: 3, reportedAt }]);
    // Another grid of the street: 王丽 works in 第一网格 only.
    expect((await figures('dc-admin', '?org=dachang-hubin-02')).body.unsynced).toEqual([]);

    // A second phone of hers adds its own; a phone that synced everything says 0 and drops out.
    const tablet = randomUUID();
    await pull('hb-grid01', tablet, '2');
    expect((await figures('hb-admin')).body.unsynced).toEqual([{ name: '王丽', records: 5, reportedAt }]);
    await pull('hb-grid01', phone, '0');
    await pull('hb-grid01', tablet, '0');
    expect((await figures('hb-admin')).body.unsynced).toEqual([]);

    // A pull without the count (an older app) changes nothing; a bad count is refused by name.
    await pull('hb-grid01', phone, '4');
    expect((await server.pull(who['hb-grid01']?.token ?? '', phone)).status).toBe(200);
    for (const bad of ['-1', 'three', '1.5', '12345678']) {
      const refused = await pull('hb-grid01', phone, bad);
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues[0].path).toBe('unsynced');
    }
    expect((await figures('hb-admin')).body.unsynced).toEqual([{ name: '王丽', records: 4, reportedAt }]);
  });
});
