/**
 * Sample records for the demo: two of each kind in every community, so a newcomer sees a living
 * app — a hazard waiting for its recheck, a case in mediation, an agreement being performed. Ids
 * are derived from names, so they are the same on every machine.
 */
import type { DisputeBody } from '../../domain/dispute';
import { startOfLocalWeek } from '../../domain/due-dates';
import type { PatrolBody } from '../../domain/patrol';
import { NO_ANTI_FRAUD, NO_FINDINGS } from '../../domain/patrol';
import type { DisputeRecord, GridRecord, PatrolRecord } from '../../domain/record-envelope';
import { DEMO_ACCOUNT_SEEDS, demoUserId } from './demo-accounts';
import { buildDemoEvents } from './demo-event-records';
import type { DemoCommunity } from './demo-orgs';
import { daysAgo, demoEnvelope, demoUuid, type EnvelopeOf, pick, round6 } from './demo-record-parts';
import { rentalHouse, rentalInspection } from './demo-rental-records';

const MEDIATOR = DEMO_ACCOUNT_SEEDS.find((account) => account.role === 'mediator') ?? {
  username: 'hb-mediator',
  name: '周桂芳',
  orgId: 'dachang-hubin',
};
/** Author of records in grids without a demo grid worker. */
const SEED_AUTHOR = 'demo-seed';

type PatrolTemplate = Pick<
  PatrolBody,
  'patrolTypes' | 'householdsVisited' | 'content' | 'selfResolvedCount' | 'reportedCount'
> & { findings: Partial<PatrolBody['findings']> };
type DisputeTemplate = Pick<DisputeBody, 'title' | 'disputeType' | 'summary' | 'riskLevel' | 'status'> & {
  parties: { name: string; phone: string }[];
};

const PATROLS: readonly [PatrolTemplate, ...PatrolTemplate[]] = [
  {
    patrolTypes: ['keyPlacePatrol', 'riskScreening'],
    householdsVisited: 0,
    content: '巡查辖区沿街商铺及小区消防通道，发现3辆电动车停放在楼道内充电，已现场劝导车主挪至集中充电棚。',
    findings: { fireHazards: 3 },
    selfResolvedCount: 3,
    reportedCount: 0,
  },
  {
    patrolTypes: ['antiFraud', 'policyPublicity'],
    householdsVisited: 14,
    content: '入户开展反诈宣传，发放宣传册20份，指导9户老年居民安装国家反诈中心APP并开启预警。',
    findings: {},
    selfResolvedCount: 0,
    reportedCount: 0,
  },
  {
    patrolTypes: ['livelihood', 'keyPersonVisit'],
    householdsVisited: 5,
    content: '走访独居老人5户，了解冬季取暖和用电情况，1户反映楼道灯损坏，已报物业维修。',
    findings: { appeals: 1 },
    selfResolvedCount: 0,
    reportedCount: 1,
  },
  {
    patrolTypes: ['environment'],
    householdsVisited: 0,
    content:
      '巡查小区垃圾分类投放点，厨余垃圾桶满溢1处，已联系保洁清运；发现绿化带内堆放建筑垃圾，已拍照上报。',
    findings: { environment: 2 },
    selfResolvedCount: 1,
    reportedCount: 1,
  },
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
      const envelope: EnvelopeOf = (kind, at) =>
        demoEnvelope(`${community.id}/${kind}/${k}`, gridId, at, author);
      const box = community.gridBoxes[gridId];
      const house = located(rentalHouse(envelope, community, c + k, now), box, [0.72, 0.3]);
      records.push(located(patrol(envelope, community, c + k, now, k === 0), box, [0.3, 0.55]));
      records.push(house);
      records.push(located(rentalInspection(envelope, house, c + k, now), box, [0.82, 0.2]));
      records.push(located(dispute(envelope, community, c + k, now), box, [0.6, 0.78]));
    }
  });
  for (const event of buildDemoEvents(communities, now)) {
    records.push(
      located(
        event,
        communities.find((c) => c.gridIds.includes(event.gridId))?.gridBoxes[event.gridId],
        [0.45, 0.4],
      ),
    );
  }
  return records;
}

