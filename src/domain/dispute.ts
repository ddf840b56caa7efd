import * as z from 'zod/mini';
import {
  AGREEMENT_TYPES,
  DISPUTE_EVENT_TYPES,
  DISPUTE_REFERRAL_UNITS,
  HANDLING_LEVELS,
  NOT_ACCEPTED_REASONS,
  NOTIFIED_ROUTES,
  PERFORMANCE_STATUSES,
} from './dispute-workflow';
import type { DueDateExtension } from './due-dates';
import { geoPointSchema } from './geo-point';
import { photoIdsSchema } from './photo';
import { MAX_SIGNATURES, signatureSchema } from './signature';
import {
  dateSchema,
  dateTimeSchema,
  idCardNoSchema,
  optionalMultilineText,
  optionalText,
  phoneSchema,
  plainString,
  requiredMultilineText,
  requiredText,
} from './text';

/** 纠纷类型 (DOMAIN.md §2.3), including the two local extensions. */
export const DISPUTE_TYPES = [
  'marriageFamily',
  'neighbor',
  'houseHomestead',
  'contract',
  'businessOperation',
  'damageCompensation',
  'landForest',
  'landAcquisitionDemolition',
  'environmentalPollution',
  'labor',
  'consumer',
  'medical',
  'trafficAccident',
  'property',
  'rentalHousing',
  'other',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** Dispute.status (DOMAIN.md §2.4). */
export const DISPUTE_STATUSES = [
  'reported',
  'notAccepted',
  'accepted',
  'mediating',
  'success',
  'performing',
  'followedUp',
  'failed',
  'terminated',
  'escalated',
  'transferred',
  'awaitingFeedback',
  'closed',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const RISK_LEVELS = ['red', 'orange', 'yellow', 'none'] as const;

/**
 * 风险标识 (DOMAIN.md §2.2 riskFlags). Here with the schema rather than with the rules that read them
 * (risk-rules.ts): the sync protocol's schemas, on every phone's home, need the list, not the rules.
 */
export const DISPUTE_RISK_FLAGS = [
  'mayIntensify',
  'criminalRisk',
  'petitionRisk',
  'groupIncident',
  'vulnerableParty',
] as const;
export type DisputeRiskFlag = (typeof DISPUTE_RISK_FLAGS)[number];
export const PARTY_ROLES = ['applicant', 'respondent', 'party', 'thirdParty'] as const;
export const PARTY_TYPES = ['natural', 'organization'] as const;

/** 案件来源 ([S30][S31][S38]; gridReport and hotline are local additions). */
export const DISPUTE_SOURCES = [
  'partyApplication',
  'proactive',
  'policeReferral',
  'courtEntrusted',
  'governmentAssigned',
  'gridReport',
  'hotline',
] as const;
/** 纠纷性质 [R1]. */
export const DISPUTE_NATURES = ['individual', 'group'] as const;
export const GENDERS = ['male', 'female'] as const;
/** 调解结果 of one session. */
export const SESSION_OUTCOMES = ['agreed', 'partlyAgreed', 'noAgreement', 'continued'] as const;
export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'unsatisfied'] as const;
export const JUDICIAL_CONFIRMATION_RESULTS = ['pending', 'confirmed', 'invalid'] as const;

/**
 * An extension of the 30-day due date (DueDateExtension): it needs both parties' consent, so the
 * consent and a reason are recorded. A child list item (own id), so two devices' extensions merge.
 */
export const dueDateExtensionSchema = z.strictObject({
  id: z.uuid(),
  at: dateTimeSchema,
  // Bounded only to catch typos (300 for 30); no rule caps an extension.
  days: z.int().check(z.gte(1), z.lte(90)),
  reason: requiredMultilineText(200),
  partiesConsented: z.literal(true),
}) satisfies z.ZodMiniType<DueDateExtension & { id: string }>;

/** 当事人 (申请书 / 结案报告 [S30][S31]). Phone and ID number are sensitive: masked in lists (DOMAIN.md §6). */
export const partySchema = z.strictObject({
  id: z.uuid(),
  role: z.enum(PARTY_ROLES),
  partyType: z.enum(PARTY_TYPES),
  name: requiredText(100),
  gender: z.optional(z.enum(GENDERS)),
  age: z.optional(z.int().check(z.gte(0), z.lte(150))),
  occupation: optionalText(50),
  address: optionalText(200),
  phone: z.optional(phoneSchema),
  idNo: z.optional(idCardNoSchema),
});

/** 人民调解记录 [S32]: one sitting of the mediation. */
export const mediationSessionSchema = z.strictObject({
  id: z.uuid(),
  at: dateTimeSchema,
  place: optionalText(200),
  /** Party ids of those present. */
  partiesPresent: z.optional(z.array(z.uuid()).check(z.maxLength(50))),
  participants: optionalText(200),
  mediators: requiredText(100),
  recorder: optionalText(50),
  statements: optionalMultilineText(5000),
  verifiedFacts: optionalMultilineText(5000),
  outcome: z.enum(SESSION_OUTCOMES),
});
export type MediationSession = z.infer<typeof mediationSessionSchema>;

/** 人民调解协议 (人民调解法 第29条). */
export const agreementSchema = z.strictObject({
  agreementNo: optionalText(50),
  facts: optionalMultilineText(5000),
  terms: requiredMultilineText(5000),
  amountYuan: z.optional(z.number().check(z.gte(0), z.lte(1_000_000_000))),
  performanceMethod: optionalText(200),
  performancePlace: optionalText(200),
  performanceDeadline: z.optional(dateSchema),
  effectiveAt: z.optional(dateSchema),
});

/** 回访记录 [S31]. */
export const followUpSchema = z.strictObject({
  id: z.uuid(),
  at: dateTimeSchema,
  by: requiredText(50),
  partyVisited: optionalText(100),
  performance: z.enum(PERFORMANCE_STATUSES),
  satisfaction: z.enum(SATISFACTIONS),
  residualRisk: z.boolean(),
  measures: optionalMultilineText(2000),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** Steps that are logged without moving the status: a session recorded, feedback noted, an extension. */
export const DISPUTE_NOTE_ACTIONS = ['recordSession', 'feedback', 'extend'] as const;

/** 流转记录: one step on the case, appended as it happens. */
export const flowLogSchema = z.strictObject({
  id: z.uuid(),
  at: dateTimeSchema,
  /** User id of who acted; `byName` as shown then, since a device knows no other users. */
  by: requiredText(64),
  byName: optionalText(50),
  action: z.enum([...DISPUTE_EVENT_TYPES, ...DISPUTE_NOTE_ACTIONS]),
  fromStatus: z.enum(DISPUTE_STATUSES),
  toStatus: z.enum(DISPUTE_STATUSES),
  fromLevel: z.optional(z.enum(HANDLING_LEVELS)),
  toLevel: z.optional(z.enum(HANDLING_LEVELS)),
  reason: optionalMultilineText(500),
});
export type FlowLog = z.infer<typeof flowLogSchema>;

export const mediatorSchema = z.strictObject({
  id: z.uuid(),
  userId: z.optional(plainString(64)),
  name: requiredText(50),
});

/** 司法确认 (第33条: applied for within 30 days of the agreement taking effect). */
export const judicialConfirmationSchema = z.strictObject({
  appliedAt: dateSchema,
  court: optionalText(100),
  result: z.enum(JUDICIAL_CONFIRMATION_RESULTS),
});

const ACCEPTED_STAGES: readonly DisputeStatus[] = [
  'accepted',
  'mediating',
  'success',
  'performing',
  'followedUp',
  'failed',
];
const MEDIATED_STAGES: readonly DisputeStatus[] = [
  'mediating',
  'success',
  'performing',
  'followedUp',
  'failed',
];
const AGREED_STAGES: readonly DisputeStatus[] = ['success', 'performing', 'followedUp'];

/**
 * 矛盾纠纷 body (DOMAIN.md §2.2), one record per mediation case. What is required follows the
 * workflow stage (§2.4): consent and a mediator once accepted, the rights notice once mediating, an
 * agreement once 调解成功, a reason and the routes told once 调解不成, a follow-up once 已回访.
 * Sessions, follow-ups and the flow log are child lists: people append, the server merges.
 */
export const disputeBodySchema = z
  .strictObject({
    title: requiredText(100),
    caseNo: optionalText(50),
    disputeType: z.enum(DISPUTE_TYPES),
    disputeSubType: optionalText(50),
    summary: requiredMultilineText(5000),
    claims: optionalMultilineText(2000),
    occurredAt: z.optional(dateTimeSchema),
    registeredAt: dateTimeSchema,
    source: z.enum(DISPUTE_SOURCES),
    nature: z.enum(DISPUTE_NATURES),
    involvedCount: z.int().check(z.gte(1), z.lte(100_000)),
    involvedAmountYuan: z.optional(z.number().check(z.gte(0), z.lte(100_000_000_000))),
    parties: z.array(partySchema).check(z.minLength(2), z.maxLength(50)),
    riskLevel: z.enum(RISK_LEVELS),
    riskFlags: z.optional(z.array(z.enum(DISPUTE_RISK_FLAGS)).check(z.maxLength(DISPUTE_RISK_FLAGS.length))),
    consentToMediate: z.optional(z.boolean()),
    rightsNotifiedAt: z.optional(dateTimeSchema),
    handlingLevel: z.enum(HANDLING_LEVELS),
    mediationOrg: optionalText(100),
    mediators: z.optional(z.array(mediatorSchema).check(z.maxLength(10))),
    extensions: z.optional(z.array(dueDateExtensionSchema).check(z.maxLength(5))),
    sessions: z.array(mediationSessionSchema).check(z.maxLength(100)),
    agreementType: z.optional(z.enum(AGREEMENT_TYPES)),
    agreement: z.optional(agreementSchema),
    failureReason: optionalMultilineText(2000),
    routesNotified: z.optional(z.array(z.enum(NOTIFIED_ROUTES)).check(z.maxLength(NOTIFIED_ROUTES.length))),
    notAcceptedReason: z.optional(z.enum(NOT_ACCEPTED_REASONS)),
    referredTo: z.optional(z.enum(DISPUTE_REFERRAL_UNITS)),
    transferFeedback: optionalMultilineText(2000),
    judicialConfirmation: z.optional(judicialConfirmationSchema),
    performanceStatus: z.optional(z.enum(PERFORMANCE_STATUSES)),
    followUps: z.array(followUpSchema).check(z.maxLength(100)),
    flowLogs: z.array(flowLogSchema).check(z.maxLength(500)),
    closedAt: z.optional(dateTimeSchema),
    place: optionalText(200),
    location: z.optional(geoPointSchema),
    photoIds: photoIdsSchema,
    /** 签名 of parties and mediators on the agreement (signature.ts), since body version 3. */
    signatures: z.optional(z.array(signatureSchema).check(z.maxLength(MAX_SIGNATURES))),
    patrolId: z.optional(z.uuid()),
    status: z.enum(DISPUTE_STATUSES),
  })
  .check(
    z.refine(
      (b) =>
        (b.signatures ?? []).every(
          (s) =>
            b.agreement !== undefined &&
            [...b.parties, ...(b.mediators ?? [])].some((signer) => signer.id === s.signer),
        ),
      {
        message: 'Signer must be a party or mediator of a case with an agreement',
        path: ['signatures'],
      },
    ),
    z.refine((b) => !ACCEPTED_STAGES.includes(b.status) || b.consentToMediate === true, {
      message: 'The parties must consent to mediation before it is accepted',
      path: ['consentToMediate'],
    }),
    z.refine((b) => !ACCEPTED_STAGES.includes(b.status) || (b.mediators?.length ?? 0) > 0, {
      message: 'An accepted case needs at least one mediator',
      path: ['mediators'],
    }),
    z.refine((b) => !MEDIATED_STAGES.includes(b.status) || b.rightsNotifiedAt !== undefined, {
      message: 'The parties must be told their rights before mediation starts',
      path: ['rightsNotifiedAt'],
    }),
    z.refine(
      (b) =>
        !AGREED_STAGES.includes(b.status) || (b.agreementType !== undefined && b.agreement !== undefined),
      {
        message: 'A successful mediation needs its agreement (written or oral)',
        path: ['agreement'],
      },
    ),
    z.refine((b) => b.status !== 'failed' || (b.failureReason !== undefined && b.failureReason.length > 0), {
      message: 'A failed mediation needs the reason',
      path: ['failureReason'],
    }),
    z.refine((b) => b.status !== 'failed' || (b.routesNotified?.length ?? 0) > 0, {
      message: 'The parties must be told the other routes when mediation fails',
      path: ['routesNotified'],
    }),
    z.refine((b) => b.status !== 'followedUp' || b.followUps.length > 0, {
      message: 'A followed-up case needs a follow-up record',
      path: ['followUps'],
    }),
    z.refine((b) => b.status !== 'notAccepted' || b.notAcceptedReason !== undefined, {
      message: 'Say why the case was not accepted',
      path: ['notAcceptedReason'],
    }),
    z.refine((b) => b.status !== 'closed' || b.closedAt !== undefined, {
      message: 'A closed case records when it was closed',
      path: ['closedAt'],
    }),
    z.refine((b) => !['transferred', 'awaitingFeedback'].includes(b.status) || b.referredTo !== undefined, {
      message: 'A transferred case names where it went',
      path: ['referredTo'],
    }),
  );

export type DisputeBody = z.infer<typeof disputeBodySchema>;
export type Party = z.infer<typeof partySchema>;
