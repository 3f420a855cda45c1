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

/**
 * The term the `cell` column holds for a meeting's cell: letters and digits
 * only, whatever the id, so the tokenizer keeps it whole.
 */
export function cellToken(cellId: string): string {
  return `c${Buffer.from(cellId, 'utf8').toString('hex')}`;
}

/**
 * FTS5 query syntax: every clause a quoted phrase (terms are letters and
 * digits only), all required, in the text columns only (a word typed never
 * matches a cell's term); and, when given, one of the cells.
 */
function matchExpression(clauses: string[][], cellIds?: readonly string[]): string {
  const text = `{title agenda body} : (${clauses.map((clause) => `"${clause.join(' ')}"`).join(' AND ')})`;
  return cellIds ? `${text} AND cell : (${cellIds.map(cellToken).join(' OR ')})` : text;
}

const folded = (text: string) => searchTerms(text).join(' ');

/**
 * At most this many readable meetings (after the filters), and a query asks
 * the index about each of them rather than walking the index's matches
 * newest first. Walking stops after one page of results, which is fast while
 * results are plentiful; but when the filters leave a handful of meetings (a
 * member's meetings in progress) it walked every match of a common word, 490
 * ms over 100,000 meetings. A lookup costs 0.3–1.6 ms a meeting (a whole
 * cell's 500 meetings took 150–820 ms that way), so it pays only for a few.
 */
const SMALL_SCOPE = 20;

/**
 * At most this many cells hold the readable meetings, and the walk asks the
 * index for their meetings only (the `cell` column), rather than for every
 * match and then dropping the other cells' in the join. A member's common
 * word over 100,000 meetings in 200 cells walked some 4,000 matches to find
 * twenty of their cell's, 30–70 ms; asking for the cell too, under 3 ms.
 * Each cell is one more term the index merges (50 cells cost 0.4–11 ms,
 * depending on how merged the index is), while a walk over that many cells
 * finds its page quickly anyway.
 */
const CELL_TERMS = 32;

export interface SqliteFtsOptions {
  /** Where the engine switches from walking the index to looking meetings up. */
  smallScope: number;
  /** Up to how many cells the walk names the cells in its query. */
  cellTerms: number;
}

/** The SQLite engine; the options are parameters so the tests run every way. */
export function sqliteFtsWith({ smallScope, cellTerms }: SqliteFtsOptions): SearchEngine {
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
      INSERT INTO search_fts (rowid, title, agenda, body, cell)
      VALUES (${id}, ${folded(meeting.title)}, ${folded(meeting.agenda)}, ${folded(meeting.body)}, ${cellToken(meeting.cellId)})
    `.execute(db);
    },

    async clear(db) {
      await sql`DELETE FROM search_fts`.execute(db);
      await db.deleteFrom('search_docs').execute();
    },

    async compact(db) {
      // One segment per term instead of several: a rebuilt index of 100,000 meetings took 12 s more and
      // shrank by 13%, and a query's first matches came 5–10 times sooner (every segment is searched).
      await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    },

    async match(db, { query, where, year, cellIds, limit, offset }) {
      if (cellIds?.length === 0) return [];
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
      const cells = cellIds !== undefined && cellIds.length <= cellTerms ? cellIds : undefined;
      const rows = await sql<{ id: string }>`
      SELECT d.meeting_id AS id
      FROM search_fts
      JOIN search_docs d ON d.id = search_fts.rowid
      JOIN meetings m ON m.id = d.meeting_id
      WHERE search_fts MATCH ${matchExpression(query.clauses, cells)}
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

export const sqliteFts = sqliteFtsWith({ smallScope: SMALL_SCOPE, cellTerms: CELL_TERMS });

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
