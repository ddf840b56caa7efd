/**
 * 矛盾纠纷: a case from 登记 through 受理, 调解 and 回访 to 结案. Its deadlines and what each status
 * means are dispute-status.ts's; who may see it follows its mediators and risk.
 */
import { awaitsAcceptance, disputeDeadline, isDisputeOverdue, isUnresolved } from '../dispute-status';
import { daysLeft } from '../due-dates';
import type { TodayTask } from '../today-tasks';
import type { KindDefinition } from './kind-definition';

export const disputeKind = {
  kind: 'dispute',
  bornAt: 1,
  hasDeadlines: true,
  personalFields: {
    title: 'freeText',
    summary: 'freeText',
    claims: 'freeText',
    'parties.*.name': 'name',
    'parties.*.gender': 'trait',
    'parties.*.age': 'trait',
    'parties.*.occupation': 'trait',
    'parties.*.address': 'address',
    'parties.*.phone': 'phone',
    'parties.*.idNo': 'idNo',
    'mediators.*.name': 'name',
    'extensions.*.reason': 'freeText',
    'sessions.*.place': 'address',
    'sessions.*.participants': 'name',
    'sessions.*.mediators': 'name',
    'sessions.*.recorder': 'name',
    'sessions.*.statements': 'freeText',
    'sessions.*.verifiedFacts': 'freeText',
    'agreement.facts': 'freeText',
    'agreement.terms': 'freeText',
    'agreement.performanceMethod': 'freeText',
    'agreement.performancePlace': 'address',
    failureReason: 'freeText',
    transferFeedback: 'freeText',
    'followUps.*.by': 'name',
    'followUps.*.partyVisited': 'name',
    'followUps.*.measures': 'freeText',
    'flowLogs.*.byName': 'name',
    'flowLogs.*.reason': 'freeText',
    place: 'address',
    location: 'location',
  },
  serverOwned: [],
  merge: {
    childLists: {
      parties: true,
      mediators: true,
      extensions: true,
      sessions: true,
      followUps: true,
      flowLogs: true,
      signatures: true,
    },
    sets: ['photoIds'],
  },
  accessFacts: (body) => ({
    riskLevel: body.riskLevel,
    mediatorUserIds: (body.mediators ?? []).flatMap((mediator) => (mediator.userId ? [mediator.userId] : [])),
    awaitingAcceptance: awaitsAcceptance(body.status),
  }),
  searchText: (body) => [
    body.title,
    body.place ?? '',
    ...body.parties.map((party) => party.name),
    body.summary,
  ],
  searchLabels: () => [],
  overdue: (body, now) => isDisputeOverdue(body, now),
  attention: (body, now) => {
    if (isDisputeOverdue(body, now)) return 'overdue';
    if (isUnresolved(body.status) && body.riskLevel === 'red') return 'riskRed';
    if (isUnresolved(body.status) && body.riskLevel === 'orange') return 'riskOrange';
    return 'none';
  },
  todayTasks: (body, recordId, now, near) => {
    const deadline = disputeDeadline(body, now);
    if (!deadline) return [];
    const { dueDay } = deadline;
    const left = daysLeft(dueDay, now);
    if (deadline.kind === 'followUp') return [{ kind: 'followUpDue', recordId, dueDay, daysLeft: left }];
    if (isDisputeOverdue(body, now)) return [{ kind: 'disputeOverdue', recordId, dueDay, daysLeft: left }];
    const tasks: TodayTask[] = [];
    // Waiting for 受理: today-tasks.ts shows it to those who accept cases, instead of the limit.
    if (awaitsAcceptance(body.status))
      tasks.push({ kind: 'disputeToAccept', recordId, dueDay, daysLeft: left });
    if (left <= near.disputeNearDays)
      tasks.push({ kind: 'disputeDueSoon', recordId, dueDay, daysLeft: left });
    return tasks;
  },
} as const satisfies KindDefinition<'dispute'>;
