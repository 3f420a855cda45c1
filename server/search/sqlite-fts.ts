import { sql } from 'kysely';
import { searchTerms } from '../../lib/text-search';
import type { Db } from '../db/connection';
import type { SearchEngine } from './index';

/**
 * Row ids per minute of start time. A meeting's rowid is its start in
 * minutes since 1970 times this, plus a free slot: FTS5 walks a term's
 * matches in rowid order, so `ORDER BY rowid DESC LIMIT n` returns the
 * newest meetings and stops, however many meetings match a common word.
 * (Ordering by meetings.starts_at instead sorted every match: a word found in
 * every meeting of a 100,000-meeting archive cost a scan of all of them.)
 */
const SLOTS_PER_MINUTE = 65_536;

function startMinute(startsAt: string): number {
  const ms = Date.parse(`${startsAt.slice(0, 16)}Z`);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 60_000);
}

/** The rowid range of meetings that start in a year. */
function yearRange(year: number): [number, number] {
  const from = startMinute(`${String(year).padStart(4, '0')}-01-01T00:00`);
  const to = startMinute(`${String(year + 1).padStart(4, '0')}-01-01T00:00`);
  return [from * SLOTS_PER_MINUTE, to * SLOTS_PER_MINUTE - 1];
}

/** FTS5 query syntax: every clause a quoted phrase (terms are letters and digits only), all required. */
function matchExpression(clauses: string[][]): string {
  return clauses.map((clause) => `"${clause.join(' ')}"`).join(' AND ');
}

const folded = (text: string) => searchTerms(text).join(' ');

/**
 * At most this many readable meetings (after the filters), and a query asks
 * the index about each of them rather than walking the index's matches
 * newest first. Walking stops after one page of results, which is fast while
 * results are plentiful (a common word in one of 200 cells: 20–30 ms over
 * 100,000 meetings); but when the filters leave a handful of meetings (a
 * member's meetings in progress) it walked every match of a common word, 490
 * ms. A lookup costs 0.3–1.6 ms a meeting (a whole cell's 500 meetings took
 * 150–820 ms that way), so it pays only for a few.
 */
const SMALL_SCOPE = 20;

/**
 * The SQLite engine; `smallScope` is where it switches from walking the
 * index to looking meetings up (a parameter so the tests run both ways).
 */
export function sqliteFtsWith(smallScope: number): SearchEngine {
  return {
    async put(db, meeting) {
      const minute = startMinute(meeting.startsAt);
      const existing = await db
        .selectFrom('search_docs')
        .select('id')
        .where('meeting_id', '=', meeting.meetingId)
        .executeTakeFirst();
      let id = existing?.id;
      if (id !== undefined) await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(db);
      // A meeting moved to another start keeps its place in the order only if it gets a new rowid.
      if (id === undefined || Math.floor(id / SLOTS_PER_MINUTE) !== minute) {
        if (id !== undefined) await db.deleteFrom('search_docs').where('id', '=', id).execute();
        id = await freeRowid(db, minute);
        await db.insertInto('search_docs').values({ id, meeting_id: meeting.meetingId }).execute();
      }
      await sql`
      INSERT INTO search_fts (rowid, title, agenda, body)
      VALUES (${id}, ${folded(meeting.title)}, ${folded(meeting.agenda)}, ${folded(meeting.body)})
    `.execute(db);
    },

    async clear(db) {
      await sql`DELETE FROM search_fts`.execute(db);
      await db.deleteFrom('search_docs').execute();
    },

    async match(db, { query, where, year, limit, offset }) {
      // A year is a rowid range, which FTS5 applies while it walks the matches (a bare constraint it can see).
      const years =
        year === undefined ? sql`` : sql`AND search_fts.rowid BETWEEN ${yearRange(year)[0]} AND ${yearRange(year)[1]}`;
      const scope = await sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT 1 FROM meetings m WHERE ${where} LIMIT ${smallScope + 1})
    `.execute(db);
      if (Number(scope.rows[0]?.n ?? 0) <= smallScope) {
        // Few meetings to look at: ask the index about each of them (CROSS JOIN keeps this loop order).
        const rows = await sql<{ id: string }>`
        SELECT d.meeting_id AS id
        FROM meetings m
        CROSS JOIN search_docs d
        CROSS JOIN search_fts
        WHERE d.meeting_id = m.id
          AND search_fts.rowid = d.id
          AND search_fts MATCH ${matchExpression(query.clauses)}
          AND ${where}
          ${years}
        ORDER BY d.id DESC
        LIMIT ${limit} OFFSET ${offset}
      `.execute(db);
        return rows.rows.map((r) => r.id);
      }
      const rows = await sql<{ id: string }>`
      SELECT d.meeting_id AS id
      FROM search_fts
      JOIN search_docs d ON d.id = search_fts.rowid
      JOIN meetings m ON m.id = d.meeting_id
      WHERE search_fts MATCH ${matchExpression(query.clauses)}
        ${years}
        AND ${where}
      ORDER BY search_fts.rowid DESC
      LIMIT ${limit} OFFSET ${offset}
    `.execute(db);
      return rows.rows.map((r) => r.id);
    },

    async sizeBytes(db) {
      const row = await sql<{ bytes: number | null }>`
      SELECT sum(pgsize) AS bytes FROM dbstat
      WHERE name LIKE 'search_fts%' OR name = 'search_docs' OR name LIKE 'sqlite_autoindex_search_docs%'
    `.execute(db);
      return Number(row.rows[0]?.bytes ?? 0);
    },
  };
}

export const sqliteFts = sqliteFtsWith(SMALL_SCOPE);

/** The first free rowid of a minute; a thousand meetings starting in the same minute still fit. */
async function freeRowid(db: Db, minute: number): Promise<number> {
  const base = minute * SLOTS_PER_MINUTE;
  const row = await db
    .selectFrom('search_docs')
    .select((eb) => eb.fn.max('id').as('last'))
    .where('id', '>=', base)
    .where('id', '<', base + SLOTS_PER_MINUTE)
    .executeTakeFirst();
  const next = row?.last == null ? base : Number(row.last) + 1;
  if (next >= base + SLOTS_PER_MINUTE)
    throw new Error(`search index: more than ${SLOTS_PER_MINUTE} meetings start at one minute`);
  return next;
}
