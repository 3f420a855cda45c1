import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { log } from '../log';

/** How often the background thread folds the write-ahead log back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 5000;

/** SQLite's own default: a commit that leaves this many pages in the log checkpoints it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The thread's code, CommonJS run from a string so that it needs no file of
 * its own in the build. Its own connection to the same file: SQLite lets
 * several connections of one process share a database in WAL mode, and a
 * passive checkpoint never waits for the server's readers or writers.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Ends the thread; the server's connection checkpoints by itself again. */
  stop(): Promise<void>;
}

/**
 * Moves the embedded database's checkpoints off the event loop. SQLite runs
 * a checkpoint inside the commit that fills the log past 1,000 pages, on the
 * thread that commits: here the server's only thread. A checkpoint syncs the
 * log and the database file to disk, three fsyncs that took up to 20 ms on
 * the bench machine, about every ten seconds of a meeting day's typing, and
 * every message arriving meanwhile waited. Here the server's connection stops
 * checkpointing (wal_autocheckpoint = 0) and a worker thread checkpoints
 * every CHECKPOINT_INTERVAL_MS instead. If the thread fails, the server's
 * connection checkpoints by itself again, as before.
 */
export function startWalCheckpointer(
  sqlite: BetterSqlite3.Database,
  file: string,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  // The thread must not keep a process alive that has nothing else to do.
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const fallBack = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) log.warn('db.checkpoint_failed', { error: message.failed });
  });
  worker.on('error', (error) => log.error('db.checkpointer_failed', { error: String(error) }));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) log.error('db.checkpointer_exited', { code });
      fallBack();
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
