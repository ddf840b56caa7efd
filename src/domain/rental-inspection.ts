import * as z from 'zod/mini';
import { geoPointSchema } from './geo-point';
import { HAZARD_LEVELS, HAZARD_STATUSES, JOINT_UNITS, RECHECK_RESULTS } from './hazard-workflow';
import { photoIdsSchema } from './photo';
import { reviewLogsSchema } from './review-log';
import {
  dateSchema,
  dateTimeSchema,
  optionalMultilineText,
  optionalText,
  phoneSchema,
  plainString,
  requiredText,
} from './text';
/** 检查类型 (DOMAIN.md §1.2). */
export const INSPECTION_TYPES = ['routine', 'special', 'joint', 'night', 'complaint'] as const;
/** 检查结论. */
export const OVERALL_RESULTS = ['noHazard', 'fixedOnSite', 'rectifying', 'referred'] as const;
export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const;
export const INSPECTION_STATUSES = [
  'draft',
  'submitted',
  'rectifying',
  'pendingRecheck',
  'referred',
  'closed',
] as const;

/** Checklist item codes of DOMAIN.md §1.3 (the catalogue with sections comes with the field-work issue). */
export const CHECKLIST_ITEM_CODES = [
  'EB01',
  'EB02',
  'EB03',
  'EB04',
  'EB05',
  'EL01',
  'EL02',
  'EL03',
  'EL04',
  'EL05',
  'GS01',
  'GS02',
  'GS03',
  'GS04',
  'GS05',
  'GR01',
  'GR02',
  'GR03',
  'GR04',
  'GR05',
  'FE01',
  'FE02',
  'FE03',
  'FE04',
  'FE05',
  'FE06',
  'EV01',
  'EV02',
  'EV03',
  'EV04',
  'BD01',
  'BD02',
  'BD03',
  'PS01',
  'PS02',
  'PS03',
  'PS04',
  'PS05',
  'PS06',
  'OT99',
] as const;

/** 专项 of a special inspection. */
export const SPECIAL_TOPICS = ['eBike', 'gas', 'groupRental', 'selfBuilt'] as const;
/** 处置方式 of a hazard (DOMAIN.md §1.2 Hazard). */
export const HAZARD_HANDLINGS = ['onSite', 'deadline', 'referred'] as const;
/** 整改责任人. */
export const RESPONSIBLE_PARTIES = ['landlord', 'tenant', 'property', 'other'] as const;
export const PRESENT_PERSON_RELATIONS = ['landlord', 'tenant', 'manager'] as const;

export const checklistEntrySchema = z.strictObject({
  itemCode: z.enum(CHECKLIST_ITEM_CODES),
  result: z.enum(CHECK_RESULTS),
  /** The inspector's own 初判; otherwise the catalogue's default applies. */
  hazardLevel: z.optional(z.enum(HAZARD_LEVELS)),
  /** EB02: the bikes block an exit or escape route (raises the level to 重大). */
  blocksExit: z.optional(z.boolean()),
  note: optionalText(500),
  photoIds: photoIdsSchema,
});

/** 复查: appended, never edited, so two people's rechecks merge. */
export const recheckSchema = z.strictObject({
  id: z.uuid(),
  at: dateTimeSchema,
  by: requiredText(64),
  result: z.enum(RECHECK_RESULTS),
  note: optionalMultilineText(500),
  photoIds: photoIdsSchema,
});
export type Recheck = z.infer<typeof recheckSchema>;

/**
 * 隐患项, one per failed checklist item. `status` moves along the hazard workflow
 * (hazard-workflow.ts); overdue is derived from `deadline`, never stored.
 */
