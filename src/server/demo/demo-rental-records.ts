/** The demo's rental houses (一户一档) and their inspections, one hazard handed to 综合执法. */
import type { RentalHouseRecord, RentalInspectionRecord } from '../../domain/record-envelope';
import type { ChecklistEntry } from '../../domain/rental-inspection';
import type { DemoCommunity } from './demo-orgs';
import { daysAgo, demoUuid, type EnvelopeOf, pick } from './demo-record-parts';

type Landlord = { name: string; phone: string; idNo: string; street: string; no: number };

const LANDLORDS: readonly [Landlord, ...Landlord[]] = [
  { name: '王建国', phone: '13812341234', idNo: '320111196805121234', street: '浦泗路', no: 18 },
  { name: '李秀英', phone: '13951234567', idNo: '32011119720309262X', street: '新华路', no: 56 },
  { name: '张伟', phone: '15805181234', idNo: '320106198011230415', street: '宁六路', no: 203 },
  { name: '刘芳', phone: '18913901234', idNo: '320113197507161223', street: '大厂大街', no: 77 },
];

export function rentalHouse(
  envelope: EnvelopeOf,
  community: DemoCommunity,
  i: number,
  now: Date,
): RentalHouseRecord {
  const landlord = pick(LANDLORDS, i);
  const groupRental = i % 2 === 1;
  const at = daysAgo(now, 30 + (i % 20), 10);
  const base = envelope('rentalHouse', at);
  return {
    ...base,
    kind: 'rentalHouse',
    body: {
      address: `江北新区${landlord.street}${landlord.no}号${community.name.replace(/社区$/, '')}新村${(i % 6) + 1}栋${(i % 5) + 1}0${(i % 3) + 1}室`,
      houseType: 'suite',
      rentalUsage: 'residence',
      rentalMode: groupRental ? 'byRoom' : 'whole',
      floorCount: 6,
      floorNo: (i % 5) + 1,
      isHighRise: false,
      roomCount: groupRental ? 4 : 2,
      occupantCount: groupRental ? 7 : 3,
      landlordType: 'individual',
      landlordName: landlord.name,
      landlordIdType: 'idCard',
      landlordIdNo: landlord.idNo,
      landlordPhone: landlord.phone,
      leaseStart: daysAgo(now, 200, 12).slice(0, 10),
      leaseEnd: daysAgo(now, -165, 12).slice(0, 10),
      leaseDeclared: !groupRental,
      responsibilityLetterSigned: true,
      managementCategory: groupRental ? 'B' : 'A',
      tenants: [
        {
          id: demoUuid(`${base.id}/tenant/0`),
          name: groupRental ? '孙晓东' : '吴敏',
          phone: groupRental ? '13705171234' : '13851601234',
          isFloatingPopulation: groupRental,
          residenceRegistration: groupRental ? 'none' : 'registered',
          ...(groupRental ? { residencePermit: 'none' as const } : {}),
          moveInDate: daysAgo(now, 200, 12).slice(0, 10),
        },
      ],
      status: 'active',
    },
  };
}

export function rentalInspection(
  envelope: EnvelopeOf,
  house: RentalHouseRecord,
  i: number,
  now: Date,
): RentalInspectionRecord {
  const inspectedAt = daysAgo(now, 2 + (i % 9), 15);
  const hasHazard = i % 2 === 1;
  const base = envelope('rentalInspection', inspectedAt);
  // Due in a day or two, or just past: something for 今日待办.
  const deadline = daysAgo(now, (i % 3) - 1, 12).slice(0, 10);
  return {
    ...base,
    kind: 'rentalInspection',
    body: {
      rentalHouseId: house.id,
      address: house.body.address,
      landlordName: house.body.landlordName,
      landlordPhone: house.body.landlordPhone,
      inspectionType: hasHazard ? 'special' : 'routine',
      ...(hasHazard ? { specialTopic: 'eBike' as const } : {}),
      inspectedAt,
      checklist: [
        hasHazard
          ? { itemCode: 'EB01', result: 'fail', note: '楼道内有电动车停放充电' }
          : { itemCode: 'EB01', result: 'pass' },
        // 私拉乱接 beyond what the landlord can fix: handed to 综合执法 (what hb-enforce sees).
        hasHazard
          ? { itemCode: 'EL01', result: 'fail', note: '楼道飞线私拉电线给电动车充电' }
          : { itemCode: 'EL01', result: 'pass' },
        { itemCode: 'GS01', result: 'na' },
        { itemCode: 'FE01', result: 'pass' },
      ] satisfies ChecklistEntry[],
      hazards: hasHazard
        ? [
            {
              id: demoUuid(`${base.id}/hazard/0`),
              itemCode: 'EB01',
              description: '楼道内有电动车停放充电',
              hazardLevel: 'major',
              handling: 'deadline',
              deadline,
              responsibleParty: 'landlord',
              status: 'rectifying',
              processedAt: inspectedAt,
              rechecks: [],
            },
            {
              id: demoUuid(`${base.id}/hazard/1`),
              itemCode: 'EL01',
              description: '楼道飞线私拉电线给电动车充电',
              hazardLevel: 'general',
              handling: 'referred',
              referredTo: 'lawEnforcement',
              status: 'referred',
              processedAt: inspectedAt,
              rechecks: [],
            },
          ]
        : [],
      overallResult: hasHazard ? 'rectifying' : 'noHazard',
      ...(hasHazard ? { rectificationDeadline: deadline } : {}),
      remarks: hasHazard ? '已告知房东限期整改，到期复查。' : '房屋整体安全状况良好。',
      status: hasHazard ? 'rectifying' : 'closed',
    },
  };
}
