/**
 * 出租房屋 一户一档: the master record of one rentable unit (DOMAIN.md §1.2 RentalHouse). Inspections
 * point at it with `rentalHouseId`. Landlord and tenant ID numbers and phones are sensitive: masked in
 * lists, revealed with a reason (DOMAIN.md §6).
 */
import * as z from 'zod/mini';
import { geoPointSchema } from './geo-point';
import { photoIdsSchema } from './photo';
import {
  dateSchema,
  idCardNoSchema,
  optionalMultilineText,
  optionalText,
  phoneSchema,
  requiredText,
} from './text';

/** 出租房类别 [R1]. */
export const RENTAL_HOUSE_TYPES = ['suite', 'bungalow', 'basement', 'selfBuilt', 'other'] as const;
/** 出租用途 [R1]. */
export const RENTAL_USAGES = ['residence', 'dormitory', 'shop', 'warehouse', 'workshop', 'other'] as const;
/** 出租方式 ([S2]; 按床位 = 群租). */
export const RENTAL_MODES = ['whole', 'shared', 'byRoom', 'byBed'] as const;
export const LANDLORD_TYPES = ['individual', 'organization'] as const;
export const LANDLORD_ID_TYPES = ['idCard', 'businessLicense', 'other'] as const;
/** 管理类别 甲/乙/丙 [R1]: 放心 / 关注 / 重点. */
export const MANAGEMENT_CATEGORIES = ['A', 'B', 'C'] as const;
export const RENTAL_HOUSE_STATUSES = ['active', 'inactive'] as const;

export const TENANT_ID_TYPES = ['idCard', 'passport', 'other'] as const;
export const RESIDENCE_REGISTRATIONS = ['none', 'registered'] as const;
/** 居住证 [S14]. */
export const RESIDENCE_PERMITS = ['none', 'applied', 'holding', 'expired'] as const;

/** 统一社会信用代码: 18 characters without I, O, S, V, Z. */
const creditCodeSchema = z.string().check(z.regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/));
const count = z.int().check(z.gte(0), z.lte(10_000));

/** 承租人/同住人 — kept minimal: the ID number only where the law asks for it (DOMAIN.md §6.2 item 4). */
export const tenantSchema = z
  .strictObject({
    id: z.uuid(),
    name: requiredText(100),
    idType: z.optional(z.enum(TENANT_ID_TYPES)),
    idNo: optionalText(30),
    phone: z.optional(phoneSchema),
    householdRegistration: optionalText(100),
    isFloatingPopulation: z.optional(z.boolean()),
    residenceRegistration: z.enum(RESIDENCE_REGISTRATIONS),
    residencePermit: z.optional(z.enum(RESIDENCE_PERMITS)),
    moveInDate: z.optional(dateSchema),
    movedOutDate: z.optional(dateSchema),
    workplace: optionalText(100),
    relationToPrimaryTenant: optionalText(30),
  })
  .check(
    z.refine(
      (tenant) => tenant.idType !== 'idCard' || !tenant.idNo || idCardNoSchema.safeParse(tenant.idNo).success,
      {
        message: 'Not a valid resident ID number',
        path: ['idNo'],
      },
    ),
  );
export type Tenant = z.infer<typeof tenantSchema>;

export const rentalHouseBodySchema = z
  .strictObject({
    address: requiredText(200),
    houseType: z.enum(RENTAL_HOUSE_TYPES),
    rentalUsage: z.enum(RENTAL_USAGES),
    rentalMode: z.enum(RENTAL_MODES),
    floorCount: z.optional(z.int().check(z.gte(1), z.lte(200))),
    floorNo: z.optional(z.int().check(z.gte(-5), z.lte(200))),
    isHighRise: z.optional(z.boolean()),
    roomCount: z.int().check(z.gte(1), z.lte(1000)),
    occupantCount: count,
    usableAreaM2: z.optional(z.number().check(z.gt(0), z.lte(100_000))),
    limitPersons: z.optional(count),
    landlordType: z.enum(LANDLORD_TYPES),
    landlordName: requiredText(100),
    landlordIdType: z.enum(LANDLORD_ID_TYPES),
    landlordIdNo: requiredText(30),
    landlordPhone: phoneSchema,
    managerName: optionalText(100),
    managerPhone: z.optional(phoneSchema),
    propertyCompany: optionalText(100),
    leaseStart: z.optional(dateSchema),
    leaseEnd: z.optional(dateSchema),
    /** Jiangsu: the landlord declares the lease within 7 days of signing it [S12]. */
    leaseDeclared: z.boolean(),
    leaseFilingNo: optionalText(50),
    responsibilityLetterSigned: z.boolean(),
    managementCategory: z.optional(z.enum(MANAGEMENT_CATEGORIES)),
    tenants: z.array(tenantSchema).check(z.maxLength(200)),
    remarks: optionalMultilineText(2000),
    location: z.optional(geoPointSchema),
    photoIds: photoIdsSchema,
    status: z.enum(RENTAL_HOUSE_STATUSES),
  })
  .check(
    z.refine(
      (body) =>
        body.landlordIdType === 'idCard'
          ? idCardNoSchema.safeParse(body.landlordIdNo).success
          : body.landlordIdType === 'businessLicense'
            ? creditCodeSchema.safeParse(body.landlordIdNo).success
            : true,
      { message: 'The ID number does not match its type', path: ['landlordIdNo'] },
    ),
    z.refine((body) => !body.leaseStart || !body.leaseEnd || body.leaseStart <= body.leaseEnd, {
      message: 'The lease cannot end before it starts',
      path: ['leaseEnd'],
    }),
  );

export type RentalHouseBody = z.infer<typeof rentalHouseBodySchema>;
