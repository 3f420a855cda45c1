import type { Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * Mail: one row per message the product sent or tried to send (a meeting
 * notice, a password link), with its state. Without an SMTP server, in
 * development or with MAIL_OUTBOX=on, this table is the outbox: the message
 * is kept whole and read at /outbox instead of being sent. Through SMTP only
 * the envelope is kept (recipient, subject, state, error): a password link
 * must not be readable from the database once it has left.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text')
    .addColumn('cell_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('sent_by', 'text', (c) => c.references('users.id'))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('mail_messages_created').on('mail_messages').columns(['created_at']).execute();
}
