/**
 * Runs a scenario: the real server (restartable, possibly broken on purpose) and three devices,
 * each with its own Dexie database, the real `syncOnce` and its own faulty network. Every local
 * write goes into the ledger as it is made.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { LoginResponse } from '../../../src/domain/protocol';
import type { GridRecord } from '../../../src/domain/record-envelope';
import { type LocalDb, type LocalRecord, openLocalDb } from '../../../src/sync/local-db';
import { deleteRecord, saveEdit, saveRecord } from '../../../src/sync/outbox';
import { bufferPoint, endPatrol, startPatrol } from '../../../src/sync/patrol-session';
import { editRecord, newRecord } from '../../../src/sync/record-factory';
import { type SyncOutcome, syncOnce } from '../../../src/sync/sync-engine';
import { validRecord } from '../../../src/sync/valid-record';
import type { RestartableServer, ServerTemplate } from '../../support/restartable-server';
import { sampleDispute, samplePatrol } from '../../support/sample-records';
import { TEST_BASE_URL } from '../../support/test-server';
import { type Breakage, deliverer } from './broken-server';
import { type FaultNetwork, faultNetwork } from './fault-network';
import { Ledger, type TextField } from './ledger';
import { DEVICE_USERS, type LocalOp, type Step } from './scenario';

export const SHARED_GRID = 'dachang-hubin-01';
/** A grid in another street: no model user may write there. */
export const FOREIGN_GRID = 'taishan-tieqiao-01';
/** Sync rounds over all devices after healing before the model gives up on quiescence. */
const MAX_HEAL_ROUNDS = 8;

export interface ModelDevice {
  name: string;
  session: LoginResponse;
  db: LocalDb;
  net: FaultNetwork;
  sync(): Promise<SyncOutcome>;
  /** Edit forms open on this device: the record each read when it opened (oldest first). */
  openForms: GridRecord[];
}

export interface World {
  server: RestartableServer;
  devices: ModelDevice[];
  ledger: Ledger;
  trace: string[];
  /** Sync rounds the heal phase needed; undefined when the devices never settled. */
  healRounds?: number;
  healOutcomes: string[];
}

let worlds = 0;

export async function createWorld(template: ServerTemplate, breakage: Breakage): Promise<World> {
  worlds += 1;
  const server = await template.instantiate();
  const trace: string[] = [];
  const world: World = { server, devices: [], ledger: new Ledger(), trace, healOutcomes: [] };
  const reach = deliverer(server, breakage);
  world.devices = DEVICE_USERS.map((username, index) => {
    const session = template.sessions.get(username);
    if (!session) throw new Error(`no session for ${username}`);
    const name = `d${index}`;
    const db = openLocalDb(`model-${worlds}-${name}`);
    const net = faultNetwork(reach, (line) => trace.push(`  ${name} ${line}`));
    const sync = () => syncOnce({ db, token: session.token, fetch: net.fetch, baseUrl: TEST_BASE_URL });
    return { name, session, db, net, sync, openForms: [] };
  });
  return world;
}

export async function disposeWorld(world: World): Promise<void> {
  for (const device of world.devices) await device.db.delete();
  await world.server.close();
}

export async function runStep(world: World, step: Step): Promise<void> {
  const device = world.devices[step.device];
  if (!device) throw new Error(`no device ${step.device}`);
  world.trace.push(`${device.name} ${JSON.stringify({ ...step, device: undefined })}`);
  switch (step.kind) {
    case 'offline':
      device.net.online = false;
      return;
    case 'online':
      device.net.online = true;
      return;
    case 'sync': {
      device.net.script = [...step.faults];
      device.net.midFlight = () => applyLocalOp(world, device, step.midFlight, 'mid-flight');
      const outcome = await device.sync();
      device.net.script = [];
      device.net.midFlight = undefined;
      world.trace.push(`  ${device.name} sync → ${JSON.stringify(outcome)}`);
      return;
    }
    case 'syncAll': {
      world.devices.forEach((d, i) => {
        d.net.script = [...(step.faults[i] ?? [])];
      });
      const outcomes = await Promise.all(world.devices.map((d) => d.sync()));
      outcomes.forEach((outcome, i) => {
        world.trace.push(`  d${i} sync → ${JSON.stringify(outcome)}`);
        const d = world.devices[i];
        if (d) d.net.script = [];
      });
      return;
    }
    default:
      return applyLocalOp(world, device, step, 'local');
  }
}

