import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_SERVER_DECIDES, EventConflictNote } from '../../src/app/kinds/grid-event/event-conflict-note';
import { session } from '../../src/app/status/session';
import type { EventActor } from '../../src/domain/event-access';
import { takeEventStep } from '../../src/domain/event-steps';
import type { GridEventEvent } from '../../src/domain/event-workflow';
import { differingFields } from '../../src/domain/merge';
import type { GridEventRecord } from '../../src/domain/record-envelope';
import { sampleGridEvent } from '../support/sample-records';

const ADMIN: EventActor = { id: 'demo-hb-admin', role: 'communityAdmin' };
const LEADER: EventActor = { id: 'demo-hb-leader', role: 'gridLeader' };
const NOW = new Date('2026-11-20T02:00:00.000Z');
const REPORTED = sampleGridEvent(
  '0190a5d2-7a3b-7c4d-8e9f-000000000001',
  'dachang-hubin-01',
  'demo-hb-grid01',
);

function taken(
  record: GridEventRecord,
  actor: EventActor,
  name: string,
  event: GridEventEvent,
  logId: string,
): GridEventRecord {
  const step = takeEventStep(
    record.body,
    actor,
    { event, logId, at: NOW.toISOString(), byName: name },
    { now: NOW, departmentIds: new Set() },
  );
  if (!step.ok) throw new Error(step.reason);
  return { ...record, body: step.body };
}

afterEach(() => {
  document.body.innerHTML = '';
  session.value = null;
});

describe('an event conflict: two 受理 at once', () => {
  // 陈志强 accepted it on the server; 郑敏 accepted it offline and also wrote a reason to 上报上级.
  const theirs = taken(
    REPORTED,
    LEADER,
    '陈志强',
    { type: 'accept' },
    '0190a5d2-7a3b-7c4d-8e9f-0000000000a1',
  );
  const mineAccepted = taken(
    REPORTED,
    ADMIN,
    '郑敏',
    { type: 'accept' },
    '0190a5d2-7a3b-7c4d-8e9f-0000000000b1',
  );
  const mine = taken(
    mineAccepted,
    ADMIN,
    '郑敏',
    { type: 'escalate', reason: '涉及三个小区，需街道协调' },
    '0190a5d2-7a3b-7c4d-8e9f-0000000000b2',
  );

  it('keeps the server’s workflow: every field that differs is one the server decides', () => {
    const differing = new Set(
      differingFields(mine, theirs).map((path) => path.split('.').slice(0, 2).join('.')),
    );
    expect([...differing].filter((path) => !EVENT_SERVER_DECIDES.includes(path))).toEqual([]);
    expect(differing.has('body.status')).toBe(true);
  });

  it('says what happened on the server, which of the user’s steps did not take effect, and what is possible now', () => {
    session.value = {
      key: 'current',
      token: 'token',
      user: { id: ADMIN.id, name: '郑敏', role: 'communityAdmin', scope: { gridIds: [] } },
      expiresAt: '2099-01-01T00:00:00.000Z',
      expired: false,
    };
    const host = document.createElement('div');
    document.body.append(host);
    render(<EventConflictNote mine={mine} theirs={theirs} />, host);
    const text = host.textContent ?? '';
    expect(text).toContain('现为“待派遣”');
    expect(text).toMatch(/服务器上已办理的步骤受理 · 待受理 → 待派遣.*陈志强/);
    expect(text).toMatch(
      /你的以下步骤未生效受理 · 待受理 → 待派遣.*郑敏.*上报上级 · 待派遣 → 待受理.*涉及三个小区，需街道协调/,
    );
    expect(text).toMatch(/你现在可以：交办、上报上级/);
  });
});
