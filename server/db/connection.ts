import { chmodSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { log } from '../log';
import type { Database } from './schema';
import { startWalCheckpointer } from './wal-checkpointer';

export type Dialect = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;

/** Told how long each query took (ms) and whether it failed; the metrics listen here. */
export type QueryObserver = (durationMs: number, failed: boolean) => void;

/** The PostgreSQL pool's connections: open, idle among them, and requests waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /**
   * The embedded database itself, for the few hot paths that run prepared
   * statements directly (see doc-store). Use it only while holding Kysely's
   * connection (`db.connection().execute(...)`), so a statement never lands
   * inside a transaction Kysely has open. Null on PostgreSQL.
   */
  sqlite: BetterSqlite3.Database | null;
  /** The observer given to openDatabase (a no-op without one), for statements run beside Kysely. */
  observeQuery: QueryObserver;
  /** The connection pool's state now; null on SQLite, which has one connection. */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

/** The embedded database's file in the data directory (SQLite adds `-wal` and `-shm` beside it). */
export const SQLITE_FILE = 'bienban.sqlite';

/** Distinct SQL texts kept prepared; queries with IN-lists of every length would otherwise grow it forever. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * Prepared statements by SQL text. Kysely prepares every query it runs, and
 * preparing cost more than executing for the small queries the server runs
 * most. A statement still being iterated (busy) is not handed out twice.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Connections the PostgreSQL pool opens at most. */
const POOL_MAX = 10;

const ignoreQuery: QueryObserver = () => undefined;

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded
 * SQLite file under the data directory. `observeQuery` hears of every query
 * Kysely runs (and of the statements doc-store runs beside it).
 * `backgroundCheckpoints`: SQLite's checkpoints run on a thread of their own
 * (the server; a short-lived CLI command leaves them to the connection).
 */
export function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  observeQuery?: QueryObserver | undefined;
  backgroundCheckpoints?: boolean | undefined;
}): DbHandle {
  const observeQuery = options.observeQuery ?? ignoreQuery;
  // Kysely times each query itself; without an observer it skips the timing.
  const logQueries = options.observeQuery
    ? (event: LogEvent) => observeQuery(event.queryDurationMillis, event.level === 'error')
    : undefined;
  if (options.databaseUrl) {
    // BIGINT (doc_updates.id) as a JS number: ids stay far below 2^53.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: POOL_MAX });
    // An idle connection the server ends (a restart, a dropped database) is reported here; without a
    // listener the pool's 'error' event would end the process. The pool opens a new connection when next asked.
    pool.on('error', (error) => log.warn('db.idle_connection_lost', { error: error.message }));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logQueries });
    return {
      db,
      dialect: 'postgres',
      sqlite: null,
      observeQuery,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: POOL_MAX }),
      close: () => db.destroy(),
    };
  }
  const file = path.join(options.dataDir, SQLITE_FILE);
  const sqlite = new BetterSqlite3(file);
  // Readable by the service's user only; SQLite gives its -wal and -shm files the database file's mode.
  chmodSync(file, 0o600);
  // WAL with synchronous=NORMAL: a committed transaction survives a process
  // crash (SIGKILL); only an OS crash may lose the last commits.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const checkpointer = options.backgroundCheckpoints ? startWalCheckpointer(sqlite, file) : null;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: logQueries,
  });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    observeQuery,
    poolStats: () => null,
    async close() {
      // The thread's connection closes first: the last one to close folds the log into the file.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
