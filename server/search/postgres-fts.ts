import { sql } from 'kysely';
import { searchTerms } from '../../lib/text-search';
import type { SearchEngine } from './index';

/**
 * tsquery syntax: the terms of a phrase joined by `<->` (next to each
 * other, in order), clauses by `&`. Terms are letters and digits only, so
 * quoting them is enough.
 */
function tsquery(clauses: string[][]): string {
  return clauses.map((clause) => `(${clause.map((term) => `'${term}'`).join(' <-> ')})`).join(' & ');
}

/**
 * The folded terms separated by spaces: the 'simple' parser then finds
 * exactly the terms the query side finds (fed raw text it would keep
 * "2026-12-05" or "a.b@c.vn" whole, as the query side does not).
 */
const folded = (text: string) => searchTerms(text).join(' ');

export const postgresFts: SearchEngine = {
  async put(db, meeting) {
    // Weights mark the fields (title, agenda, minutes) for a later ranking; matching ignores them.
    await sql`
      INSERT INTO search_documents (meeting_id, document)
      VALUES (
        ${meeting.meetingId},
        setweight(to_tsvector('simple', ${folded(meeting.title)}), 'A')
          || setweight(to_tsvector('simple', ${folded(meeting.agenda)}), 'B')
          || to_tsvector('simple', ${folded(meeting.body)})
      )
      ON CONFLICT (meeting_id) DO UPDATE SET document = excluded.document
    `.execute(db);
  },

  async clear(db) {
    await db.deleteFrom('search_documents').execute();
  },

  async match(db, { query, where, limit, offset }) {
    const rows = await sql<{ id: string }>`
      SELECT m.id
      FROM search_documents s
      JOIN meetings m ON m.id = s.meeting_id
      WHERE s.document @@ to_tsquery('simple', ${tsquery(query.clauses)})
        AND ${where}
      ORDER BY m.starts_at DESC, m.id DESC
      LIMIT ${limit} OFFSET ${offset}
    `.execute(db);
    return rows.rows.map((r) => r.id);
  },

  async sizeBytes(db) {
    const row = await sql<{ bytes: string }>`SELECT pg_total_relation_size('search_documents') AS bytes`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },
};
