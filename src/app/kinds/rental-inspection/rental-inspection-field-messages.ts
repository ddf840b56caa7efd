import type { KindFieldMessages } from '../../forms/field-errors';

/** What the 出租房检查 form says of each of its fields when the record schema refuses it. */
export const rentalInspectionFieldMessages: KindFieldMessages = {
  fields: {
    reviewLogs: 'err.reviewLogs',
    address: 'err.address',
    landlordName: 'err.landlordName',
    landlordPhone: 'err.phone',
    inspectionType: 'err.inspectionType',
    specialTopic: 'err.specialTopic',
    inspectedAt: 'err.inspectedAt',
    inspectors: 'err.inspectorName',
    'inspectors.*.name': 'err.inspectorName',
    'inspectors.*.userId': 'err.inspectorName',
    jointUnits: 'err.jointUnits',
    presentPerson: 'err.presentPersonName',
    'presentPerson.name': 'err.presentPersonName',
    'presentPerson.relation': 'err.presentPersonRelation',
    checklist: 'err.checklist',
    occupantCountObserved: 'err.occupantCount',
    unregisteredPersons: 'err.unregisteredPersons',
    hazards: 'err.hazards',
    'hazards.*.itemCode': 'err.hazards',
    'hazards.*.description': 'err.hazardDescription',
    'hazards.*.hazardLevel': 'err.hazardLevel',
    'hazards.*.handling': 'err.hazardHandling',
    'hazards.*.deadline': 'err.hazardDeadline',
    'hazards.*.responsibleParty': 'err.responsibleParty',
    'hazards.*.referredTo': 'err.hazardReferredTo',
    'hazards.*.status': 'err.status',
    'hazards.*.processedAt': 'err.hazardDate',
    'hazards.*.rectifiedAt': 'err.hazardDate',
    'hazards.*.recheckedAt': 'err.hazardDate',
    'hazards.*.closedAt': 'err.hazardDate',
    'hazards.*.photoIds': 'err.hazardPhoto',
    'hazards.*.rechecks': 'err.recheckBy',
    'hazards.*.rechecks.*.at': 'err.hazardDate',
    'hazards.*.rechecks.*.by': 'err.recheckBy',
    'hazards.*.rechecks.*.result': 'err.recheckResult',
    'hazards.*.rechecks.*.photoIds': 'err.photoIds',
    overallResult: 'err.overallResult',
    rectificationDeadline: 'err.deadline',
  },
  cappedTexts: [
    'noticeNo',
    'remarks',
    'hazards.*.feedback',
    'hazards.*.rechecks.*.note',
    'inspectors.*.unit',
  ],
  // Checklist entries are reported on the checklist: the form lists only answered items, so an
  // entry's index in the body is not its row on screen.
  wholeFields: ['checklist', 'jointUnits', 'reviewLogs'],
  // 检查结论 未发现隐患 refused because an item failed: say so, not just "choose a result".
  messageFor: (pattern, body) =>
    pattern === 'overallResult' &&
    (body as { overallResult?: string } | undefined)?.overallResult === 'noHazard'
      ? 'err.noHazardWithFail'
      : undefined,
};
