/** 出租房屋 (一户一档): the house, its landlord and tenants. A register, with no deadline of its own. */
import type { KindDefinition } from './kind-definition';

export const rentalHouseKind = {
  kind: 'rentalHouse',
  bornAt: 2,
  hasDeadlines: false,
  personalFields: {
    address: 'address',
    landlordName: 'name',
    landlordIdNo: 'idNo',
    landlordPhone: 'phone',
    managerName: 'name',
    managerPhone: 'phone',
    'tenants.*.name': 'name',
    'tenants.*.idNo': 'idNo',
    'tenants.*.phone': 'phone',
    'tenants.*.householdRegistration': 'address',
    'tenants.*.workplace': 'freeText',
    'tenants.*.relationToPrimaryTenant': 'trait',
    remarks: 'freeText',
    location: 'location',
  },
  serverOwned: [],
  merge: { childLists: { tenants: true }, sets: ['photoIds'] },
  accessFacts: () => ({}),
  searchText: (body) => [
    body.address,
    body.landlordName,
    body.managerName ?? '',
    ...body.tenants.map((tenant) => tenant.name),
  ],
  searchLabels: () => [],
  overdue: () => false,
  attention: () => 'none',
  todayTasks: () => [],
} as const satisfies KindDefinition<'rentalHouse'>;
