import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * Trust: which cell created an account (who may set its password), the
 * members a cell committee invites to its own meetings, and the append-only
 * audit log. The database itself refuses to change or delete audit rows.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('home_cell_id', 'text', (c) => c.references('organisations.id'))
    .execute();
  // Accounts created by adding a new email to a cell belong to the first cell that has them.
  await sql`
    UPDATE users SET home_cell_id = (
      SELECT m.cell_id FROM memberships m WHERE m.user_id = users.id ORDER BY m.created_at LIMIT 1
    )
    WHERE is_admin = 0
  `.execute(db);

  await db.schema
    .createTable('meeting_invitees')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('invited_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_invitees_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('cell_id', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('address', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_cell').on('audit_log').columns(['cell_id', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END;
      $$ LANGUAGE plpgsql
    `.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
    `.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_log_no_${event.toLowerCase()} BEFORE ${event} ON audit_log ` +
            `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
        )
        .execute(db);
    }
  }
}