/** Heals every fault, then syncs all devices round after round until a round changes nothing. */
export async function heal(world: World): Promise<void> {
  world.trace.push('heal');
  for (const device of world.devices) device.net.heal();
  for (let round = 1; round <= MAX_HEAL_ROUNDS; round++) {
    let quiet = true;
    world.healOutcomes = [];
    for (const device of world.devices) {
      const outcome = await device.sync();
      world.healOutcomes.push(`${device.name}: ${JSON.stringify(outcome)}`);
      if (outcome.status !== 'ok' || outcome.pushed > 0 || outcome.pulled > 0) quiet = false;
    }
    if (quiet) {
      world.healRounds = round;
      return;
    }
  }
}

/** Forms kept open at most, so old ones are closed (left by 返回) as new ones open. */
const MAX_OPEN_FORMS = 4;

async function applyLocalOp(world: World, device: ModelDevice, op: LocalOp, when: string): Promise<void> {
  const { ledger } = world;
  const userId = device.session.user.id;
  const now = new Date();
  if (op.kind === 'submitForm') return submitForm(world, device, op.form, op.field, when);
  if (op.kind === 'startPatrol') {
    const patrol = await startPatrol(device.db, {
      gridId: SHARED_GRID,
      patrolTypes: ['riskScreening'],
      userId,
      now,
      draftContent: '',
    });
    ledger.created.push({ recordId: patrol.id, device: device.name, outOfScope: false });
    world.trace.push(`  ${device.name} ${when} started patrol ${patrol.id}`);
    return;
  }
  if (op.kind === 'create') {
    const record = newModelRecord(world, device, op.recordKind, op.outOfScope, now);
    await saveRecord(device.db, record);
    ledger.created.push({ recordId: record.id, device: device.name, outOfScope: op.outOfScope });
    world.trace.push(`  ${device.name} ${when} created ${record.kind} ${record.id}`);
    return;
  }
  const onlyKind =
    op.kind === 'appendParty'
      ? 'dispute'
      : op.kind === 'trackPoint' || op.kind === 'endPatrol'
        ? 'patrol'
        : undefined;
  const row = await pick(world, device, op.target, onlyKind);
  if (!row) return;
  const current = row.record;
  const log = (what: string) => world.trace.push(`  ${device.name} ${when} ${what} on ${current.id}`);
  if (op.kind === 'openForm') {
    device.openForms = [...device.openForms, current].slice(-MAX_OPEN_FORMS);
    log(`opened a form at rev ${current.rev}`);
    return;
  }
  if (op.kind === 'trackPoint') {
    const marker = randomUUID();
    await bufferPoint(device.db, current.id, {
      segmentId: marker,
      point: [118.7485, 32.2265, now.getTime(), 8],
    });
    ledger.add({ marker, device: device.name, recordId: current.id, field: 'track' });
    log(`track ${marker}`);
    return;
  }
  if (op.kind === 'endPatrol') {
    await endPatrol(device.db, current.id, { userId, now });
    ledger.unmarked.push({ recordId: current.id, device: device.name });
    log('ended the patrol');
    return;
  }
  if (op.kind === 'delete') {
    await deleteRecord(device.db, current.id, userId, now);
    if (!(await device.db.records.get(current.id))) {
      ledger.discarded.add(current.id);
      log('discarded');
      return;
    }
    const marker = ledger.marker('del', device.name);
    ledger.add({ marker, device: device.name, recordId: current.id, field: 'deleted' });
    log(marker);
    return;
  }
  const body: Record<string, unknown> = { ...current.body };
  if (op.kind === 'appendParty' && current.kind === 'dispute') {
    const marker = ledger.marker('p', device.name);
    const party = { id: randomUUID(), role: 'thirdParty', partyType: 'natural', name: marker };
    body.parties = [...current.body.parties, party];
    ledger.add({ marker, device: device.name, recordId: current.id, field: 'party' });
    log(marker);
  } else if (op.kind === 'edit') {
    const field: TextField = current.kind === 'patrol' ? 'content' : op.field === 0 ? 'summary' : 'title';
    const marker = ledger.marker('w', device.name);
    const overwrote = body[field];
    body[field] = marker;
    ledger.add({
      marker,
      device: device.name,
      recordId: current.id,
      field,
      ...(typeof overwrote === 'string' ? { overwrote } : {}),
    });
    log(`${field}=${marker}`);
  }
  await saveRecord(device.db, editRecord(current, { body: body as GridRecord['body'], userId, now }));
}

