import BetterSqlite3 from 'better-sqlite3';
import { MIGRATION_TABLE } from '../db/migrations';

/** Pages per step of the online backup once it has started: all of them (see snapshotDatabase). */
const ALL_PAGES = 0x7fff_ffff;

/**
 * Copies the live database at `source` into the new file `destination` with
 * SQLite's online backup API, while the server goes on writing.
 *
 * A file copy of a WAL database may miss committed transactions still in
 * the -wal file, or catch the main file halfway through a checkpoint. The
 * backup API reads through SQLite instead. better-sqlite3 copies 100 pages a
 * step and yields between steps; a write by another connection (the server)
 * between two steps restarts the copy, so a stepwise copy of a large
 * database under steady typing might never end. After the first step this
 * asks for every remaining page at once: the whole copy then happens inside
 * one read transaction, which WAL lets run beside the server's writes, and
 * the copy is the database exactly as of that transaction's start.
 */
export async function snapshotDatabase(source: string, destination: string): Promise<void> {
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
}

/** What a database file holds, for the manifest and for the checks of a restore. */
export interface DatabaseFacts {
  /** Applied schema migrations, in order. */
  migrations: string[];
  meetings: number;
  attachments: number;
  attachmentBytes: number;
}

/**
 * Opens a copy of the database (a snapshot or a restored file, never the
 * live one), checks that SQLite finds it sound and reads its facts. The copy
 * is switched to a rollback journal so that it is one self-contained file;
 * the server puts it back into WAL mode when it opens it.
 */
export function inspectDatabaseCopy(file: string): DatabaseFacts {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
  } catch (error) {
    throw new Error(`the database does not open: ${message(error)}`);
  }
  try {
    const tables = (name: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    let check: string;
    try {
      db.pragma('journal_mode = DELETE');
      check = String(db.pragma('quick_check', { simple: true }));
    } catch (error) {
      throw new Error(`the database does not open: ${message(error)}`);
    }
    if (check !== 'ok') throw new Error(`the database is damaged (SQLite's quick_check: ${check})`);
    if (!tables(MIGRATION_TABLE)) throw new Error('the database has no record of its migrations; it is not ours');
    const migrations = db.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).pluck().all().map(String);
    const count = (sql: string) => Number(db.prepare(sql).pluck().get() ?? 0);
    const withAttachments = tables('attachments');
    return {
      migrations,
      meetings: tables('meetings') ? count('SELECT count(*) FROM meetings') : 0,
      attachments: withAttachments ? count('SELECT count(*) FROM attachments') : 0,
      attachmentBytes: withAttachments ? count('SELECT coalesce(sum(size), 0) FROM attachments') : 0,
    };
  } finally {
    db.close();
  }
}

/**
 * Whether some process has the database open. In WAL mode every open
 * connection holds a shared lock on the database file for as long as it is
 * open (SQLite relies on it to know which connection closes last), so a
 * running server always holds one. Asking for an exclusive lock, without
 * waiting, fails exactly while such a connection exists. These are POSIX
 * advisory locks, with their limits: they are seen by processes on this
 * machine only (not on another one sharing the directory over a network
 * file system), and a process drops its own when it opens and closes the
 * database file by other means than SQLite (the server never does).
 */
export function databaseInUse(file: string): boolean {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
    // A file SQLite cannot read is no server's database: restoring over it is what --force is for.
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return false;
    throw error;
  } finally {
    db.close();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
