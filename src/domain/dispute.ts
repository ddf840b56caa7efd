import * as z from 'zod/mini';
import { geoPointSchema } from './geo-point';
import { photoIdsSchema } from './photo';
import { dateTimeSchema, idCardNoSchema, optionalText, phoneSchema, requiredText } from './text';

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
export const PARTY_ROLES = ['applicant', 'respondent', 'party', 'thirdParty'] as const;
export const PARTY_TYPES = ['natural', 'organization'] as const;

/** 当事人. Phone and ID number are sensitive: masked in lists (DOMAIN.md §6). */
export const partySchema = z.strictObject({
  id: z.uuid(),
  role: z.enum(PARTY_ROLES),
  partyType: z.enum(PARTY_TYPES),
  name: requiredText(100),
  phone: z.optional(phoneSchema),
  idNo: z.optional(idCardNoSchema),
});

/** 矛盾纠纷 body, core fields. At least two parties. */
export const disputeBodySchema = z.strictObject({
  title: requiredText(100),
  disputeType: z.enum(DISPUTE_TYPES),
  summary: requiredText(5000),
  occurredAt: z.optional(dateTimeSchema),
  registeredAt: dateTimeSchema,
  parties: z.array(partySchema).check(z.minLength(2), z.maxLength(50)),
  riskLevel: z.enum(RISK_LEVELS),
  status: z.enum(DISPUTE_STATUSES),
  place: optionalText(200),
  location: z.optional(geoPointSchema),
  photoIds: photoIdsSchema,
});

export type DisputeBody = z.infer<typeof disputeBodySchema>;
export type Party = z.infer<typeof partySchema>;
