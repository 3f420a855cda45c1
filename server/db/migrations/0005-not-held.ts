import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * Meetings that did not take place keep their row with the reason, and the
 * database refuses to delete a meeting whose record is settled (approved
 * minutes, or a meeting recorded as not held): an archive a committee can
 * rely on does not lose months.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const column of ['not_held_reason', 'not_held_note', 'not_held_at', 'not_held_by']) {
    await db.schema
      .alterTable('meetings')
      .addColumn(column, 'text', (c) => (column === 'not_held_by' ? c.references('users.id') : c))
      .execute();
  }

  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION meetings_keep_settled() RETURNS trigger AS $$
      BEGIN
        IF OLD.state IN ('approved', 'not_held') THEN
          RAISE EXCEPTION 'a settled meeting is never deleted';
        END IF;
        RETURN OLD;
      END;
      $$ LANGUAGE plpgsql
    `.execute(db);
    await sql`
      CREATE TRIGGER meetings_no_delete_settled BEFORE DELETE ON meetings
      FOR EACH ROW EXECUTE FUNCTION meetings_keep_settled()
    `.execute(db);
  } else {
    await sql`
      CREATE TRIGGER meetings_no_delete_settled BEFORE DELETE ON meetings
      WHEN OLD.state IN ('approved', 'not_held')
      BEGIN SELECT RAISE(ABORT, 'a settled meeting is never deleted'); END
    `.execute(db);
  }
}
