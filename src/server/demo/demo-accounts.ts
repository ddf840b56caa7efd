import type { Role } from '../../domain/roles';

export const DEMO_PASSWORD = 'demo123456';

/** Chinese labels of the roles (DOMAIN.md §0.2), for the start-up banner. */
export const ROLE_LABELS: Record<Role, string> = {
  fullTimeGridWorker: '专职网格员',
  partTimeGridWorker: '兼职网格员',
  gridLeader: '网格长',
  microGridLeader: '微网格长',
  communityPolice: '社区民警',
  auxiliaryPolice: '辅警',
  lawEnforcement: '综合执法队员',
  departmentStaff: '职能部门人员',
  politicalLegalGridWorker: '政法网格员',
  mediator: '人民调解员',
  communityAdmin: '社区管理员',
  streetAdmin: '街道管理员',
};

export interface DemoAccountSeed {
  username: string;
  name: string;
  role: Role;
  /** The one org node the account is assigned: a grid, community or street id. */
  orgId: string;
  /** The department a department account is bound to (demo-orgs.ts DEMO_DEPARTMENTS); its street is `orgId`. */
  departmentId?: string;
}

/**
 * One account per role in 湖滨社区 (大厂街道), and two in 铁桥社区 (泰山街道) to show scopes apart. The
 * department accounts (综合执法, 派出所, 城管, 消防, 物业) see their street's grids, and of them only the
 * events dispatched to their department.
 */
export const DEMO_ACCOUNT_SEEDS: readonly DemoAccountSeed[] = [
  { username: 'hb-grid01', name: '王丽', role: 'fullTimeGridWorker', orgId: 'dachang-hubin-01' },
  { username: 'hb-grid02', name: '孙建华', role: 'partTimeGridWorker', orgId: 'dachang-hubin-02' },
  { username: 'hb-leader', name: '陈志强', role: 'gridLeader', orgId: 'dachang-hubin' },
  { username: 'hb-police', name: '刘海涛', role: 'communityPolice', orgId: 'dachang-hubin' },
  { username: 'hb-aux', name: '赵磊', role: 'auxiliaryPolice', orgId: 'dachang-hubin' },
  { username: 'hb-mediator', name: '周桂芳', role: 'mediator', orgId: 'dachang-hubin' },
  {
    username: 'hb-enforce',
    name: '吴斌',
    role: 'lawEnforcement',
    orgId: 'dachang',
    departmentId: 'dachang-zhifa',
  },
  {
    username: 'dc-police',
    name: '钱立新',
    role: 'departmentStaff',
    orgId: 'dachang',
    departmentId: 'dachang-police',
  },
  {
    username: 'dc-chengguan',
    name: '冯晓东',
    role: 'departmentStaff',
    orgId: 'dachang',
    departmentId: 'dachang-chengguan',
  },
  {
    username: 'dc-fire',
    name: '褚国平',
    role: 'departmentStaff',
    orgId: 'dachang',
    departmentId: 'dachang-fire',
  },
  {
    username: 'hb-wuye',
    name: '卫红梅',
    role: 'departmentStaff',
    orgId: 'dachang',
    departmentId: 'dachang-hubin-wuye',
  },
  { username: 'hb-admin', name: '郑敏', role: 'communityAdmin', orgId: 'dachang-hubin' },
  { username: 'dc-admin', name: '黄振宇', role: 'streetAdmin', orgId: 'dachang' },
  { username: 'tq-grid01', name: '李娜', role: 'fullTimeGridWorker', orgId: 'taishan-tieqiao-01' },
  { username: 'tq-police', name: '马骏', role: 'communityPolice', orgId: 'taishan-tieqiao' },
];

/** Stable user id of a demo account. */
export function demoUserId(username: string): string {
  return `demo-${username}`;
}
