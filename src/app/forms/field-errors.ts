/**
 * Turns schema issues (from `safeParse` or `RecordInvalidError.issues`, paths like
 * `body.parties.1.name`) into one Chinese message per form field. Messages are written per field,
 * not taken from zod: "请填写房屋地址" helps a grid worker, "Too small: expected string…" does not.
 */
import { DEVICE_CLOCK_MESSAGE } from '../../domain/device-clock';
import type { Issue } from '../../domain/protocol';
import { UNSAFE_MULTILINE_TEXT_MESSAGE, UNSAFE_TEXT_MESSAGE } from '../../domain/text';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';

/** Field key (the issue path without `body.`, e.g. `parties.0.phone`) → message key. */
export type FieldErrors = Record<string, MessageKey>;

/** Texts with only a length cap: the one way they can be wrong is being too long. */
const CAPPED_TEXTS = [
  'weather',
  'accompaniedBy.*.duty',
  'noticeNo',
  'remarks',
  'hazards.*.feedback',
  'hazards.*.rechecks.*.note',
  'inspectors.*.unit',
  'caseNo',
  'disputeSubType',
  'claims',
  'place',
  'mediationOrg',
  'transferFeedback',
  'sessions.*.place',
  'sessions.*.participants',
  'sessions.*.recorder',
  'sessions.*.statements',
  'sessions.*.verifiedFacts',
  'agreement.agreementNo',
  'agreement.facts',
  'agreement.performanceMethod',
  'agreement.performancePlace',
  'judicialConfirmation.court',
  'followUps.*.partyVisited',
  'followUps.*.measures',
  'parties.*.occupation',
  'parties.*.address',
  'managerName',
  'propertyCompany',
  'leaseFilingNo',
  'tenants.*.householdRegistration',
  'tenants.*.workplace',
  'tenants.*.relationToPrimaryTenant',
] as const;

/** Field pattern (list indexes written `*`) → message key. */
const BY_FIELD: Record<string, MessageKey> = {
  ...Object.fromEntries(CAPPED_TEXTS.map((field): [string, MessageKey] => [field, 'err.textTooLong'])),
  gridId: 'err.gridId',
  status: 'err.status',
  photoIds: 'err.photoIds',
  location: 'err.location',
  patrolId: 'err.link',
  rentalHouseId: 'err.link',
  // 出租房安全检查
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
  // 巡查日志
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
  // 矛盾纠纷
  title: 'err.title',
  disputeType: 'err.disputeType',
  summary: 'err.summary',
  registeredAt: 'err.registeredAt',
  occurredAt: 'err.occurredAt',
  source: 'err.source',
  nature: 'err.nature',
  involvedCount: 'err.involvedCount',
  involvedAmountYuan: 'err.amountYuan',
  riskLevel: 'err.riskLevel',
  riskFlags: 'err.riskFlags',
  parties: 'err.parties',
  'parties.*.name': 'err.partyName',
  'parties.*.phone': 'err.phone',
  'parties.*.idNo': 'err.idNo',
  'parties.*.role': 'err.partyRole',
  'parties.*.partyType': 'err.partyType',
  'parties.*.gender': 'err.gender',
  'parties.*.age': 'err.age',
  consentToMediate: 'err.consentToMediate',
  rightsNotifiedAt: 'err.rightsNotifiedAt',
  handlingLevel: 'err.handlingLevel',
  mediators: 'err.mediators',
  'mediators.*.name': 'err.mediatorName',
  'mediators.*.userId': 'err.mediatorName',
  extensions: 'err.extensionReason',
  'extensions.*.days': 'err.extensionDays',
  'extensions.*.reason': 'err.extensionReason',
  'extensions.*.at': 'err.extensionReason',
  'extensions.*.partiesConsented': 'err.extensionConsent',
  sessions: 'err.sessionAt',
  'sessions.*.at': 'err.sessionAt',
  'sessions.*.mediators': 'err.sessionMediators',
  'sessions.*.outcome': 'err.sessionOutcome',
  'sessions.*.partiesPresent': 'err.sessionParties',
  agreementType: 'err.agreementType',
  agreement: 'err.agreement',
  'agreement.terms': 'err.agreementTerms',
  'agreement.amountYuan': 'err.amountYuan',
  'agreement.performanceDeadline': 'err.agreementDate',
  'agreement.effectiveAt': 'err.agreementDate',
  failureReason: 'err.failureReason',
  routesNotified: 'err.routesNotified',
  notAcceptedReason: 'err.notAcceptedReason',
  referredTo: 'err.referredTo',
  judicialConfirmation: 'err.judicialConfirmation',
  'judicialConfirmation.appliedAt': 'err.judicialConfirmation',
  'judicialConfirmation.result': 'err.judicialConfirmation',
  performanceStatus: 'err.performanceStatus',
  followUps: 'err.followUps',
  'followUps.*.at': 'err.followUpAt',
  'followUps.*.by': 'err.followUpBy',
  'followUps.*.performance': 'err.performanceStatus',
  'followUps.*.satisfaction': 'err.satisfaction',
  'followUps.*.residualRisk': 'err.residualRisk',
  flowLogs: 'err.flowLogs',
  closedAt: 'err.closedAt',
  // 一户一档
  houseType: 'err.houseType',
  rentalUsage: 'err.rentalUsage',
  rentalMode: 'err.rentalMode',
  floorCount: 'err.floorCount',
  floorNo: 'err.floorNo',
  isHighRise: 'err.yesNo',
  roomCount: 'err.roomCount',
  usableAreaM2: 'err.usableArea',
  occupantCount: 'err.occupantCount',
  limitPersons: 'err.limitPersons',
  landlordType: 'err.landlordType',
  landlordIdType: 'err.landlordIdType',
  landlordIdNo: 'err.landlordIdNo',
  managerPhone: 'err.phone',
  leaseStart: 'err.leaseStart',
  leaseEnd: 'err.leaseEnd',
  leaseDeclared: 'err.yesNo',
  responsibilityLetterSigned: 'err.yesNo',
  managementCategory: 'err.managementCategory',
  tenants: 'err.tenants',
  'tenants.*.name': 'err.tenantName',
  'tenants.*.idType': 'err.tenantIdType',
  'tenants.*.idNo': 'err.idNo',
  'tenants.*.phone': 'err.phone',
  'tenants.*.isFloatingPopulation': 'err.yesNo',
  'tenants.*.residenceRegistration': 'err.residenceRegistration',
  'tenants.*.residencePermit': 'err.residencePermit',
  'tenants.*.moveInDate': 'err.moveDate',
  'tenants.*.movedOutDate': 'err.moveDate',
};

