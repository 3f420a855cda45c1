import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Expression, type SqlBool } from 'kysely';
import pg from 'pg';
import type { Subject } from '../../lib/policy';
import { readableMeetings } from '../../lib/policy';
import type { SearchFilters } from '../../lib/search/query';
import { openServices } from '../../server/bootstrap';
import type { Dialect, Db } from '../../server/db/connection';
import { readableWhere } from '../../server/search/scope';
import { rebuildSearchIndex } from '../../server/search/service';
import { percentiles, Samples, type Percentiles } from '../measure';
import { archiveBatches, insertArchiveBatch } from '../search-archive';

/** Who searches: an administrator reads ordinary meetings of every cell; a member, their own cell's. */
type Searcher = 'admin' | 'member';

interface QuerySpec {
  q: string;
  searcher: Searcher;
  /** Filters; `cell` names the member's own cell (index 0). */
  filters?: Omit<SearchFilters, 'cellId'> & { cell?: true };
}

/**
 * Twenty queries people would type into an archive of minutes: common and
 * rare words, with and without diacritics, phrases, names, and each filter.
 */
export const SEARCH_QUERIES: readonly QuerySpec[] = [
  { q: 'nghị quyết', searcher: 'admin' },
  { q: 'nghi quyet', searcher: 'admin' },
  { q: '"nghị quyết tháng trước"', searcher: 'admin' },
  { q: 'đảng phí', searcher: 'member' },
  { q: 'dang phi', searcher: 'admin' },
  { q: '"kết nạp đảng viên mới"', searcher: 'admin' },
  { q: 'nông thôn mới', searcher: 'member' },
  { q: '"phòng chống lụt bão"', searcher: 'admin' },
  { q: 'an ninh trật tự', searcher: 'admin' },
  { q: 'Nguyễn Văn An', searcher: 'admin' },
  { q: '"Huỳnh Thu Xuyến"', searcher: 'admin' },
  { q: 'Đức', searcher: 'member' },
  { q: 'khuyen hoc khuyen tai', searcher: 'admin' },
  { q: '"bê tông hóa đường liên thôn"', searcher: 'member' },
  { q: 'nhà văn hóa sửa chữa', searcher: 'admin' },
  { q: 'nghị quyết', searcher: 'admin', filters: { cell: true } },
  { q: 'đảng phí', searcher: 'admin', filters: { year: 2019 } },
  { q: 'chuyển đổi số', searcher: 'admin', filters: { kind: 'thematic' } },
  { q: 'nghi quyet', searcher: 'member', filters: { state: 'in_progress' } },
  { q: '"gia đình chính sách" biểu dương', searcher: 'admin', filters: { year: 2024, kind: 'regular' } },
];

export interface SearchQueryResult {
  q: string;
  searcher: Searcher;
  filters: string;
  fts: Percentiles;
  /** Results on the first page (at most 20). */
  ftsHits: number;
  like: Percentiles;
  likeHits: number;
}

export interface SearchEngineResult {
  dialect: Dialect;
  meetings: number;
  cells: number;
  generateS: number;
  indexS: number;
  indexBytes: number;
  textBytes: number;
  /** Every timed full-text query together. */
  fts: Percentiles;
  like: Percentiles;
  queries: SearchQueryResult[];
}

export interface SearchBenchOptions {
  meetings: number;
  cells: number;
  repeats: number;
  likeRepeats: number;
  engines: Dialect[];
  postgresUrl: string;
}

const progress = (message: string) => process.stderr.write(`bench: search: ${message}\n`);

/** The LIKE baseline's clauses: a quoted phrase whole, other words one by one, as typed. */
function likeClauses(q: string): string[] {
  return q
    .split('"')
    .flatMap((piece, i) => (i % 2 === 1 ? [piece.trim()] : piece.split(/\s+/)))
    .filter(Boolean);
}

/**
 * The same question answered by a plain scan: every clause as a substring
 * of the stored text (case-insensitive on PostgreSQL; SQLite's LIKE folds
 * ASCII only, and neither folds diacritics, so "nghi quyet" finds far less).
 */
async function likeSearch(db: Db, dialect: Dialect, q: string, where: Expression<SqlBool>): Promise<number> {
  const like = dialect === 'postgres' ? sql`ILIKE` : sql`LIKE`;
  const conditions = likeClauses(q).map((clause) => {
    const pattern = `%${clause.replace(/[%_\\]/g, '\\$&')}%`;
    return sql`(t.body ${like} ${pattern} ESCAPE '\\' OR t.agenda ${like} ${pattern} ESCAPE '\\' OR m.title ${like} ${pattern} ESCAPE '\\')`;
  });
  const rows = await sql<{ id: string }>`
    SELECT m.id FROM meeting_text t JOIN meetings m ON m.id = t.meeting_id
    WHERE ${where} AND ${sql.join(conditions, sql` AND `)}
    ORDER BY m.starts_at DESC LIMIT 20
  `.execute(db);
  return rows.rows.length;
}

