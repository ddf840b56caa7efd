import * as z from 'zod/mini';
import { geoPointSchema } from './geo-point';
import { photoIdsSchema } from './photo';
import { dateTimeSchema, requiredText } from './text';

/** 工作类型 of a patrol log (DOMAIN.md §3.2). */
export const PATROL_TYPES = [
  'antiFraud',
  'riskScreening',
  'livelihood',
  'disputeMediation',
  'rentalInspection',
  'keyPersonVisit',
  'keyPlacePatrol',
  'enterpriseVisit',
  'infoCollection',
  'policyPublicity',
  'environment',
  'other',
] as const;
export type PatrolType = (typeof PATROL_TYPES)[number];

export const PATROL_STATUSES = ['draft', 'submitted', 'reviewed'] as const;

/** 巡查日志 body, core fields (the full field set comes with the field-work issue). */
export const patrolBodySchema = z.strictObject({
  patrolTypes: z.array(z.enum(PATROL_TYPES)).check(z.minLength(1), z.maxLength(PATROL_TYPES.length)),
  startedAt: dateTimeSchema,
  endedAt: z.optional(dateTimeSchema),
  householdsVisited: z.int().check(z.gte(0), z.lte(10_000)),
  content: requiredText(5000),
  location: z.optional(geoPointSchema),
  photoIds: photoIdsSchema,
  status: z.enum(PATROL_STATUSES),
});

export type PatrolBody = z.infer<typeof patrolBodySchema>;
