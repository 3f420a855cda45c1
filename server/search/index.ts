import { PostgresAdapter, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { ParsedQuery } from '../../lib/search/query';
import type { Dialect, Db } from '../db/connection';
import type { Database } from '../db/schema';
import { postgresFts } from './postgres-fts';
import { sqliteFts } from './sqlite-fts';

/** What the index holds of one meeting; the engines fold it themselves. */
export interface IndexedMeeting {
  meetingId: string;
  /** meetings.cell_id: an engine may narrow a search to the searcher's cells with it. */
  cellId: string;
  /** meetings.starts_at: results come newest first. */
  startsAt: string;
  title: string;
  agenda: string;
  body: string;
}

export interface MatchRequest {
  query: ParsedQuery;
  /** Which meetings may be returned (permissions and filters), over `meetings as m`. */
  where: Expression<SqlBool>;
  /** The year filter, also given apart: an engine may narrow its own scan with it. */
  year?: number;
  /**
   * The cells every meeting `where` admits is in, when they are known
   * (`readableCells`): an engine may narrow its own scan with them too.
   */
  cellIds?: readonly string[];
  limit: number;
  offset: number;
}

/**
 * The one place full-text search differs between the databases. Each engine
 * indexes folded terms (lib/text-search.ts `searchTerms`) and answers a parsed
 * query with meeting ids, newest meeting first, filtered in the same SQL
 * statement that matches (never after a LIMIT).
 */
export interface SearchEngine {
  /** Replaces a meeting's entry; run inside the transaction that wrote its text. */
  put(db: Db, meeting: IndexedMeeting): Promise<void>;
  /** Empties the index (before a rebuild). */
  clear(db: Db): Promise<void>;
  /** After a rebuild, in its transaction: brings the index to the form queries read fastest. */
  compact(db: Db): Promise<void>;
  match(db: Db, request: MatchRequest): Promise<string[]>;
  /** Bytes the index takes on disk (tables and indexes of the search alone). */
  sizeBytes(db: Db): Promise<number>;
}

/** Which database a Kysely instance (or transaction) talks to. */
export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function searchEngine(dialect: Dialect): SearchEngine {
  return dialect === 'postgres' ? postgresFts : sqliteFts;
}
