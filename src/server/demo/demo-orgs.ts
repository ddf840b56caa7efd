/**
 * The demo org tree: Jiangbei New Area (江北新区, Nanjing), its 7 streets, 2–3 communities each and
 * 2–3 grids per community. Centres are near the real places; grids are small rectangles side by side.
 */
import type { Department } from '../../domain/departments';
import type { OrgsTable } from '../db/schema';

export const DEMO_DISTRICT_ID = 'jiangbei';

interface CommunitySeed {
  key: string;
  name: string;
  /** Centre of the community, `lngLat`. */
  lngLat: readonly [number, number];
  grids: number;
}

interface StreetSeed {
  key: string;
  name: string;
  communities: readonly CommunitySeed[];
}

const STREETS: readonly StreetSeed[] = [
  {
    key: 'taishan',
    name: '泰山街道',
    communities: [
      { key: 'tieqiao', name: '铁桥社区', lngLat: [118.716, 32.139], grids: 3 },
      { key: 'yongxin', name: '永新社区', lngLat: [118.704, 32.151], grids: 2 },
      { key: 'liuzhou', name: '柳洲社区', lngLat: [118.727, 32.128], grids: 2 },
    ],
  },
  {
    key: 'dingshan',
    name: '顶山街道',
    communities: [
      { key: 'jiqing', name: '吉庆社区', lngLat: [118.664, 32.106], grids: 3 },
      { key: 'nanmen', name: '南门社区', lngLat: [118.651, 32.096], grids: 2 },
    ],
  },
  {
    key: 'yanjiang',
    name: '沿江街道',
    communities: [
      { key: 'gaoxin', name: '高新社区', lngLat: [118.734, 32.176], grids: 2 },
      { key: 'gongnong', name: '工农社区', lngLat: [118.746, 32.164], grids: 3 },
    ],
  },
  {
    key: 'dachang',
    name: '大厂街道',
    communities: [
      { key: 'hubin', name: '湖滨社区', lngLat: [118.774, 32.216], grids: 3 },
      { key: 'xinhua', name: '新华社区', lngLat: [118.759, 32.226], grids: 2 },
      { key: 'fenghuangshan', name: '凤凰山社区', lngLat: [118.791, 32.205], grids: 2 },
    ],
  },
  {
    key: 'getang',
    name: '葛塘街道',
    communities: [
      { key: 'gezhong', name: '葛中社区', lngLat: [118.694, 32.256], grids: 2 },
      { key: 'changcheng', name: '长城社区', lngLat: [118.711, 32.266], grids: 3 },
    ],
  },
  {
    key: 'changlu',
    name: '长芦街道',
    communities: [
      { key: 'yudai', name: '玉带社区', lngLat: [118.856, 32.286], grids: 2 },
      { key: 'changlu', name: '长芦社区', lngLat: [118.841, 32.271], grids: 2 },
    ],
  },
  {
    key: 'pancheng',
    name: '盘城街道',
    communities: [
      { key: 'pancheng', name: '盘城社区', lngLat: [118.664, 32.206], grids: 2 },
      { key: 'yongfeng', name: '永丰社区', lngLat: [118.681, 32.216], grids: 3 },
    ],
  },
];

const GRID_ORDINALS = ['第一网格', '第二网格', '第三网格', '第四网格'] as const;
const GRID_WIDTH_DEG = 0.006;
const GRID_HEIGHT_DEG = 0.005;

export interface DemoCommunity {
  id: string;
  name: string;
  streetId: string;
  streetName: string;
  gridIds: string[];
  /** `[west, south, east, north]` of each grid, by id: where demo patrols walk. */
  gridBoxes: Record<string, [number, number, number, number]>;
}

/** 职能部门 of the demo streets (departments.ts): the units events are dispatched to (交办). */
export const DEMO_DEPARTMENTS: readonly Department[] = [
  { id: 'dachang-zhifa', name: '大厂综合执法中队', type: 'lawEnforcement', streetId: 'dachang' },
  { id: 'dachang-police', name: '大厂派出所', type: 'police', streetId: 'dachang' },
  { id: 'dachang-chengguan', name: '大厂城管中队', type: 'cityManagement', streetId: 'dachang' },
  { id: 'dachang-fire', name: '大厂消防救援站', type: 'fireRescue', streetId: 'dachang' },
  { id: 'dachang-hubin-wuye', name: '湖滨物业服务中心', type: 'property', streetId: 'dachang' },
  { id: 'taishan-zhifa', name: '泰山综合执法中队', type: 'lawEnforcement', streetId: 'taishan' },
  { id: 'taishan-police', name: '泰山派出所', type: 'police', streetId: 'taishan' },
];

/** Street, community and grid id: `dachang`, `dachang-hubin`, `dachang-hubin-01`. */
export function demoGridId(street: string, community: string, ordinal: number): string {
  return `${street}-${community}-${String(ordinal).padStart(2, '0')}`;
}

/** The org rows (district first, then parents before children) and the communities with their grids. */
export function buildDemoOrgs(): { orgs: OrgsTable[]; communities: DemoCommunity[] } {
  const orgs: OrgsTable[] = [
    { id: DEMO_DISTRICT_ID, parent_id: null, level: 'district', name: '江北新区', geometry: null },
  ];
  const communities: DemoCommunity[] = [];
  for (const street of STREETS) {
    orgs.push({
      id: street.key,
      parent_id: DEMO_DISTRICT_ID,
      level: 'street',
      name: street.name,
      geometry: null,
    });
    for (const community of street.communities) {
      const communityId = `${street.key}-${community.key}`;
      orgs.push({
        id: communityId,
        parent_id: street.key,
        level: 'community',
        name: community.name,
        geometry: null,
      });
      const gridIds: string[] = [];
      const gridBoxes: DemoCommunity['gridBoxes'] = {};
      for (let i = 0; i < community.grids; i++) {
        const id = demoGridId(street.key, community.key, i + 1);
        gridIds.push(id);
        const ring = gridPolygon(community.lngLat, i, community.grids).coordinates[0] ?? [];
        const [[west = 0, south = 0] = [], , [east = 0, north = 0] = []] = ring;
        gridBoxes[id] = [west, south, east, north];
        orgs.push({
          id,
          parent_id: communityId,
          level: 'grid',
          name: GRID_ORDINALS[i] ?? `第${i + 1}网格`,
          geometry: JSON.stringify(gridPolygon(community.lngLat, i, community.grids)),
        });
      }
      communities.push({
        id: communityId,
        name: community.name,
        streetId: street.key,
        streetName: street.name,
        gridIds,
        gridBoxes,
      });
    }
  }
  for (const department of DEMO_DEPARTMENTS) {
    orgs.push({
      id: department.id,
      parent_id: department.streetId,
      level: 'department',
      name: department.name,
      geometry: null,
      department_type: department.type,
    });
  }
  return { orgs, communities };
}

/** The i-th of `count` rectangles in a row centred on the community; ring counter-clockwise (RFC 7946). */
function gridPolygon(center: readonly [number, number], i: number, count: number) {
  const west = round(center[0] + (i - count / 2) * GRID_WIDTH_DEG);
  const east = round(west + GRID_WIDTH_DEG);
  const south = round(center[1] - GRID_HEIGHT_DEG / 2);
  const north = round(south + GRID_HEIGHT_DEG);
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}
