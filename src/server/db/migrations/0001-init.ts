import type { Migration } from 'kysely';
import { type AnyDb, CHANGE_COUNTER } from '../migration-support';

export const init: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('parent_id', 'text', (col) => col.references('orgs.id'))
      .addColumn('level', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('geometry', 'text')
      .execute();
    await db.schema.createIndex('orgs_parent_id').on('orgs').column('parent_id').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('username', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('demo', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('user_assignments')
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('org_id', 'text', (col) => col.notNull().references('orgs.id'))
      .addPrimaryKeyConstraint('user_assignments_pk', ['user_id', 'org_id'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('clients')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('acked_seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('records')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('grid_id', 'text', (col) => col.notNull())
      .addColumn('rev', 'integer', (col) => col.notNull())
      .addColumn('change_seq', 'bigint', (col) => col.notNull())
      .addColumn('deleted', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .addColumn('schema_version', 'integer', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('records_change_seq').on('records').column('change_seq').execute();
    await db.schema
      .createIndex('records_grid_change_seq')
      .on('records')
      .columns(['grid_id', 'change_seq'])
      .execute();

    await db.schema
      .createTable('mutations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('client_id', 'text', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('record_id', 'text', (col) => col.notNull())
      .addColumn('result', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('value', 'bigint', (col) => col.notNull())
      .execute();
    await db.insertInto('counters').values({ name: CHANGE_COUNTER, value: 0 }).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('client_id', 'text')
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('record_id', 'text')
      .addColumn('kind', 'text')
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('offline', 'integer')
      .execute();
    await db.schema.createIndex('audit_log_record_id').on('audit_log').column('record_id').execute();
  },
};
