/**
 * 出租房屋检查: one visit's checklist and the hazards (隐患) it found, each followed to 整改 and 复查.
 * Its deadlines are its hazards' (hazard-status.ts).
 */
import { daysLeft } from '../due-dates';
import { hazardDeadline, isHazardOverdue, isHazardSettled, isInspectionOverdue } from '../hazard-status';
import { reviewTasks } from '../review-state';
import type { TodayTask } from '../today-tasks';
import type { KindDefinition } from './kind-definition';

export const rentalInspectionKind = {
  kind: 'rentalInspection',
  bornAt: 1,
  hasDeadlines: true,
  personalFields: {
    address: 'address',
    landlordName: 'name',
    landlordPhone: 'phone',
    'presentPerson.name': 'name',
    'inspectors.*.name': 'name',
    'checklist.*.note': 'freeText',
    'hazards.*.description': 'freeText',
    'hazards.*.feedback': 'freeText',
    'hazards.*.rechecks.*.note': 'freeText',
    remarks: 'freeText',
    location: 'location',
  },
  serverOwned: [],
  merge: { childLists: { hazards: true, inspectors: true, reviewLogs: true }, sets: ['photoIds'] },
  accessFacts: (body) => ({
    hazardFound: body.overallResult !== 'noHazard' || body.hazards.length > 0,
    referredToLawEnforcement: body.hazards.some((hazard) => hazard.referredTo === 'lawEnforcement'),
  }),
  searchText: (body) => [body.address, body.landlordName, body.remarks ?? ''],
  searchLabels: () => [],
  overdue: (body, now) => isInspectionOverdue(body, now),
  attention: (body, now) => {
    if (isInspectionOverdue(body, now)) return 'overdue';
    return body.hazards.some((hazard) => !isHazardSettled(hazard.status)) ? 'openHazard' : 'none';
  },
  todayTasks: (body, recordId, now, near) => {
    const tasks: TodayTask[] = reviewTasks(body, recordId);
    if (body.status === 'closed') return tasks;
    for (const hazard of body.hazards) {
      const deadline = hazardDeadline(hazard);
      if (!deadline) continue;
      const base = { recordId, hazardId: hazard.id, dueDay: deadline.dueDay };
      const left = daysLeft(deadline.dueDay, now);
      if (deadline.kind === 'recheck') tasks.push({ ...base, kind: 'recheckDue', daysLeft: left });
      else if (isHazardOverdue(hazard, now)) tasks.push({ ...base, kind: 'hazardOverdue', daysLeft: left });
      else if (left <= near.hazardNearDays) tasks.push({ ...base, kind: 'hazardDue', daysLeft: left });
    }
    return tasks;
  },
} as const satisfies KindDefinition<'rentalInspection'>;
