/** Roles of DOMAIN.md §0.2 that hold accounts. */
export const ROLES = [
  'fullTimeGridWorker',
  'partTimeGridWorker',
  'gridLeader',
  'microGridLeader',
  'communityPolice',
  'auxiliaryPolice',
  'lawEnforcement',
  'departmentStaff',
  'politicalLegalGridWorker',
  'mediator',
  'communityAdmin',
  'streetAdmin',
] as const;
export type Role = (typeof ROLES)[number];
