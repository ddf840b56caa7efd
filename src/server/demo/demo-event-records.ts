/**
 * Demo 上报事件: in 湖滨社区 one waiting at each role's queue — 待受理 at the community, 待处置 at
 * 综合执法 and at 派出所, 待核查 by the reporter — and one resolved on the spot; one 待受理 in every other community,
 * reported by the demo grid worker of its grid where there is one (铁桥's 李娜).
 * Each is walked through its steps with event-steps.ts by the demo account that would take them,
 * so its flow log replays on the server like a pushed one, and stamped with the server's clock.
 */
import { type EventActor, mayReport } from '../../domain/event-access';
import { type EventStep, takeEventStep } from '../../domain/event-steps';
import { DEFAULT_EVENT_TIME_LIMITS } from '../../domain/event-supervision';
import type { GridEventEvent } from '../../domain/event-workflow';
import type { GridEventBody } from '../../domain/grid-event';
import type { GridEventRecord } from '../../domain/record-envelope';
import { withServerClock } from '../push/event-push';
import { DEMO_ACCOUNT_SEEDS, type DemoAccountSeed, demoUserId } from './demo-accounts';
import type { DemoCommunity } from './demo-orgs';
import { DEMO_DEPARTMENTS } from './demo-orgs';
import { daysAgo, demoEnvelope, demoUuid } from './demo-record-parts';

const HUBIN = 'dachang-hubin';
/** Reporter of the events in grids without a demo grid worker (demo-records.ts does the same). */
const SEED_REPORTER: DemoActor = { id: 'demo-seed', role: 'fullTimeGridWorker' };

/** A demo account as it acts on an event, with the name its flow log entries carry. */
type DemoActor = EventActor & { name?: string };

function demoActor(seed: DemoAccountSeed): DemoActor {
  return {
    id: demoUserId(seed.username),
    role: seed.role,
    name: seed.name,
    ...(seed.departmentId ? { departmentId: seed.departmentId } : {}),
  };
}

function account(username: string): DemoActor {
  const seed = DEMO_ACCOUNT_SEEDS.find((candidate) => candidate.username === username);
  if (!seed) throw new Error(`no demo account ${username}`);
  return demoActor(seed);
}

/** The demo grid worker of `gridId` who reports its events, if it has one. */
function reporterOf(gridId: string): DemoActor {
  const seed = DEMO_ACCOUNT_SEEDS.find(
    (candidate) => candidate.orgId === gridId && mayReport(candidate.role),
  );
  return seed ? demoActor(seed) : SEED_REPORTER;
}

const ADMIN = account('hb-admin');
const ZHIFA = account('hb-enforce');

interface DemoEvent {
  key: string;
  title: string;
  categoryL1: GridEventBody['categoryL1'];
  categoryL2: string;
  description: string;
  address: string;
  daysAgo: number;
  steps: readonly [DemoActor, GridEventEvent][];
}

const DEADLINE_DAYS = 7;

