import type { Migration } from 'kysely';
import type { AnyDb } from '../migration-support';

/**
 * 职能部门 (departments.ts): an org of level `department` under its street, with its type; an
 * account of a department role is bound to one (users.department_id) and handles what is
 * dispatched to it. Both columns are null for everything else.
 */
export const departments: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('orgs').addColumn('department_type', 'text').execute();
    await db.schema.alterTable('users').addColumn('department_id', 'text').execute();
  },
};
