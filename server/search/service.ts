import type { MeetingClassification, MeetingKind, MeetingState } from '../../lib/domain';
import { snippet, type Snippet } from '../../lib/search/highlight';
import { parseQuery, SEARCH_PAGE_SIZE, type QueryError, type SearchFilters } from '../../lib/search/query';
import { readableMeetings, type Subject } from '../../lib/policy';
import type { Db } from '../db/connection';
import type { Meeting } from '../db/schema';
import { dialectOf, searchEngine, type SearchEngine } from './index';
import { readableCells, readableWhere } from './scope';

/** Where in a meeting the snippet was found. */
export type HitField = 'minutes' | 'agenda' | 'title';

export interface SearchHit {
  meetingId: string;
  title: string;
  cellId: string;
  cellName: string;
  kind: MeetingKind;
  state: MeetingState;
  classification: MeetingClassification;
  startsAt: string;
  field: HitField;
  snippet: Snippet | null;
}

export type SearchOutcome =
  { ok: true; hits: SearchHit[]; offset: number; more: boolean } | { ok: false; error: QueryError };

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  offset?: number;
  limit?: number;
}

/** Rows read from meeting_text per batch while rebuilding the index. */
const REINDEX_BATCH = 500;

/** Replaces a meeting's index entry from its text; inside the caller's transaction. */
export async function indexMeeting(
  db: Db,
  meeting: Pick<Meeting, 'id' | 'cell_id' | 'starts_at' | 'title'>,
  text: { body: string; agenda: string },
): Promise<void> {
  await searchEngine(dialectOf(db)).put(db, {
    meetingId: meeting.id,
    cellId: meeting.cell_id,
    startsAt: meeting.starts_at,
    title: meeting.title,
    agenda: text.agenda,
    body: text.body,
  });
}

/**
 * Rebuilds the whole index from meeting_text, in one transaction: searches
 * keep answering from the old index until the new one is complete.
 */
export async function rebuildSearchIndex(db: Db): Promise<{ meetings: number }> {
  const engine = searchEngine(dialectOf(db));
  return db.transaction().execute(async (trx) => {
    await engine.clear(trx);
    let meetings = 0;
    let after = '';
    for (;;) {
      const batch = await trx
        .selectFrom('meeting_text as t')
        .innerJoin('meetings as m', 'm.id', 't.meeting_id')
        .select(['m.id', 'm.cell_id', 'm.starts_at', 'm.title', 't.body', 't.agenda'])
        .where('t.meeting_id', '>', after)
        .orderBy('t.meeting_id')
        .limit(REINDEX_BATCH)
        .execute();
      for (const row of batch) {
        await engine.put(trx, {
          meetingId: row.id,
          cellId: row.cell_id,
          startsAt: row.starts_at,
          title: row.title,
          agenda: row.agenda,
          body: row.body,
        });
      }
      meetings += batch.length;
      if (batch.length < REINDEX_BATCH) {
        await engine.compact(trx);
        return { meetings };
      }
      after = batch[batch.length - 1]!.id;
    }
  });
}

/** Full-text search over the meetings a subject may read. */
export function createSearch(db: Db) {
  const engine: SearchEngine = searchEngine(dialectOf(db));
  return {
    /**
     * One page of results, newest meeting first, each with a snippet of
     * where it matched. A query the parser refuses comes back as an error
     * key the page shows; it never reaches the database.
     */
    async search(subject: Subject, request: SearchRequest): Promise<SearchOutcome> {
      const parsed = parseQuery(request.q);
      if (!parsed.ok) return parsed;
      const limit = request.limit ?? SEARCH_PAGE_SIZE;
      const offset = request.offset ?? 0;
      const rules = readableMeetings(subject);
      if (rules.length === 0) return { ok: true, hits: [], offset, more: false };
      const cellIds = readableCells(rules, request.filters);
      const ids = await engine.match(db, {
        query: parsed.query,
        where: readableWhere(rules, request.filters),
        ...(request.filters.year !== undefined ? { year: request.filters.year } : {}),
        ...(cellIds !== null ? { cellIds } : {}),
        // One more than shown says whether there is a next page without counting every match.
        limit: limit + 1,
        offset,
      });
      const shown = ids.slice(0, limit);
      if (shown.length === 0) return { ok: true, hits: [], offset, more: false };
      const rows = await db
        .selectFrom('meetings as m')
        .innerJoin('organisations as c', 'c.id', 'm.cell_id')
        .leftJoin('meeting_text as t', 't.meeting_id', 'm.id')
        .select([
          'm.id',
          'm.title',
          'm.cell_id',
          'c.name as cellName',
          'm.kind',
          'm.state',
          'm.classification',
          'm.starts_at',
          't.body',
          't.agenda',
        ])
        .where('m.id', 'in', shown)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const hits = shown.flatMap((id): SearchHit[] => {
        const row = byId.get(id);
        if (!row) return [];
        const fields: [HitField, string][] = [
          ['minutes', row.body ?? ''],
          ['agenda', row.agenda ?? ''],
          ['title', row.title],
        ];
        // The field whose snippet shows most of the query; the minutes first when they tie, and the
        // other fields are not even looked at when the minutes show all of it.
        let found: { field: HitField; snippet: Snippet } | null = null;
        for (const [field, text] of fields) {
          if (found && found.snippet.clauses === parsed.query.clauses.length) break;
          const piece = snippet(text, parsed.query);
          if (piece && piece.clauses > (found?.snippet.clauses ?? 0)) found = { field, snippet: piece };
        }
        return [
          {
            meetingId: row.id,
            title: row.title,
            cellId: row.cell_id,
            cellName: row.cellName,
            kind: row.kind,
            state: row.state,
            classification: row.classification,
            startsAt: row.starts_at,
            // No snippet only when the stored text changed between the match and this read (a projection in between).
            field: found?.field ?? 'minutes',
            snippet: found?.snippet ?? null,
          },
        ];
      });
      return { ok: true, hits, offset, more: ids.length > limit };
    },

    /** Bytes the index takes (the bench reports it). */
    sizeBytes: () => engine.sizeBytes(db),
  };
}

export type Search = ReturnType<typeof createSearch>;