function patrol(
  envelope: EnvelopeOf,
  community: DemoCommunity,
  i: number,
  now: Date,
  withTrack: boolean,
): PatrolRecord {
  const template = pick(PATROLS, i);
  // The walked patrol is this morning's (its track and coverage show on this week's map); the
  // others are spread over the past week.
  const HOUR_MS = 60 * 60 * 1000;
  // Never before Monday 00:00: early on a Monday, "this morning" is still this week.
  const walkedFrom = Math.min(
    Math.max(now.getTime() - 3 * HOUR_MS, startOfLocalWeek(now).getTime() + 60_000),
    now.getTime() - 60_000,
  );
  const startedAt = withTrack ? new Date(walkedFrom).toISOString() : daysAgo(now, 1 + (i % 6), 9);
  const endedAt = withTrack
    ? new Date(Math.min(walkedFrom + HOUR_MS, now.getTime())).toISOString()
    : daysAgo(now, 1 + (i % 6), 11);
  return {
    ...envelope('patrol', endedAt),
    kind: 'patrol',
    body: {
      patrolTypes: [...template.patrolTypes],
      startedAt,
      endedAt,
      householdsVisited: template.householdsVisited,
      findings: { ...NO_FINDINGS, ...template.findings },
      selfResolvedCount: template.selfResolvedCount,
      reportedCount: template.reportedCount,
      content: `${community.name}：${template.content}`,
      // The first patrol of each community walked the western half of its grid (a map to look at).
      ...(withTrack
        ? { track: demoTrack(envelope('patrol-track', startedAt).id, community, startedAt) }
        : {}),
      ...(template.patrolTypes.includes('antiFraud')
        ? {
            antiFraud: {
              ...NO_ANTI_FRAUD,
              householdsReached: 14,
              peopleReached: 23,
              materials: 20,
              appInstalled: 9,
              alertsEnabled: 9,
            },
          }
        : {}),
      status: 'submitted',
    },
  };
}

function dispute(envelope: EnvelopeOf, community: DemoCommunity, i: number, now: Date): DisputeRecord {
  const template = pick(DISPUTES, i);
  const registeredAt = daysAgo(now, 3 + (i % 12), 10);
  const mediatedAt = daysAgo(now, 2 + (i % 12), 15);
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
      source: 'gridReport',
      nature: 'individual',
      involvedCount: template.parties.length,
      riskLevel: template.riskLevel,
      consentToMediate: true,
      rightsNotifiedAt: registeredAt,
      handlingLevel: 'grid',
      mediationOrg: `${community.name}人民调解委员会`,
      // In 湖滨社区 the demo mediator account mediates the cases (what hb-mediator sees).
      mediators: [
        community.id === MEDIATOR.orgId
          ? {
              id: demoUuid(`${base.id}/mediator/0`),
              userId: demoUserId(MEDIATOR.username),
              name: MEDIATOR.name,
            }
          : { id: demoUuid(`${base.id}/mediator/0`), name: '何建华' },
      ],
      sessions: [
        {
          id: demoUuid(`${base.id}/session/0`),
          at: mediatedAt,
          place: `${community.name}调解室`,
          mediators: community.id === MEDIATOR.orgId ? MEDIATOR.name : '何建华',
          statements: '双方陈述各自诉求，调解员释明相关法律规定。',
          outcome: template.status === 'success' ? 'agreed' : 'continued',
        },
      ],
      ...(template.status === 'success'
        ? {
            agreementType: 'written' as const,
            agreement: {
              terms: '房东于协议签订之日起七日内退还押金2000元，双方再无其他争议。',
              amountYuan: 2000,
              performanceMethod: '微信转账',
              performanceDeadline: daysAgo(now, -(i % 3) + 1, 12).slice(0, 10),
              effectiveAt: mediatedAt.slice(0, 10),
            },
            performanceStatus: 'performing' as const,
          }
        : {}),
      followUps: [],
      flowLogs: [],
      status: template.status === 'success' ? 'performing' : template.status,
      place: community.name,
    },
  };
}

/**
 * A walk up and down the western half of the community's first grid, about 8 m between fixes,
 * with one gap (a stairwell with no signal) — two segments, never joined.
 */
function demoTrack(id: string, community: DemoCommunity, startedAt: string): PatrolBody['track'] {
  const box = community.gridBoxes[community.gridIds[0] ?? ''];
  if (!box) return [];
  const [west, south, east, north] = box;
  const start = Date.parse(startedAt);
  const points: [number, number, number, number][] = [];
  const lanes = 5;
  for (let lane = 0; lane < lanes; lane++) {
    const lng = west + ((east - west) / 2) * ((lane + 0.5) / lanes);
    for (let step = 0; step <= 60; step++) {
      const t = step / 60;
      const lat = lane % 2 === 0 ? south + (north - south) * t : north - (north - south) * t;
      points.push([round6(lng), round6(lat), start + points.length * 6_000, 8]);
    }
  }
  const half = Math.floor(points.length / 2);
  return [
    { id: demoUuid(`${id}/segment/0`), points: points.slice(0, half) },
    { id: demoUuid(`${id}/segment/1`), points: points.slice(half + 10) },
  ];
}

/** The record placed at `[fx, fy]` of its grid's box (west→east, south→north), so the map has markers. */
function located<R extends GridRecord>(
  record: R,
  box: [number, number, number, number] | undefined,
  [fx, fy]: [number, number],
): R {
  if (!box) return record;
  const [west, south, east, north] = box;
  const lngLat: [number, number] = [round6(west + (east - west) * fx), round6(south + (north - south) * fy)];
  return {
    ...record,
    body: { ...record.body, location: { lngLat, accuracyM: 10, capturedAt: record.createdAt } },
  };
}
