/** 巡查日志: a walk of the grid, its log and what it found. No deadline; a supervisor reviews it. */
import { reviewTasks } from '../review-state';
import type { KindDefinition } from './kind-definition';

export const patrolKind = {
  kind: 'patrol',
  bornAt: 1,
  hasDeadlines: false,
  personalFields: {
    content: 'freeText',
    'accompaniedBy.*.name': 'name',
    track: 'location',
    location: 'location',
  },
  serverOwned: [],
  merge: { childLists: { accompaniedBy: true, track: true, reviewLogs: true }, sets: ['photoIds'] },
  accessFacts: () => ({}),
  searchText: (body) => [body.content],
  searchLabels: (body) => body.patrolTypes.map((type) => ['patrolType', type]),
  overdue: () => false,
  attention: () => 'none',
  todayTasks: (body, recordId) => reviewTasks(body, recordId),
} as const satisfies KindDefinition<'patrol'>;
