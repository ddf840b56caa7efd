/**
 * Export (issue 13 item 4) through the API on both databases: who may export and what they get
 * (their subtree, rows their role reads), masked by default, unmasked only with a reason, the
 * watermark, the one audit row, and bad input refused by name with no audit row.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/protocol';
import { parseCsv } from '../support/parse-csv';
import { sampleDispute, sampleGridEvent, samplePatrol } from '../support/sample-records';
import {
  DIALECTS,
  HUBIN_GRID_1,
  HUBIN_GRID_2,
  mutation,
  startTestServer,
  TEST_BASE_URL,
  type TestServer,
  TIEQIAO_GRID_1,
} from '../support/test-server';
import { adminRunner, lent } from './admin-runner';

describe.each(DIALECTS)('export (%s)', (dialect) => {
  let server: TestServer;
  const who: Record<string, LoginResponse> = {};
  const disputeId = randomUUID();
  const tieqiaoEventId = randomUUID();
  const patrolId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const account of [
      'hb-admin',
      'hb-leader',
      'dc-admin',
      'hb-grid01',
      'tq-grid01',
      'tq-police',
      'hb-mediator',
    ])
      who[account] = await server.login(account);
    const worker = who['hb-grid01'];
    const dispute = sampleDispute(disputeId, HUBIN_GRID_1, worker?.user.id);
    const patrol = samplePatrol(patrolId, HUBIN_GRID_1, worker?.user.id);
    patrol.body.content = '=HYPERLINK("http://evil.example","点击"),走访3户';
    const pushed = await server.push(worker?.token ?? '', randomUUID(), [
      mutation(dispute),
      mutation(patrol),
    ]);
    expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    const tq = who['tq-grid01'];
    const event = sampleGridEvent(tieqiaoEventId, TIEQIAO_GRID_1, tq?.user.id);
    expect((await server.push(tq?.token ?? '', randomUUID(), [mutation(event)])).body.results[0].status).toBe(
      'applied',
    );
  });
  afterAll(() => server.close());

  const post = (account: string, body: unknown) =>
    server.app.request(`${TEST_BASE_URL}/api/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who[account]?.token ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const csv = async (account: string, body: Record<string, unknown>) => {
    const response = await post(account, { format: 'csv', ...body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes, rows: parseCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) };
  };
  const exportRows = async () =>
    server.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('at').execute();
  const auditOf = async (id: string | null) => {
    const row = await server.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', id ?? '')
      .executeTakeFirst();
    return { row, details: JSON.parse(row?.after ?? 'null') };
  };

  it('gives a supervisor a masked CSV with a BOM, the watermark, Chinese headers and one audit row', async () => {
    const { response, bytes, rows } = await csv('hb-admin', { kind: 'dispute' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const id = response.headers.get('x-export-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response.headers.get('content-disposition')).toContain(`${id}.csv`);
    const [watermark, headers, ...data] = rows;
    expect(watermark?.[0]).toContain('导出人：郑敏');
    expect(watermark?.[0]).toContain(`导出编号：${id}`);
    expect(watermark?.[0]).toContain('导出时间：2026-11-26 16:00（北京时间）');
    expect(watermark?.[0]).toContain('已脱敏');
    expect(headers).toContain('当事人');
    expect(headers).toContain('登记时间');
    const ours = data.find((row) => row[0] === disputeId);
    expect(ours).toBeDefined();
    const cell = (header: string) => ours?.[headers?.indexOf(header) ?? -1];
    expect(cell('当事人')).toBe('李*英、赵*');
    expect(cell('当事人电话')).toBe('139****5678');
    expect(cell('当事人证件号码')).toBe('320***********123X');
    expect(cell('登记时间')).toBe('2026-11-20 09:30');
    const text = new TextDecoder().decode(bytes);
    for (const raw of ['李秀英', '13912345678', '32011119800101123X']) expect(text).not.toContain(raw);

    const { row, details } = await auditOf(id);
    expect(row).toMatchObject({ user_id: who['hb-admin']?.user.id, kind: 'dispute', reason: null });
    expect(row?.at).toBe(server.clock.now.toISOString());
    expect(details).toEqual({
      format: 'csv',
      filter: { kind: 'dispute' },
      masked: true,
      outcome: 'completed',
      rows: data.length,
    });
  });

  it('exports only the caller’s subtree and the org asked for, and refuses an org not theirs', async () => {
    const street = await csv('dc-admin', { kind: 'gridEvent' });
    const streetIds = street.rows.slice(2).map((row) => row[0]);
    expect(streetIds.length).toBeGreaterThan(0);
    expect(streetIds).not.toContain(tieqiaoEventId);
    const grids = new Set(street.rows.slice(2).map((row) => row[1]));
    for (const grid of grids) expect(grid).toMatch(/^dachang-/);

    const leader = await csv('hb-leader', { kind: 'dispute', org: HUBIN_GRID_2 });
    expect(leader.response.status).toBe(200);
    expect(leader.rows.slice(2).map((row) => row[0])).not.toContain(disputeId);
    expect(new Set(leader.rows.slice(2).map((row) => row[1]))).toEqual(
      leader.rows.length > 2 ? new Set([HUBIN_GRID_2]) : new Set(),
    );

    const before = (await exportRows()).length;
    const outside = await post('hb-admin', { format: 'csv', kind: 'gridEvent', org: 'taishan-tieqiao' });
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.issues[0].path).toBe('org');
    expect((await exportRows()).length).toBe(before);
  });

  it('refuses roles that supervise no area, naming the role, and audits nothing', async () => {
    const before = (await exportRows()).length;
    for (const account of ['hb-grid01', 'tq-police', 'hb-mediator']) {
      const response = await post(account, { format: 'csv', kind: 'dispute' });
      expect(response.status).toBe(403);
      expect((await response.json()).error.message).toContain(who[account]?.user.role);
    }
    expect((await exportRows()).length).toBe(before);
  });

  it('exports unmasked only with a reason, and says so in the watermark and the audit row', async () => {
    const before = (await exportRows()).length;
    const bare = await post('hb-admin', { format: 'csv', kind: 'dispute', masked: false });
    expect(bare.status).toBe(400);
    expect((await bare.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(['reason']);
    const noNote = await post('hb-admin', { format: 'csv', kind: 'dispute', masked: false, reason: 'other' });
    expect(noNote.status).toBe(400);
    expect((await noNote.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(['reasonNote']);
    expect((await exportRows()).length).toBe(before);

    const { response, rows } = await csv('dc-admin', {
      kind: 'dispute',
      masked: false,
      reason: 'mediationFile',
      reasonNote: '调解卷宗归档',
    });
    expect(response.status).toBe(200);
    expect(rows[0]?.[0]).toContain('未脱敏');
    const ours = rows.find((row) => row[0] === disputeId);
    expect(ours).toContain('李秀英、赵伟');
    expect(ours).toContain('32011119800101123X');
    const { row, details } = await auditOf(response.headers.get('x-export-id'));
    expect(row).toMatchObject({ reason: 'mediationFile', reason_note: '调解卷宗归档' });
    expect(details).toMatchObject({ masked: false, outcome: 'completed', rows: rows.length - 2 });
  });

  it('guards against formula injection and quotes fields with commas', async () => {
    const { rows } = await csv('hb-admin', { kind: 'patrol' });
    const headers = rows[1] ?? [];
    const ours = rows.find((row) => row[0] === patrolId);
    expect(ours?.[headers.indexOf('巡查走访情况')]).toBe(
      '\'=HYPERLINK("http://evil.example","点击"),走访3户',
    );
  });

  it('filters by period (China days) and status', async () => {
    const inPeriod = await csv('hb-admin', { kind: 'dispute', from: '2026-11-20', to: '2026-11-20' });
    expect(inPeriod.rows.map((row) => row[0])).toContain(disputeId);
    const after = await csv('hb-admin', { kind: 'dispute', from: '2026-11-21' });
    expect(after.rows.map((row) => row[0])).not.toContain(disputeId);
    const before = await csv('hb-admin', { kind: 'dispute', to: '2026-11-19' });
    expect(before.rows.map((row) => row[0])).not.toContain(disputeId);
    const reported = await csv('hb-admin', { kind: 'dispute', status: 'reported' });
    const statusAt = reported.rows[1]?.indexOf('状态') ?? -1;
    expect(reported.rows.map((row) => row[0])).toContain(disputeId);
    for (const row of reported.rows.slice(2)) expect(row[statusAt]).toBe('reported');
    const closed = await csv('hb-admin', { kind: 'dispute', status: 'closed' });
    expect(closed.rows.map((row) => row[0])).not.toContain(disputeId);
    const { details } = await auditOf(closed.response.headers.get('x-export-id'));
    expect(details.filter).toEqual({ kind: 'dispute', status: 'closed' });
  });

  it('refuses bad input by name, with no audit row', async () => {
    const before = (await exportRows()).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ format: 'pdf', kind: 'dispute' }, 'format'],
      [{ format: 'csv', kind: 'resident' }, 'kind'],
      [{ format: 'csv', kind: 'dispute', from: '2026-02-30' }, 'from'],
      [{ format: 'csv', kind: 'dispute', to: '26-11-01' }, 'to'],
      [{ format: 'csv', kind: 'dispute', from: '2026-11-20', to: '2026-11-01' }, 'to'],
      [{ format: 'csv', kind: 'dispute', status: 'approved' }, 'status'],
      [{ format: 'csv', kind: 'dispute', masked: 'no' }, 'masked'],
      [{ format: 'csv', kind: 'dispute', reason: 'curiosity' }, 'reason'],
    ];
    for (const [body, path] of cases) {
      const response = await post('hb-admin', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const unknown = await post('hb-admin', { format: 'csv', kind: 'dispute', grid: HUBIN_GRID_1 });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.issues).toEqual([
      { path: 'grid', message: 'Not a filter of the export' },
    ]);
    expect((await exportRows()).length).toBe(before);
  });

  it('writes an XLSX that Excel’s format reader opens: watermark row, headers, masked rows', async () => {
    const response = await post('hb-admin', { format: 'xlsx', kind: 'dispute' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('The workbook has no sheet');
    expect(sheet.name).toBe('矛盾纠纷');
    const id = response.headers.get('x-export-id') ?? '';
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`导出编号：${id}`);
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['记录编号', '网格', '创建时间', '最后更新']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1));
    });
    const ours = rows.find((row) => row[0] === disputeId);
    expect(ours?.[headers.indexOf('当事人电话')]).toBe('139****5678');
    expect(JSON.stringify(rows)).not.toContain('13912345678');
    const { details } = await auditOf(id);
    expect(details).toMatchObject({ format: 'xlsx', outcome: 'completed', rows: rows.length });
  });

  it('lists the exports newest first in `npm run admin -- exports`', async () => {
    server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    const unmasked = await csv('dc-admin', {
      kind: 'patrol',
      masked: false,
      reason: 'other',
      reasonNote: '区里抽查',
    });
    server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    const masked = await csv('hb-leader', { kind: 'gridEvent', org: HUBIN_GRID_1 });
    const admin = adminRunner(
      () => Promise.resolve(lent(server.db)),
      () => server.clock.now,
    );
    const { code, out } = await admin('exports', '--limit', '2');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`export ${masked.response.headers.get('x-export-id')}`);
    expect(lines[0]).toMatch(
      new RegExp(
        `hb-leader +csv +kind=gridEvent org=${HUBIN_GRID_1}  ${masked.rows.length - 2} rows  masked  completed`,
      ),
    );
    expect(lines[1]).toContain(`export ${unmasked.response.headers.get('x-export-id')}`);
    expect(lines[1]).toContain(`dc-admin`);
    expect(lines[1]).toContain('UNMASKED reason other: 区里抽查');
    expect((await admin('exports', '--limit', 'lots')).code).toBe(1);
  });
});
