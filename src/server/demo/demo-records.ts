/**
 * Sample records for the demo: two of each kind in every community, so a newcomer sees a living
 * app. Ids are derived from names, so they are the same on every machine.
 */
import { createHash } from 'node:crypto';
import type { DisputeBody } from '../../domain/dispute';
import type { PatrolBody } from '../../domain/patrol';
import type {
  DisputeRecord,
  GridRecord,
  PatrolRecord,
  RentalInspectionRecord,
} from '../../domain/record-envelope';
import type { ChecklistEntry } from '../../domain/rental-inspection';
import { DEMO_ACCOUNT_SEEDS, demoUserId } from './demo-accounts';
import type { DemoCommunity } from './demo-orgs';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Author of records in grids without a demo grid worker. */
const SEED_AUTHOR = 'demo-seed';

/** A stable RFC 9562 version-8 (name-based, custom) uuid. */
export function demoUuid(name: string): string {
  const hex = createHash('sha256').update(`gridkeeper-demo/${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type PatrolTemplate = Pick<PatrolBody, 'patrolTypes' | 'householdsVisited' | 'content'>;
type Landlord = { name: string; phone: string; street: string; no: number };
type DisputeTemplate = Pick<DisputeBody, 'title' | 'disputeType' | 'summary' | 'riskLevel' | 'status'> & {
  parties: { name: string; phone: string }[];
};

const PATROLS: readonly [PatrolTemplate, ...PatrolTemplate[]] = [
  {
    patrolTypes: ['keyPlacePatrol', 'riskScreening'],
    householdsVisited: 0,
    content: '巡查辖区沿街商铺及小区消防通道，发现3辆电动车停放在楼道内充电，已现场劝导车主挪至集中充电棚。',
  },
  {
    patrolTypes: ['antiFraud', 'policyPublicity'],
    householdsVisited: 14,
    content: '入户开展反诈宣传，发放宣传册20份，指导9户老年居民安装国家反诈中心APP并开启预警。',
  },
  {
    patrolTypes: ['livelihood', 'keyPersonVisit'],
    householdsVisited: 5,
    content: '走访独居老人5户，了解冬季取暖和用电情况，1户反映楼道灯损坏，已报物业维修。',
  },
  {
    patrolTypes: ['environment'],
    householdsVisited: 0,
    content:
      '巡查小区垃圾分类投放点，厨余垃圾桶满溢1处，已联系保洁清运；发现绿化带内堆放建筑垃圾，已拍照上报。',
  },
];

const LANDLORDS: readonly [Landlord, ...Landlord[]] = [
  { name: '王建国', phone: '13812341234', street: '浦泗路', no: 18 },
  { name: '李秀英', phone: '13951234567', street: '新华路', no: 56 },
  { name: '张伟', phone: '15805181234', street: '宁六路', no: 203 },
  { name: '刘芳', phone: '18913901234', street: '大厂大街', no: 77 },
];

const DISPUTES: readonly [DisputeTemplate, ...DisputeTemplate[]] = [
  {
    title: '楼上漏水引发邻里纠纷',
    disputeType: 'neighbor',
    summary:
      '602室卫生间防水层老化，导致502室天花板渗水发霉。双方就维修费用分担发生争执，502室住户多次到社区反映。',
    riskLevel: 'yellow',
    status: 'mediating',
    parties: [
      { name: '陈立新', phone: '13913561234' },
      { name: '周红梅', phone: '15951781234' },
    ],
  },
  {
    title: '租客拖欠房租及押金返还纠纷',
    disputeType: 'rentalHousing',
    summary: '租客提前退租，房东以房屋损坏为由扣留押金3000元，租客认为损坏系正常使用损耗，双方协商未果。',
    riskLevel: 'none',
    status: 'success',
    parties: [
      { name: '徐海燕', phone: '13776541234' },
      { name: '钱志明', phone: '18651231234' },
    ],
  },
];

/** The i-th item, wrapping around; lists are non-empty by type so this always answers. */
function pick<T>(list: readonly [T, ...T[]], i: number): T {
  return list[i % list.length] ?? list[0];
}

function daysAgo(now: Date, days: number, hour: number): string {
  const at = new Date(now.getTime() - days * DAY_MS);
  at.setUTCHours(hour - 8, 0, 0, 0); // hour in China Standard Time (UTC+8)
  return at.toISOString();
}

/** All sample records, ordered by community then kind. */
export function buildDemoRecords(communities: readonly DemoCommunity[], now: Date): GridRecord[] {
  const authorByGrid = new Map(
    DEMO_ACCOUNT_SEEDS.map((account) => [account.orgId, demoUserId(account.username)]),
  );
  const records: GridRecord[] = [];
  communities.forEach((community, c) => {
    for (let k = 0; k < 2; k++) {
      const gridId = community.gridIds[k % community.gridIds.length] ?? '';
      const author = authorByGrid.get(gridId) ?? SEED_AUTHOR;
      const envelope = (kind: string, at: string) => ({
        id: demoUuid(`${community.id}/${kind}/${k}`),
        gridId,
        rev: 1,
        createdAt: at,
        createdBy: author,
        updatedAt: at,
        updatedBy: author,
        deleted: false,
        schemaVersion: 1,
      });
      records.push(patrol(envelope, community, c + k, now));
      records.push(rentalInspection(envelope, community, c + k, now));
      records.push(dispute(envelope, community, c + k, now));
    }
  });
  return records;
}

type EnvelopeOf = (kind: string, at: string) => Omit<GridRecord, 'kind' | 'body'>;

function patrol(envelope: EnvelopeOf, community: DemoCommunity, i: number, now: Date): PatrolRecord {
  const template = pick(PATROLS, i);
  const startedAt = daysAgo(now, 1 + (i % 6), 9);
  const endedAt = daysAgo(now, 1 + (i % 6), 11);
  return {
    ...envelope('patrol', endedAt),
    kind: 'patrol',
    body: {
      patrolTypes: [...template.patrolTypes],
      startedAt,
      endedAt,
      householdsVisited: template.householdsVisited,
      content: `${community.name}：${template.content}`,
      status: 'submitted',
    },
  };
}

function rentalInspection(
  envelope: EnvelopeOf,
  community: DemoCommunity,
  i: number,
  now: Date,
): RentalInspectionRecord {
  const landlord = pick(LANDLORDS, i);
  const inspectedAt = daysAgo(now, 2 + (i % 9), 15);
  const hasHazard = i % 2 === 1;
  return {
    ...envelope('rentalInspection', inspectedAt),
    kind: 'rentalInspection',
    body: {
      address: `江北新区${landlord.street}${landlord.no}号${community.name.replace(/社区$/, '')}新村${(i % 6) + 1}栋${(i % 5) + 1}0${(i % 3) + 1}室`,
      landlordName: landlord.name,
      landlordPhone: landlord.phone,
      inspectionType: hasHazard ? 'special' : 'routine',
      inspectedAt,
      checklist: [
        hasHazard
          ? { itemCode: 'EB01', result: 'fail', note: '楼道内有电动车停放充电' }
          : { itemCode: 'EB01', result: 'pass' },
        { itemCode: 'EL01', result: 'pass' },
        { itemCode: 'GS01', result: 'na' },
        { itemCode: 'FE01', result: 'pass' },
      ] satisfies ChecklistEntry[],
      overallResult: hasHazard ? 'rectifying' : 'noHazard',
      ...(hasHazard ? { rectificationDeadline: daysAgo(now, -5, 12).slice(0, 10) } : {}),
      remarks: hasHazard ? '已告知房东限期整改，到期复查。' : '房屋整体安全状况良好。',
      status: hasHazard ? 'rectifying' : 'closed',
    },
  };
}

function dispute(envelope: EnvelopeOf, community: DemoCommunity, i: number, now: Date): DisputeRecord {
  const template = pick(DISPUTES, i);
  const registeredAt = daysAgo(now, 3 + (i % 12), 10);
  const base = envelope('dispute', registeredAt);
  return {
    ...base,
    kind: 'dispute',
    body: {
      title: template.title,
      disputeType: template.disputeType,
      summary: template.summary,
      registeredAt,
      parties: template.parties.map((party, p) => ({
        id: demoUuid(`${base.id}/party/${p}`),
        role: p === 0 ? 'applicant' : 'respondent',
        partyType: 'natural',
        name: party.name,
        phone: party.phone,
      })),
      riskLevel: template.riskLevel,
      status: template.status,
      place: community.name,
    },
  };
}
