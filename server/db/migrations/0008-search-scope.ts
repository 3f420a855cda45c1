import { sql, type Kysely } from 'kysely';
import { searchTerms } from '../../../lib/text-search';
import { cellToken } from '../../search/sqlite-fts';
import type { Dialect } from '../connection';

/** Meetings read and written again per batch while SQLite's index is refilled. */
const BATCH = 500;

/**
 * Search answers newest first without visiting every match of a common word.
 *
 * PostgreSQL: search_documents keeps the meeting's start beside its
 * tsvector, with a B-tree index, so the planner may walk the newest
 * documents first and test each against the query instead of taking every
 * match from the GIN index and sorting them by date.
 *
 * SQLite: search_fts gains a `cell` column holding a term for the meeting's
 * cell, so a search over a few cells asks the index for their meetings only.
 * FTS5 tables take no new column, so the table is made again and refilled
 * from the stored text under the rowids search_docs already gives (meetings
 * the index did not hold stay out of it, as before), then merged into one
 * segment as a rebuild leaves it.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE search_documents ADD COLUMN starts_at text`.execute(db);
    await sql`
      UPDATE search_documents s SET starts_at = m.starts_at FROM meetings m WHERE m.id = s.meeting_id
    `.execute(db);
    await sql`ALTER TABLE search_documents ALTER COLUMN starts_at SET NOT NULL`.execute(db);
    await sql`CREATE INDEX search_documents_starts ON search_documents (starts_at, meeting_id)`.execute(db);
    return;
  }
  await sql`DROP TABLE search_fts`.execute(db);
  // The text is folded before it gets here; unicode61 only splits it at spaces.
  await sql`
    CREATE VIRTUAL TABLE search_fts USING fts5(
      title, agenda, body, cell,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    )
  `.execute(db);
  const folded = (text: string) => searchTerms(text).join(' ');
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const batch = await sql<{ id: number; title: string; cell_id: string; agenda: string; body: string }>`
      SELECT d.id, m.title, m.cell_id, t.agenda, t.body
      FROM search_docs d
      JOIN meetings m ON m.id = d.meeting_id
      JOIN meeting_text t ON t.meeting_id = d.meeting_id
      WHERE d.id > ${after}
      ORDER BY d.id
      LIMIT ${BATCH}
    `.execute(db);
    for (const row of batch.rows) {
      await sql`
        INSERT INTO search_fts (rowid, title, agenda, body, cell)
        VALUES (${row.id}, ${folded(row.title)}, ${folded(row.agenda)}, ${folded(row.body)}, ${cellToken(row.cell_id)})
      `.execute(db);
    }
    if (batch.rows.length < BATCH) break;
    after = batch.rows[batch.rows.length - 1]!.id;
  }
  await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
}
