import * as z from 'zod/mini';
import { geoPointSchema } from './geo-point';
import { ANTI_FRAUD_FIGURES, FINDING_CATEGORIES, type FindingCategory } from './patrol-figures';
import { photoIdsSchema } from './photo';
import { reviewLogsSchema } from './review-log';
import { dateTimeSchema, multilineText, optionalText, requiredText } from './text';

export {
  ANTI_FRAUD_FIGURES,
  type AntiFraud,
  FINDING_CATEGORIES,
  type FindingCategory,
  type Findings,
  findingsTotal,
  NO_ANTI_FRAUD,
  NO_FINDINGS,
} from './patrol-figures';

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

const count = z.int().check(z.gte(0), z.lte(10_000));

export const findingsSchema = z.strictObject(
  Object.fromEntries(FINDING_CATEGORIES.map((category) => [category, count])) as Record<
    FindingCategory,
    typeof count
  >,
);

export const antiFraudSchema = z.strictObject(
  Object.fromEntries(ANTI_FRAUD_FIGURES.map((figure) => [figure, count])) as Record<
    (typeof ANTI_FRAUD_FIGURES)[number],
    typeof count
  >,
);

/** Track points kept per segment and segments per patrol: hours of walking at one point per few metres. */
export const MAX_TRACK_POINTS_PER_SEGMENT = 5000;
export const MAX_TRACK_SEGMENTS = 100;

/** One GPS fix: `[lng, lat, epoch ms, accuracy m]` — a tuple, because a patrol holds thousands. */
export const trackPointSchema = z.tuple([
  z.number().check(z.gte(-180), z.lte(180)),
  z.number().check(z.gte(-90), z.lte(90)),
  z.int().check(z.gte(0)),
  z.number().check(z.gte(0), z.lte(100_000)),
]);
export type TrackPoint = z.infer<typeof trackPointSchema>;

/**
 * A run of GPS fixes with no gap. A gap (no fix, app in the background, a fix too inaccurate) ends
 * the segment, so a map never draws a straight line across time nobody was tracked. Segments are a
 * child list (own ids) so two devices' additions merge.
 */
export const trackSegmentSchema = z.strictObject({
  id: z.uuid(),
  points: z.array(trackPointSchema).check(z.maxLength(MAX_TRACK_POINTS_PER_SEGMENT)),
});
export type TrackSegment = z.infer<typeof trackSegmentSchema>;

/** 陪同人员 (e.g. 社区民警, 物业). */
export const companionSchema = z.strictObject({
  id: z.uuid(),
  name: requiredText(50),
  duty: optionalText(50),
});

/**
 * 巡查日志 body (DOMAIN.md §3.2). `startedAt`..`endedAt` is the patrol session ("开始巡查" → "结束巡查");
 * records made during it (a rental check, a dispute) point back with their `patrolId`.
 */
export const patrolBodySchema = z
  .strictObject({
    patrolTypes: z.array(z.enum(PATROL_TYPES)).check(z.minLength(1), z.maxLength(PATROL_TYPES.length)),
    startedAt: dateTimeSchema,
    endedAt: z.optional(dateTimeSchema),
    weather: optionalText(20),
    accompaniedBy: z.optional(z.array(companionSchema).check(z.maxLength(20))),
    householdsVisited: count,
    findings: findingsSchema,
    selfResolvedCount: count,
    reportedCount: count,
    /** 巡查走访情况; a started patrol's draft log is written up when it ends, so may be empty until then. */
    content: multilineText(5000),
    antiFraud: z.optional(antiFraudSchema),
    track: z.optional(z.array(trackSegmentSchema).check(z.maxLength(MAX_TRACK_SEGMENTS))),
    location: z.optional(geoPointSchema),
    photoIds: photoIdsSchema,
    /** 审阅 / 退回 / 重新提交 (record-review.ts); absent until a supervisor acts. */
    reviewLogs: reviewLogsSchema,
    status: z.enum(PATROL_STATUSES),
  })
  .check(
    z.refine((body) => body.status === 'draft' || body.content.length > 0, {
      message: 'Describe the patrol',
      path: ['content'],
    }),
    z.refine((body) => !body.patrolTypes.includes('antiFraud') || body.antiFraud !== undefined, {
      message: 'The anti-fraud figures are required for an anti-fraud patrol',
      path: ['antiFraud'],
    }),
    z.refine((body) => body.endedAt === undefined || Date.parse(body.endedAt) >= Date.parse(body.startedAt), {
      message: 'A patrol cannot end before it started',
      path: ['endedAt'],
    }),
  );

export type PatrolBody = z.infer<typeof patrolBodySchema>;
