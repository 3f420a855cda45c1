import type { Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * The account's choice of larger text and higher contrast (the header's
 * "Chữ lớn" switch), so it follows the person to every phone they sign in
 * on. Off for every existing account. The same statement on both engines.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('large_text', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