export const hazardSchema = z
  .strictObject({
    id: z.uuid(),
    itemCode: z.enum(CHECKLIST_ITEM_CODES),
    description: requiredText(500),
    hazardLevel: z.enum(HAZARD_LEVELS),
    handling: z.enum(HAZARD_HANDLINGS),
    deadline: z.optional(dateSchema),
    responsibleParty: z.optional(z.enum(RESPONSIBLE_PARTIES)),
    referredTo: z.optional(z.enum(JOINT_UNITS)),
    status: z.enum(HAZARD_STATUSES),
    processedAt: z.optional(dateTimeSchema),
    rectifiedAt: z.optional(dateTimeSchema),
    recheckedAt: z.optional(dateTimeSchema),
    rechecks: z.array(recheckSchema).check(z.maxLength(50)),
    /** 部门反馈 of a referred hazard. */
    feedback: optionalMultilineText(1000),
    closedAt: z.optional(dateTimeSchema),
    photoIds: photoIdsSchema,
  })
  .check(
    z.refine((hazard) => hazard.handling !== 'deadline' || hazard.deadline !== undefined, {
      message: 'A deadline is required for a hazard to be rectified by a deadline',
      path: ['deadline'],
    }),
    z.refine((hazard) => hazard.handling !== 'referred' || hazard.referredTo !== undefined, {
      message: 'A referred hazard names the unit it was referred to',
      path: ['referredTo'],
    }),
    z.refine((hazard) => hazard.status !== 'fixedOnSite' || (hazard.photoIds?.length ?? 0) > 0, {
      message: 'A hazard fixed on site needs a photo of the fix',
      path: ['photoIds'],
    }),
  );
export type Hazard = z.infer<typeof hazardSchema>;

export const inspectorSchema = z.strictObject({
  id: z.uuid(),
  userId: z.optional(plainString(64)),
  name: requiredText(50),
  unit: optionalText(50),
});

export const presentPersonSchema = z.strictObject({
  name: requiredText(100),
  relation: z.enum(PRESENT_PERSON_RELATIONS),
});

/**
 * 出租房安全检查 (DOMAIN.md §1.2). Address and landlord are copied from the house at inspection time
 * (the paper form's header), so the record reads on its own; `rentalHouseId` links the 一户一档.
 */
export const rentalInspectionBodySchema = z
  .strictObject({
    rentalHouseId: z.optional(z.uuid()),
    patrolId: z.optional(z.uuid()),
    address: requiredText(200),
    landlordName: requiredText(100),
    landlordPhone: z.optional(phoneSchema),
    inspectionType: z.enum(INSPECTION_TYPES),
    specialTopic: z.optional(z.enum(SPECIAL_TOPICS)),
    inspectedAt: dateTimeSchema,
    inspectors: z.optional(z.array(inspectorSchema).check(z.maxLength(20))),
    jointUnits: z.optional(z.array(z.enum(JOINT_UNITS)).check(z.maxLength(JOINT_UNITS.length))),
    presentPerson: z.optional(presentPersonSchema),
    checklist: z.array(checklistEntrySchema).check(z.minLength(1), z.maxLength(CHECKLIST_ITEM_CODES.length)),
    occupantCountObserved: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
    unregisteredPersons: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
    hazards: z.array(hazardSchema).check(z.maxLength(CHECKLIST_ITEM_CODES.length * 2)),
    overallResult: z.enum(OVERALL_RESULTS),
    noticeNo: optionalText(50),
    rectificationDeadline: z.optional(dateSchema),
    remarks: optionalMultilineText(2000),
    location: z.optional(geoPointSchema),
    photoIds: photoIdsSchema,
    /** 审阅 / 退回 / 重新提交 (record-review.ts); absent until a supervisor acts. */
    reviewLogs: reviewLogsSchema,
    status: z.enum(INSPECTION_STATUSES),
  })
  .check(
    z.refine((body) => body.overallResult !== 'rectifying' || body.rectificationDeadline !== undefined, {
      message: 'A deadline is required when the result is rectifying',
      path: ['rectificationDeadline'],
    }),
    z.refine(
      (body) => body.overallResult !== 'noHazard' || body.checklist.every((e) => e.result !== 'fail'),
      {
        message: 'The result cannot be noHazard while a checklist item failed',
        path: ['overallResult'],
      },
    ),
    z.refine(
      (body) =>
        body.status === 'draft' ||
        body.checklist.every(
          (e) => e.result !== 'fail' || body.hazards.some((h) => h.itemCode === e.itemCode),
        ),
      {
        message: 'Every failed checklist item needs a hazard once the inspection is submitted',
        path: ['hazards'],
      },
    ),
  );

export type RentalInspectionBody = z.infer<typeof rentalInspectionBodySchema>;
export type ChecklistEntry = z.infer<typeof checklistEntrySchema>;
