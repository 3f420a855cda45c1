import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection';

/**
 * Full-text search. The projection now also keeps the agenda's plain text
 * beside the minutes'. The index holds folded text only (no diacritics, "đ"
 * as "d", lower case: lib/text-search.ts), so the original is read from
 * meeting_text for snippets.
 *
 * SQLite: a contentless FTS5 table (the text is not stored twice) whose
 * rowid comes from search_docs, one per meeting. The rowid orders meetings
 * by their start (server/search/sqlite-fts.ts), so "newest first" is the
 * index's own order and a query stops after one page of results.
 * PostgreSQL: a tsvector per meeting (the 'simple' configuration: no
 * stemming, the terms are folded already) with a GIN index.
 *
 * The index starts empty: `npm run cli -- reindex` fills it from meeting_text
 * (meetings not yet approved also fill it at their next projection).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('meeting_text')
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  if (dialect === 'postgres') {
    await db.schema
      .createTable('search_documents')
      .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX search_documents_document ON search_documents USING gin (document)`.execute(db);
    return;
  }
  await db.schema
    .createTable('search_docs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().unique().references('meetings.id'))
    .execute();
  // The text is folded before it gets here; unicode61 only splits it at spaces.
  await sql`
    CREATE VIRTUAL TABLE search_fts USING fts5(
      title, agenda, body,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    )
  `.execute(db);
}