/**
 * Saves an open form as the app does: one text field set on the record as the form read it, and
 * saveEdit carrying that change onto the record as the device holds it now. The write supersedes
 * the value the form showed, and the device's own later value of the field if there is one (the
 * same person wrote both; the later save is what they meant). Someone else's value pulled since is
 * NOT superseded: overwriting it silently would be a lost write.
 */
async function submitForm(
  world: World,
  device: ModelDevice,
  form: number,
  field: 0 | 1,
  when: string,
): Promise<void> {
  const opened = device.openForms[form % Math.max(device.openForms.length, 1)];
  if (!opened) return;
  device.openForms = device.openForms.filter((f) => f !== opened);
  const latest = await device.db.records.get(opened.id);
  if (!latest || latest.record.deleted) return;
  const { ledger } = world;
  const textField: TextField = opened.kind === 'patrol' ? 'content' : field === 0 ? 'summary' : 'title';
  const marker = ledger.marker('f', device.name);
  const shown = (opened.body as Record<string, unknown>)[textField];
  const current = (latest.record.body as Record<string, unknown>)[textField];
  const ownNow = typeof current === 'string' && ledger.writes.get(current)?.device === device.name;
  const overwrote = ownNow ? current : shown;
  const body = { ...opened.body, [textField]: marker } as GridRecord['body'];
  ledger.add({
    marker,
    device: device.name,
    recordId: opened.id,
    field: textField,
    ...(typeof overwrote === 'string' ? { overwrote } : {}),
  });
  const stale = latest.record.rev !== opened.rev || !isDeepStrictEqual(latest.record.body, opened.body);
  world.trace.push(
    `  ${device.name} ${when} form ${textField}=${marker} on ${opened.id} (opened at rev ${opened.rev})${stale ? ' stale' : ''}`,
  );
  const userId = device.session.user.id;
  await saveEdit(device.db, opened, validRecord(editRecord(opened, { body, userId, now: new Date() })));
}

function newModelRecord(
  world: World,
  device: ModelDevice,
  kind: 'patrol' | 'dispute',
  outOfScope: boolean,
  now: Date,
): GridRecord {
  const { ledger } = world;
  const gridId = outOfScope ? FOREIGN_GRID : SHARED_GRID;
  const userId = device.session.user.id;
  const initial = (field: TextField | 'party'): string =>
    ledger.marker(field === 'party' ? 'p' : 'c', device.name);
  const record =
    kind === 'patrol'
      ? newRecord('patrol', {
          gridId,
          userId,
          now,
          body: { ...samplePatrol(randomUUID()).body, content: initial('content') },
        })
      : newRecord('dispute', {
          gridId,
          userId,
          now,
          body: {
            ...sampleDispute(randomUUID()).body,
            summary: initial('summary'),
            title: initial('title'),
            parties: sampleDispute(randomUUID()).body.parties.map((p) => ({
              ...p,
              id: randomUUID(),
              name: initial('party'),
            })),
          },
        });
  const body = record.body as Record<string, unknown>;
  for (const field of ['content', 'summary', 'title'] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      ledger.add({ marker: value, device: device.name, recordId: record.id, field });
    }
  }
  if (record.kind === 'dispute') {
    for (const party of record.body.parties) {
      ledger.add({ marker: party.name, device: device.name, recordId: record.id, field: 'party' });
    }
  }
  return record;
}

/** The `target`-th (modulo) live record of this scenario the device holds, in creation order. */
async function pick(
  world: World,
  device: ModelDevice,
  target: number,
  kind: GridRecord['kind'] | undefined,
): Promise<LocalRecord | undefined> {
  const ids = world.ledger.created.map((c) => c.recordId);
  const rows = (await device.db.records.bulkGet(ids)).filter(
    (row): row is LocalRecord => !!row && !row.record.deleted && (kind === undefined || row.kind === kind),
  );
  return rows[target % Math.max(rows.length, 1)];
}
