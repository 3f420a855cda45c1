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
      INSERT INTO search_documents (meeting_id, starts_at, document)
      VALUES (
        ${meeting.meetingId},
        ${meeting.startsAt},
        setweight(to_tsvector('simple', ${folded(meeting.title)}), 'A')
          || setweight(to_tsvector('simple', ${folded(meeting.agenda)}), 'B')
          || to_tsvector('simple', ${folded(meeting.body)})
      )
      ON CONFLICT (meeting_id) DO UPDATE SET starts_at = excluded.starts_at, document = excluded.document
    `.execute(db);
  },

  async clear(db) {
    await db.deleteFrom('search_documents').execute();
  },

  async compact(db) {
    // The planner's choice between the two indexes rests on how common each term is.
    await sql`ANALYZE search_documents`.execute(db);
  },

  async match(db, { query, where, year, cellIds, limit, offset }) {
    // The year again on the documents' own column, so a walk newest first starts at the year's end.
    const years =
      year === undefined
        ? sql``
        : sql`AND s.starts_at >= ${`${String(year).padStart(4, '0')}-01-01`} AND s.starts_at < ${`${String(year + 1).padStart(4, '0')}-01-01`}`;
    // The same order either way (the start is copied into search_documents), named on the table whose
    // index the planner should walk: one cell's meetings newest first (meetings_cell_starts), else
    // every document newest first (search_documents_starts). A member's common word took 170 ms to
    // 1.5 s walking every document until twenty of their cell's turned up, and under 20 ms the
    // other way; an administrator's took 1 s as GIN matches sorted by date, and 10–30 ms walking.
    const order = cellIds?.length === 1 ? sql`m.starts_at DESC, m.id DESC` : sql`s.starts_at DESC, s.meeting_id DESC`;
    const rows = await sql<{ id: string }>`
      SELECT m.id
      FROM search_documents s
      JOIN meetings m ON m.id = s.meeting_id
      WHERE s.document @@ to_tsquery('simple', ${tsquery(query.clauses)})
        ${years}
        AND ${where}
      ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}
    `.execute(db);
    return rows.rows.map((r) => r.id);
  },

  async sizeBytes(db) {
    const row = await sql<{ bytes: string }>`SELECT pg_total_relation_size('search_documents') AS bytes`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },
};
