import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openServices } from '../../server/bootstrap';
import { SQLITE_FILE } from '../../server/db/connection';
import { startWalCheckpointer, type WalCheckpointer } from '../../server/db/wal-checkpointer';

const dirs: string[] = [];
const opened: BetterSqlite3.Database[] = [];
const checkpointers: WalCheckpointer[] = [];

afterEach(async () => {
  for (const checkpointer of checkpointers.splice(0)) await checkpointer.stop();
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database as the server opens it, with a table of 4 KiB rows. */
function walDatabase(): { sqlite: BetterSqlite3.Database; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bienban-wal-'));
  dirs.push(dir);
  const file = path.join(dir, 'test.sqlite');
  const sqlite = new BetterSqlite3(file);
  opened.push(sqlite);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  return { sqlite, file };
}

/** Commits `batches` transactions of 100 rows (a page each), pausing between them as a live server does. */
async function writeInBatches(sqlite: BetterSqlite3.Database, batches: number): Promise<void> {
  const insert = sqlite.prepare('INSERT INTO rows (data) VALUES (?)');
  const batch = sqlite.transaction(() => {
    for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(4000, i));
  });
  for (let n = 0; n < batches; n++) {
    batch();
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}

const autocheckpoint = (sqlite: BetterSqlite3.Database) => sqlite.pragma('wal_autocheckpoint', { simple: true });

describe('checkpoints of the embedded database on a thread of their own', () => {
  it('stops the connection checkpointing, yet the log reaches the database file and stays small', async () => {
    const { sqlite, file } = walDatabase();
    const before = statSync(file).size;
    checkpointers.push(startWalCheckpointer(sqlite, file, 20));
    expect(autocheckpoint(sqlite)).toBe(0);
    await writeInBatches(sqlite, 30);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Some 3,000 pages (12 MB) written: the thread moved them into the file, and the log was reused from its start.
    expect(statSync(file).size).toBeGreaterThan(before + 10 * 1024 * 1024);
    expect(statSync(`${file}-wal`).size).toBeLessThan(4 * 1024 * 1024);
    expect(sqlite.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 3000 });
  });

  it('without the thread the same writes stay in the log (what the test above relies on)', async () => {
    const { sqlite, file } = walDatabase();
    const before = statSync(file).size;
    sqlite.pragma('wal_autocheckpoint = 0');
    await writeInBatches(sqlite, 30);
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('gives checkpoints back to the connection when the thread cannot run', async () => {
    const { sqlite } = walDatabase();
    // The thread cannot open a file that does not exist, and ends.
    const checkpointer = startWalCheckpointer(sqlite, path.join(os.tmpdir(), 'bienban-no-such-dir', 'x.sqlite'), 20);
    checkpointers.push(checkpointer);
    const deadline = Date.now() + 10_000;
    while (autocheckpoint(sqlite) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(autocheckpoint(sqlite)).toBe(1000);
  });

  it('is what the server opens (not the CLI), and closing the database ends the thread', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bienban-wal-server-'));
    dirs.push(dir);
    const server = await openServices({ dataDir: dir, databaseUrl: undefined }, { backgroundCheckpoints: true });
    expect(autocheckpoint(server.handle.sqlite!)).toBe(0);
    await server.handle.close();
    // The last connection closed folded the log into the file and removed it.
    expect(() => statSync(path.join(dir, `${SQLITE_FILE}-wal`))).toThrow();
    const cli = await openServices({ dataDir: dir, databaseUrl: undefined });
    expect(autocheckpoint(cli.handle.sqlite!)).toBe(1000);
    await cli.handle.close();
  });
});
