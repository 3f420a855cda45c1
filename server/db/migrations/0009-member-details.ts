import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * What a cell keeps about its members besides name, role and status: a
 * phone number (many members, often the oldest, have no email), the day
 * they joined the party and the day they were made full members. A member
 * may now have a phone and no email, so `users.email` becomes optional; an
 * account without an email cannot sign in, and is listed and counted like
 * any other member. Nothing stored changes: existing rows keep their email
 * and get empty new fields.
 *
 * SQLite cannot drop a NOT NULL constraint in place, so its users table is
 * made again as SQLite's documentation prescribes (the twelve steps of
 * "Making Other Kinds Of Table Schema Changes"): with foreign key checks
 * off, inside one transaction, the same rows copied under the same ids, and
 * a foreign key check before the commit, so a failure leaves the table as it
 * was.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE users ALTER COLUMN email DROP NOT NULL`.execute(db);
    await sql`ALTER TABLE users ADD COLUMN phone text`.execute(db);
  } else {
    await rebuildSqliteUsers(db);
  }
  await db.schema.createIndex('users_phone').on('users').column('phone').unique().execute();
  await db.schema.alterTable('memberships').addColumn('joined_on', 'text').execute();
  await db.schema.alterTable('memberships').addColumn('official_on', 'text').execute();
}

async function rebuildSqliteUsers(db: Kysely<unknown>): Promise<void> {
  // A no-op inside a transaction: it must come before BEGIN (Kysely runs SQLite migrations outside one).
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await sql`
        CREATE TABLE users_new (
          id text PRIMARY KEY,
          email text UNIQUE,
          name text NOT NULL,
          password_hash text,
          is_admin integer NOT NULL DEFAULT 0,
          session_version integer NOT NULL DEFAULT 1,
          created_at text NOT NULL,
          home_cell_id text REFERENCES organisations (id),
          phone text
        )
      `.execute(db);
      await sql`
        INSERT INTO users_new (id, email, name, password_hash, is_admin, session_version, created_at, home_cell_id)
        SELECT id, email, name, password_hash, is_admin, session_version, created_at, home_cell_id FROM users
      `.execute(db);
      await sql`DROP TABLE users`.execute(db);
      await sql`ALTER TABLE users_new RENAME TO users`.execute(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`foreign key check failed: ${JSON.stringify(broken.rows[0])}`);
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