/** Runs one statement on a PostgreSQL server's admin database (the benches' throwaway databases). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function runOne(dialect: Dialect, o: SearchBenchOptions): Promise<SearchEngineResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-bench-search-'));
  const dbName = `bienban_bench_search_${randomBytes(5).toString('hex')}`;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    await adminQuery(o.postgresUrl, `CREATE DATABASE ${dbName}`);
    const url = new URL(o.postgresUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const { services, handle } = await openServices({ dataDir, databaseUrl });
  try {
    const committee = await services.organisations.createCommittee('Đảng bộ xã Đông Hưng');
    const cellIds: string[] = [];
    for (let i = 0; i < o.cells; i++)
      cellIds.push((await services.organisations.createCell(committee.id, `Chi bộ số ${i + 1}`)).id);

    let started = performance.now();
    let made = 0;
    for (const batch of archiveBatches(o.meetings, o.cells, 500)) {
      await insertArchiveBatch(services.db, cellIds, batch);
      made += batch.length;
      if (made % 10_000 === 0) progress(`${dialect}: ${made} meetings written`);
    }
    const generateS = (performance.now() - started) / 1000;
    started = performance.now();
    await rebuildSearchIndex(services.db);
    const indexS = (performance.now() - started) / 1000;
    if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(services.db);
    else await sql`ANALYZE`.execute(services.db);
    progress(`${dialect}: ${made} meetings in ${generateS.toFixed(1)} s, indexed in ${indexS.toFixed(1)} s`);

    const textBytes =
      dialect === 'postgres'
        ? Number(
            (await sql<{ b: string }>`SELECT pg_total_relation_size('meeting_text') AS b`.execute(services.db)).rows[0]!
              .b,
          )
        : Number(
            (
              await sql<{
                b: number;
              }>`SELECT sum(pgsize) AS b FROM dbstat WHERE name = 'meeting_text' OR name LIKE 'sqlite_autoindex_meeting_text%'`.execute(
                services.db,
              )
            ).rows[0]!.b,
          );

    const subjects: Record<Searcher, Subject> = {
      admin: { userId: 'bench-admin', isAdmin: true, memberships: [], oversees: [] },
      member: {
        userId: 'bench-member',
        isAdmin: false,
        memberships: [{ cellId: cellIds[0]!, role: 'member', status: 'full' }],
        oversees: [],
      },
    };
    const all = new Samples();
    const allLike = new Samples();
    const queries: SearchQueryResult[] = [];
    for (const spec of SEARCH_QUERIES) {
      const { cell, ...rest } = spec.filters ?? {};
      const filters: SearchFilters = { ...rest, ...(cell ? { cellId: cellIds[0]! } : {}) };
      const run = () => services.search.search(subjects[spec.searcher], { q: spec.q, filters });
      const first = await run();
      if (!first.ok) throw new Error(`query "${spec.q}" refused: ${first.error}`);
      const samples: number[] = [];
      for (let i = 0; i < o.repeats; i++) {
        const t0 = performance.now();
        await run();
        const ms = performance.now() - t0;
        samples.push(ms);
        all.push(ms);
      }
      const where = readableWhere(readableMeetings(subjects[spec.searcher]), filters);
      const likeSamples: number[] = [];
      let likeHits = 0;
      for (let i = 0; i < o.likeRepeats; i++) {
        const t0 = performance.now();
        likeHits = await likeSearch(services.db, dialect, spec.q, where);
        const ms = performance.now() - t0;
        likeSamples.push(ms);
        allLike.push(ms);
      }
      queries.push({
        q: spec.q,
        searcher: spec.searcher,
        filters: JSON.stringify(spec.filters ?? {}),
        fts: percentiles(samples),
        ftsHits: first.hits.length,
        like: percentiles(likeSamples),
        likeHits,
      });
    }
    return {
      dialect,
      meetings: made,
      cells: o.cells,
      generateS,
      indexS,
      indexBytes: await services.search.sizeBytes(),
      textBytes,
      fts: all.summary(),
      like: allLike.summary(),
      queries,
    };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') await adminQuery(o.postgresUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

/**
 * The search bench: for each engine, a generated archive written to a
 * throwaway database, the index rebuilt as `reindex` does, then each of the
 * twenty queries timed through the search service (match, permissions,
 * filters, the page's rows and snippets), beside the same question as a
 * LIKE scan over the stored text.
 */
export async function runSearchBench(o: SearchBenchOptions): Promise<SearchEngineResult[]> {
  const results: SearchEngineResult[] = [];
  for (const dialect of o.engines) results.push(await runOne(dialect, o));
  return results;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The search part of the printed report. */
export function renderSearchReport(results: readonly SearchEngineResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      '',
      `Search (${r.dialect}): ${r.meetings} meetings in ${r.cells} cells, text ${mib(r.textBytes)}, index ${mib(r.indexBytes)}; ` +
        `written in ${r.generateS.toFixed(1)} s, indexed in ${r.indexS.toFixed(1)} s`,
      `  all queries: full-text p50 ${ms(r.fts.p50)} ms, p95 ${ms(r.fts.p95)} ms, max ${ms(r.fts.max)} ms; ` +
        `LIKE p50 ${ms(r.like.p50)} ms, p95 ${ms(r.like.p95)} ms`,
      `  ${'query'.padEnd(42)} ${'who'.padEnd(6)} ${'fts p50'.padStart(8)} ${'fts p95'.padStart(8)} ${'hits'.padStart(4)}  ${'LIKE ms'.padStart(8)} ${'hits'.padStart(4)}`,
    );
    for (const q of r.queries) {
      const label = `${q.q}${q.filters === '{}' ? '' : ` ${q.filters}`}`;
      lines.push(
        `  ${label.slice(0, 42).padEnd(42)} ${q.searcher.padEnd(6)} ${ms(q.fts.p50).padStart(8)} ${ms(q.fts.p95).padStart(8)} ${String(q.ftsHits).padStart(4)}  ${ms(q.like.p50).padStart(8)} ${String(q.likeHits).padStart(4)}`,
      );
    }
  }
  return lines.join('\n');
}
