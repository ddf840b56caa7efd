import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  type EventActor,
  mayDeleteEvent,
  mayReport,
  mayTakeAction,
  SUPERVISION_ACTOR_ID,
} from '../../src/domain/event-access';
import { allowedGridEventEvents, EVENT_LEVELS, GRID_EVENT_STATUSES } from '../../src/domain/event-workflow';
import { ROLES } from '../../src/domain/roles';

const REPORTER = 'demo-hb-grid01';
const held = (
  status: (typeof GRID_EVENT_STATUSES)[number],
  level: (typeof EVENT_LEVELS)[number] = 'community',
) => ({
  status,
  level,
  departmentId: 'dachang-zhifa',
  reportedBy: REPORTER,
});
const actor = (role: string, extra: Partial<EventActor> = {}): EventActor => ({
  id: `demo-${role}`,
  role,
  ...extra,
});

describe('who may act on an event', () => {
  it('never offers an action the status does not accept, for any role, status and level', () => {
    for (const role of ROLES) {
      for (const status of GRID_EVENT_STATUSES) {
        for (const level of EVENT_LEVELS) {
          const allowed = allowedGridEventEvents(status);
          for (const action of actionsFor(
            actor(role, { departmentId: 'dachang-zhifa' }),
            held(status, level),
          ))
            expect(allowed, `${role} ${status} ${level} ${action}`).toContain(action);
        }
      }
    }
  });

  it('gives each role its own steps', () => {
    expect(actionsFor(actor('communityAdmin'), held('reported'))).toEqual([
      'selfResolve',
      'accept',
      'reject',
      'return',
      'escalate',
      'urge',
      'supervise',
    ]);
    expect(actionsFor(actor('fullTimeGridWorker'), held('reported', 'grid'))).toEqual(['selfResolve']);
    expect(actionsFor(actor('fullTimeGridWorker'), held('reported', 'community'))).toEqual([]);
    expect(actionsFor({ id: REPORTER, role: 'fullTimeGridWorker' }, held('processed'))).toEqual([
      'verify',
      'urge',
    ]);
    expect(actionsFor({ id: REPORTER, role: 'fullTimeGridWorker' }, held('verified'))).toEqual([
      'close',
      'urge',
    ]);
    const zhifa = actor('lawEnforcement', { departmentId: 'dachang-zhifa' });
    expect(actionsFor(zhifa, held('assigned'))).toEqual(['process', 'return', 'requestExtension']);
    expect(actionsFor(zhifa, held('processing'))).toEqual(['complete', 'return', 'requestExtension']);
    // Another department's account, and one bound to none, get nothing.
    expect(
      actionsFor(actor('departmentStaff', { departmentId: 'dachang-police' }), held('assigned')),
    ).toEqual([]);
    expect(actionsFor(actor('departmentStaff'), held('assigned'))).toEqual([]);
    expect(actionsFor(actor('communityAdmin'), held('reported', 'street'))).toEqual([]);
    expect(actionsFor(actor('streetAdmin'), held('reported', 'street'))).toContain('accept');
  });

  it('leaves out the steps the event rules out whatever is typed', () => {
    const standing = { reportedLevel: 'community' as const, urgent: true, extensionPending: false };
    const admin = actionsFor(actor('communityAdmin'), held('reported'), standing);
    expect(admin).not.toContain('return');
    expect(admin).not.toContain('urge');
    expect(
      actionsFor(actor('communityAdmin'), held('reported'), { ...standing, reportedLevel: 'grid' }),
    ).toContain('return');
    expect(actionsFor(actor('streetAdmin'), held('accepted', 'street'), standing)).not.toContain('escalate');
    const zhifa = actor('lawEnforcement', { departmentId: 'dachang-zhifa' });
    expect(actionsFor(zhifa, held('processing'), { ...standing, extensionPending: true })).toEqual([
      'complete',
      'return',
    ]);
    expect(actionsFor(actor('communityAdmin'), held('processing'), standing)).not.toContain(
      'approveExtension',
    );
    expect(
      actionsFor(actor('communityAdmin'), held('processing'), { ...standing, extensionPending: true }),
    ).toContain('approveExtension');
  });

  it('keeps cards for the server and returns for whoever holds the event', () => {
    expect(mayTakeAction(actor('streetAdmin'), 'supervise', held('assigned'), 'red')).toBe(false);
    expect(mayTakeAction({ id: SUPERVISION_ACTOR_ID, role: '' }, 'supervise', held('assigned'), 'red')).toBe(
      true,
    );
    expect(mayTakeAction(actor('communityAdmin'), 'return', held('assigned'))).toBe(false);
    expect(mayTakeAction(actor('communityAdmin'), 'return', held('accepted'))).toBe(true);
  });

  it('lets field roles report, and departments not', () => {
    expect(ROLES.filter(mayReport)).not.toContain('lawEnforcement');
    expect(ROLES.filter(mayReport)).not.toContain('departmentStaff');
    expect(mayReport('fullTimeGridWorker')).toBe(true);
  });

  it('lets only the reporter delete an event, and only before anyone has acted on it', () => {
    expect(mayDeleteEvent({ reportedBy: REPORTER, flowLogs: [] }, REPORTER)).toBe(true);
    expect(mayDeleteEvent({ reportedBy: REPORTER, flowLogs: [] }, 'demo-hb-admin')).toBe(false);
    expect(mayDeleteEvent({ reportedBy: REPORTER, flowLogs: [{}] }, REPORTER)).toBe(false);
  });
});
