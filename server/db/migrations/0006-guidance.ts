import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * Guidance (ý kiến chỉ đạo): what an overseer writes on approved minutes, on
 * the whole record or on one of its sections. It is a record of its own,
 * never an edit of the minutes, so the database keeps it as written: rows
 * are added, never changed or removed.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('guidance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('cell_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('section_id', 'text')
    .addColumn('section_title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guidance_meeting').on('guidance').columns(['meeting_id', 'created_at']).execute();
  await db.schema.createIndex('guidance_cell').on('guidance').columns(['cell_id', 'created_at']).execute();

  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION guidance_as_written() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'guidance is kept as written'; END;
      $$ LANGUAGE plpgsql
    `.execute(db);
    await sql`
      CREATE TRIGGER guidance_no_change BEFORE UPDATE OR DELETE ON guidance
      FOR EACH ROW EXECUTE FUNCTION guidance_as_written()
    `.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER guidance_no_${event.toLowerCase()} BEFORE ${event} ON guidance ` +
            `BEGIN SELECT RAISE(ABORT, 'guidance is kept as written'); END`,
        )
        .execute(db);
    }
  }
}
