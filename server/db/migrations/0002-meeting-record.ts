import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * The meeting as a structured record: session facts on the meeting, the
 * projected rows (attendance, votes, opinions, tasks, plain text), sealed
 * versions, acknowledgments, amendments, attachments, reads, overseers and
 * per-cell rules.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const binary = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  for (const column of [
    'started_at',
    'ended_at',
    'chair_id',
    'secretary_id',
    'approved_at',
    'content_hash',
    'draft_resolution_ready_at',
    'notified_at',
    'topic',
    'presenter_id',
  ]) {
    await db.schema.alterTable('meetings').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('meetings')
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('normal'))
    .execute();

  await db.schema
    .createTable('cell_settings')
    .addColumn('cell_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('vote_base', 'text', (c) => c.notNull())
    .addColumn('vote_threshold', 'text', (c) => c.notNull())
    .addColumn('absence_streak', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('oversights')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('cell_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oversights_pk', ['user_id', 'cell_id'])
    .execute();

  await db.schema
    .createTable('attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('count_for', 'integer')
    .addColumn('count_against', 'integer')
    .addColumn('count_other', 'integer')
    .addColumn('other_opinions', 'text')
    .addColumn('present', 'integer')
    .addColumn('base', 'integer')
    .addColumn('percent_tenths', 'integer')
    .addColumn('passed', 'integer')
    .addColumn('rule_base', 'text')
    .addColumn('rule_threshold', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('votes_meeting').on('votes').column('meeting_id').execute();

  await db.schema
    .createTable('opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('speaker_id', 'text')
    .addColumn('speaker_name', 'text', (c) => c.notNull())
    .addColumn('section_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinions_meeting').on('opinions').column('meeting_id').execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('cell_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('tasks_cell_status').on('tasks').columns(['cell_id', 'status']).execute();
  await db.schema.createIndex('tasks_meeting').on('tasks').column('meeting_id').execute();
  await db.schema
    .createTable('task_assignees')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('task_assignees_pk', ['task_id', 'user_id'])
    .execute();
  await db.schema.createIndex('task_assignees_user').on('task_assignees').column('user_id').execute();

  await db.schema
    .createTable('meeting_text')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('minutes_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('state', binary, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_versions_meeting').on('minutes_versions').column('meeting_id').execute();

  await db.schema
    .createTable('acknowledgments')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('acknowledgments_pk', ['meeting_id', 'role'])
    .execute();

  await db.schema
    .createTable('amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('amendments_meeting').on('amendments').column('meeting_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', binary, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_meeting').on('attachments').column('meeting_id').execute();

  await db.schema
    .createTable('meeting_views')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_views_pk', ['meeting_id', 'user_id'])
    .execute();
}
