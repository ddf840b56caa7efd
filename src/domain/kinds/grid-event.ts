/**
 * 上报事件: found in the field, handled on the spot or sent up, dispatched, supervised and closed. Its
 * workflow is event-workflow.ts, who may act event-access.ts, its clock event-supervision.ts, and
 * what 超期 means event-status.ts.
 */
import { eventClock, isEventOverdue } from '../event-status';
import type { KindDefinition } from './kind-definition';

export const gridEventKind = {
  kind: 'gridEvent',
  bornAt: 2,
  hasDeadlines: true,
  personalFields: {
    title: 'freeText',
    description: 'freeText',
    address: 'address',
    location: 'location',
    reportedByName: 'name',
    selfResolvedNote: 'freeText',
    handlingNote: 'freeText',
    rejectReason: 'freeText',
    'parties.*.name': 'name',
    'parties.*.idNo': 'idNo',
    'parties.*.phone': 'phone',
    'parties.*.address': 'address',
    'extensions.*.reason': 'freeText',
    'flowLogs.*.byName': 'name',
    'flowLogs.*.opinion': 'freeText',
    'evaluation.comment': 'freeText',
  },
  serverOwned: ['clock'],
  merge: { childLists: { parties: true, extensions: true, flowLogs: true }, sets: ['photoIds'] },
  accessFacts: (body) => ({ departmentId: body.departmentId, eventCategory: body.categoryL1 }),
  searchText: (body) => [
    body.title,
    body.address ?? '',
    body.description,
    ...(body.parties ?? []).map((party) => party.name),
  ],
  searchLabels: () => [],
  overdue: (body, now) => isEventOverdue(body, now),
  attention: (body, now) => (isEventOverdue(body, now) ? 'overdue' : 'none'),
  todayTasks: (body, recordId, now) => {
    const clock = eventClock(body, now);
    if (!clock) return [];
    const task = { recordId, dueDay: clock.yellowDay, daysLeft: clock.workingDaysLeft };
    if (clock.card !== 'none') return [{ ...task, kind: 'eventOverdue' }];
    if (clock.warn) return [{ ...task, kind: 'eventDueSoon' }];
    return [];
  },
} as const satisfies KindDefinition<'gridEvent'>;