/**
 * Fields whose sub-paths are reported on the field itself: a bad coordinate is a bad location, a
 * bad category count is a bad 发现问题 block, and the flow log and track are written by the app.
 */
const WHOLE_FIELDS = new Set([
  'location',
  'patrolTypes',
  'findings',
  'track',
  'flowLogs',
  'riskFlags',
  'jointUnits',
  'routesNotified',
  'photoIds',
]);

function fieldKeyOf(path: string): string {
  const parts = path.replace(/^body\./, '').split('.');
  const head = parts[0] ?? '';
  if (WHOLE_FIELDS.has(head)) return head;
  // Checklist entries are reported on the checklist: the form lists only answered items, so an
  // entry's index in the body is not its row on screen.
  if (head === 'checklist') return 'checklist';
  if (head === 'parties' && parts.length >= 3) return parts.slice(0, 3).join('.');
  return parts.join('.');
}

function messageFor(fieldKey: string, body: unknown): MessageKey {
  if (
    fieldKey === 'overallResult' &&
    (body as { overallResult?: string } | undefined)?.overallResult === 'noHazard'
  ) {
    return 'err.noHazardWithFail';
  }
  const pattern = fieldKey.replace(/\.\d+(?=\.|$)/g, '.*');
  if (pattern.startsWith('antiFraud.')) return 'err.antiFraudFigure';
  // An item's id or a list entry reported by index belongs to the item's own list.
  return BY_FIELD[pattern] ?? BY_FIELD[pattern.replace(/\.\*(\.id)?$/, '')] ?? 'err.generic';
}

/** Rules that read the same on every field, recognised by the domain's own wire message. */
const BY_RULE: Record<string, MessageKey> = {
  [UNSAFE_TEXT_MESSAGE]: 'err.unsafeText',
  [UNSAFE_MULTILINE_TEXT_MESSAGE]: 'err.unsafeMultilineText',
  [DEVICE_CLOCK_MESSAGE]: 'err.deviceClock',
};

/** One message per field (the first issue wins); `body` disambiguates refinements that share a path. */
export function fieldErrorsFrom(issues: readonly Issue[], body?: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = fieldKeyOf(issue.path);
    errors[key] ??= BY_RULE[issue.message] ?? messageFor(key, body);
  }
  return errors;
}

/**
 * The messages no field on screen shows (`shown`: the texts of the rendered field errors), each
 * once: a rule about a field the form lacks must still be said somewhere.
 */
export function unplacedErrors(errors: FieldErrors, shown: readonly string[]): MessageKey[] {
  const onScreen = new Set(shown);
  return [...new Set(Object.values(errors))].filter((key) => !onScreen.has(t(key)));
}
