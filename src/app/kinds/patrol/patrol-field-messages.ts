import type { KindFieldMessages } from '../../forms/field-errors';

/** What the 巡查日志 form says of each of its fields when the record schema refuses it. */
export const patrolFieldMessages: KindFieldMessages = {
  fields: {
    patrolTypes: 'err.patrolTypes',
    startedAt: 'err.startedAt',
    endedAt: 'err.endedAt',
    accompaniedBy: 'err.companionName',
    'accompaniedBy.*.name': 'err.companionName',
    householdsVisited: 'err.householdsVisited',
    findings: 'err.findings',
    selfResolvedCount: 'err.selfResolvedCount',
    reportedCount: 'err.reportedCount',
    content: 'err.content',
    antiFraud: 'err.antiFraud',
    track: 'err.track',
    reviewLogs: 'err.reviewLogs',
  },
  cappedTexts: ['weather', 'accompaniedBy.*.duty'],
  wholeFields: ['patrolTypes', 'findings', 'track', 'reviewLogs'],
  // One message for every figure of the 反诈 block: the form shows them as one group.
  messageFor: (pattern) => (pattern.startsWith('antiFraud.') ? 'err.antiFraudFigure' : undefined),
};
