import * as z from 'zod/mini';
import { geoPointSchema } from './geo-point';
import { photoIdsSchema } from './photo';
import { dateSchema, dateTimeSchema, optionalText, phoneSchema, requiredText } from './text';

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

export const checklistEntrySchema = z.strictObject({
  itemCode: z.enum(CHECKLIST_ITEM_CODES),
  result: z.enum(CHECK_RESULTS),
  note: optionalText(500),
  photoIds: photoIdsSchema,
});

/** 出租房安全检查 body, core fields. A deadline is required when the result is 限期整改. */
export const rentalInspectionBodySchema = z
  .strictObject({
    address: requiredText(200),
    landlordName: requiredText(100),
    landlordPhone: z.optional(phoneSchema),
    inspectionType: z.enum(INSPECTION_TYPES),
    inspectedAt: dateTimeSchema,
    checklist: z.array(checklistEntrySchema).check(z.minLength(1), z.maxLength(CHECKLIST_ITEM_CODES.length)),
    overallResult: z.enum(OVERALL_RESULTS),
    rectificationDeadline: z.optional(dateSchema),
    remarks: optionalText(2000),
    location: z.optional(geoPointSchema),
    photoIds: photoIdsSchema,
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
  );

export type RentalInspectionBody = z.infer<typeof rentalInspectionBodySchema>;
export type ChecklistEntry = z.infer<typeof checklistEntrySchema>;