function hubinEvents(worker: DemoActor, deadline: string): DemoEvent[] {
  const dispatched: [DemoActor, GridEventEvent][] = [
    [ADMIN, { type: 'accept' }],
    [ADMIN, { type: 'assign', departmentId: 'dachang-zhifa', deadline }],
  ];
  return [
    {
      key: 'waiting',
      title: '小区东门井盖破损',
      categoryL1: 'cityComponent',
      categoryL2: 'publicFacility',
      description: '湖滨新寓东门人行道井盖破损翘起，夜间有绊倒风险，已放置警示锥',
      address: '湖滨新寓东门',
      daysAgo: 0,
      steps: [],
    },
    {
      key: 'dispatched',
      title: '沿街商铺占道经营',
      categoryL1: 'cityEvent',
      categoryL2: 'streetOrder',
      description: '湖滨路12号至18号商铺长期在人行道摆放货架，行人需绕行机动车道',
      address: '湖滨路12号至18号',
      daysAgo: 1,
      steps: dispatched,
    },
    {
      key: 'processed',
      title: '楼道堆放杂物堵塞消防通道',
      categoryL1: 'cityEvent',
      categoryL2: 'cityscape',
      description: '湖滨新寓7栋2单元楼道堆放纸箱、旧家具，堵塞疏散通道',
      address: '湖滨新寓7栋2单元',
      daysAgo: 3,
      steps: [
        ...dispatched,
        [ZHIFA, { type: 'process' }],
        [ZHIFA, { type: 'complete', note: '已督促住户清理，现场恢复畅通' }],
      ],
    },
    {
      // What the community police see in 警务关注 (police-notices.ts), and 大厂派出所's account handles.
      key: 'atStation',
      title: '可疑人员冒充燃气公司上门推销',
      categoryL1: 'publicSecurity',
      categoryL2: 'suspiciousPerson',
      description: '两名男子自称燃气公司工作人员，在湖滨新寓3栋逐户敲门推销报警器，居民怀疑是诈骗',
      address: '湖滨新寓3栋',
      daysAgo: 1,
      steps: [
        [ADMIN, { type: 'accept' }],
        [ADMIN, { type: 'assign', departmentId: 'dachang-police', deadline }],
      ],
    },
    {
      key: 'filed',
      title: '路灯不亮',
      categoryL1: 'cityComponent',
      categoryL2: 'publicFacility',
      description: '湖滨路与江山路路口一盏路灯不亮',
      address: '湖滨路与江山路路口',
      daysAgo: 2,
      steps: [[worker, { type: 'selfResolve', note: '已电话报修，供电所当天修复' }]],
    },
  ];
}

/** The demo events of every community, each a valid, replayable, clocked record. */
export function buildDemoEvents(communities: readonly DemoCommunity[], now: Date): GridEventRecord[] {
  const deadline = daysAgo(now, -DEADLINE_DAYS, 18).slice(0, 10);
  const records: GridEventRecord[] = [];
  for (const community of communities) {
    // As the envelope: every demo event is in the community's first grid, reported by its worker.
    const reporter = reporterOf(community.gridIds[0] ?? '');
    const departmentIds = new Set(
      DEMO_DEPARTMENTS.filter((d) => d.streetId === community.streetId).map((d) => d.id),
    );
    const events: DemoEvent[] =
      community.id === HUBIN
        ? hubinEvents(reporter, deadline)
        : [
            {
              key: 'waiting',
              title: '绿化带垃圾堆积',
              categoryL1: 'cityEvent',
              categoryL2: 'cityscape',
              description: `${community.name}主干道绿化带内积存生活垃圾，气味明显`,
              address: `${community.name}主干道`,
              daysAgo: 1,
              steps: [],
            },
          ];
    for (const event of events) {
      const reportedAt = daysAgo(now, event.daysAgo, 9);
      let body: GridEventBody = {
        title: event.title,
        categoryL1: event.categoryL1,
        categoryL2: event.categoryL2,
        description: event.description,
        reportedAt,
        occurredAt: reportedAt,
        source: 'patrol',
        nature: 'individual',
        scale: 'minor',
        address: event.address,
        photoIds: [],
        handlingMode: 'reportUp',
        reportedBy: reporter.id,
        ...(reporter.name ? { reportedByName: reporter.name } : {}),
        reportedLevel: 'grid',
        handlingLevel: 'grid',
        flowLogs: [],
        status: 'reported',
      };
      event.steps.forEach(([actor, transition], i) => {
        const at = new Date(Date.parse(reportedAt) + (i + 1) * 47 * 60_000).toISOString();
        const step: EventStep = {
          event: transition,
          logId: demoUuid(`${community.id}/event/${event.key}/step/${i}`),
          at,
          byName: actor.name,
        };
        const taken = takeEventStep(body, actor, step, { now: new Date(at), departmentIds });
        if (!taken.ok)
          throw new Error(`demo event ${event.key}: ${transition.type} refused (${taken.reason})`);
        body = taken.body;
      });
      const updatedAt = body.flowLogs.at(-1)?.at ?? reportedAt;
      records.push({
        ...demoEnvelope(
          `${community.id}/event/${event.key}`,
          community.gridIds[0] ?? '',
          reportedAt,
          reporter.id,
        ),
        updatedAt,
        updatedBy: body.flowLogs.at(-1)?.by ?? reporter.id,
        kind: 'gridEvent',
        body: withServerClock(undefined, body, DEFAULT_EVENT_TIME_LIMITS),
      });
    }
  }
  return records;
}
