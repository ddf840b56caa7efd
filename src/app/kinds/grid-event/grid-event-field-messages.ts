import { eventChangeRefusalOf } from '../../../domain/event-change';
import type { KindFieldMessages } from '../../forms/field-errors';
import type { MessageKey } from '../../i18n/zh-cn';

/** What the 上报事件 form and steps say of each field when the record schema refuses it. */
export const gridEventFieldMessages: KindFieldMessages = {
  fields: {
    title: 'err.eventTitle',
    categoryL1: 'err.categoryL1',
    categoryL2: 'err.categoryL2',
    categoryL2Label: 'err.categoryL2',
    description: 'err.eventDescription',
    occurredAt: 'err.eventOccurredAt',
    reportedAt: 'err.eventOccurredAt',
    source: 'err.eventSource',
    nature: 'err.eventNature',
    scale: 'err.eventScale',
    involvedCount: 'err.involvedCount',
    involvedAmountYuan: 'err.amountYuan',
    urgent: 'err.eventStatus',
    parties: 'err.partyName',
    'parties.*.id': 'err.partyName',
    'parties.*.name': 'err.partyName',
    'parties.*.phone': 'err.phone',
    'parties.*.idNo': 'err.idNo',
    handlingMode: 'err.eventStatus',
    selfResolvedNote: 'err.selfResolvedNote',
    reportedBy: 'err.eventStatus',
    reportedLevel: 'err.eventStatus',
    handlingLevel: 'err.eventStatus',
    departmentId: 'eventRefusal.departmentRequired',
    deadline: 'eventRefusal.deadlineInvalid',
    handlingNote: 'eventRefusal.noteRequired',
    rejectReason: 'eventRefusal.reasonRequired',
    supervision: 'err.eventStatus',
    clock: 'eventRefusal.clock',
    extensions: 'eventRefusal.extensionDaysInvalid',
    evaluation: 'err.eventStatus',
    rentalInspectionId: 'err.link',
    hazardId: 'err.link',
    disputeId: 'err.link',
    flowLogs: 'eventRefusal.flowLogs',
    status: 'err.eventStatus',
  },
  cappedTexts: ['eventNo', 'address', 'reportedByName', 'parties.*.address'],
  wholeFields: ['flowLogs', 'extensions', 'evaluation', 'clock'],
  itemFields: ['parties'],
  messageFor: (pattern, body) => {
    const category = (body as { categoryL1?: unknown } | undefined)?.categoryL1;
    if (pattern === 'photoIds' && category === 'safetyHazard') return 'err.eventPhotos';
    return undefined;
  },
  // A step the server's replay refused (event-change.ts): what happened, in Chinese.
  byMessage: (message) => {
    const refusal = eventChangeRefusalOf(message);
    return refusal && (`eventRefusal.${refusal}` as MessageKey);
  },
};
