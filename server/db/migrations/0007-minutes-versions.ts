import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * Named versions of the minutes: besides the sealed "approved" one, the
 * minutes as they stood when the meeting started and ended, and versions a
 * minutes-taker saves by hand under a label. Each is a record of what the
 * minutes said at that moment, so the database keeps it as written: rows are
 * added, never changed or removed.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('minutes_versions').addColumn('label', 'text').execute();
  await db.schema
    .createIndex('minutes_versions_meeting_time')
    .on('minutes_versions')
    .columns(['meeting_id', 'created_at'])
    .execute();

  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION minutes_version_as_written() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'minutes versions are kept as written'; END;
      $$ LANGUAGE plpgsql
    `.execute(db);
    await sql`
      CREATE TRIGGER minutes_versions_no_change BEFORE UPDATE OR DELETE ON minutes_versions
      FOR EACH ROW EXECUTE FUNCTION minutes_version_as_written()
    `.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER minutes_versions_no_${event.toLowerCase()} BEFORE ${event} ON minutes_versions ` +
            `BEGIN SELECT RAISE(ABORT, 'minutes versions are kept as written'); END`,
        )
        .execute(db);
    }
  }
}
