import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import type { DbHandle } from '../../server/db/connection';
import { runCli, type CliRun } from '../helpers/cli';

// Every case runs the CLI in its own process, as an operator would; a busy two-core machine needs room.
const SLOW = { timeout: 120_000 };
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bienban-backup-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every row of every table, blobs as their SHA-256, sorted: equal dumps mean equal databases. */
function dumpDatabase(file: string): Record<string, string[]> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => {
        const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
        const lines = rows.map((row) =>
          JSON.stringify(row, (_key, value: unknown) =>
            value instanceof Uint8Array || (value as { type?: string })?.type === 'Buffer'
              ? `sha256:${sha256(Buffer.from(value as Uint8Array))}`
              : value,
          ),
        );
        return [table, lines.sort()];
      }),
    );
  } finally {
    db.close();
  }
}

/**
 * The files of a data directory (inode, size, modification time) and the names beside it: what "nothing
 * changed" compares. Not their content: opening and closing the database file with fs in this process would
 * drop the POSIX locks its open connection holds, which is how restore tells that the database is in use.
 */
function fingerprint(dataDir: string): { beside: string[]; files: Record<string, string> } {
  const files = Object.fromEntries(
    readdirSync(dataDir).map((name) => {
      const stat = statSync(path.join(dataDir, name));
      return [name, `${stat.ino}:${stat.size}:${stat.mtimeMs}`];
    }),
  );
  return { beside: readdirSync(path.dirname(dataDir)).sort(), files };
}

/** Rewrites an archive: `edit` changes its entries (and may return a changed manifest). */
function rewriteArchive(
  source: string,
  target: string,
  edit: (entries: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void,
): void {
  const entries = unzipSync(readFileSync(source));
  const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as Record<string, unknown>;
  edit(entries, manifest);
  entries['manifest.json'] = Buffer.from(JSON.stringify(manifest));
  writeFileSync(target, zipSync(entries));
}

describe('backup and restore of the SQLite installation', () => {
  const root = tempDir();
  const dataDir = path.join(root, 'data');
  const archives = tempDir();
  const backupFile = path.join(archives, 'bienban.zip');
  let handle: DbHandle;
  const attachment = randomBytes(300_000);

  const cli = (args: string[], dir = dataDir): Promise<CliRun> => runCli(dir, args);

  beforeAll(async () => {
    // The secret the server generates on first start, and an installation with a meeting and an attachment.
    loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
    const opened = await openServices({ dataDir, databaseUrl: undefined });
    handle = opened.handle;
    const { services } = opened;
    const setup = await services.organisations.completeSetup({
      adminName: 'Quản trị',
      email: 'admin@test.vn',
      password: 'mật khẩu đủ dài',
      committeeName: 'Đảng bộ phường',
      cellName: 'Chi bộ khu phố 1',
    });
    const meeting = await services.meetings.createMeeting(
      setup.cellId,
      { kind: 'regular', startsAt: '2026-12-05T19:30', place: 'Nhà văn hóa' },
      null,
    );
    await services.db
      .insertInto('attachments')
      .values({
        id: randomUUID(),
        meeting_id: meeting.id,
        name: 'du-thao-nghi-quyet.pdf',
        mime: 'application/pdf',
        size: attachment.byteLength,
        sha256: sha256(attachment),
        data: attachment,
        uploaded_by: setup.adminId,
        created_at: new Date().toISOString(),
      })
      .execute();
    // The handle stays open through the backups below: they copy a database in use, as a running server's.
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
  });

  it(
    'copies a database in use and restores it into a new data directory with the same rows, attachments and secret',
    SLOW,
    async () => {
      const made = await cli(['backup', backupFile]);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      const result = made.json<{
        file: string;
        migration: string;
        contents: Record<string, number>;
        secret: boolean;
      }>();
      expect(result).toMatchObject({
        file: backupFile,
        secret: true,
        contents: { meetings: 1, attachments: 1, attachmentBytes: attachment.byteLength },
      });
      expect(result.migration).toMatch(/^\d{4}_/);

      const restoredDir = path.join(tempDir(), 'data');
      const restored = await cli(['restore', backupFile], restoredDir);
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.json()).toMatchObject({ dataDir: restoredDir, previous: null, migrationsPending: [] });

      const live = dumpDatabase(path.join(dataDir, 'bienban.sqlite'));
      expect(Object.keys(live)).toContain('doc_snapshots');
      expect(dumpDatabase(path.join(restoredDir, 'bienban.sqlite'))).toEqual(live);
      const copy = new BetterSqlite3(path.join(restoredDir, 'bienban.sqlite'), { readonly: true });
      const row = copy.prepare('SELECT data FROM attachments').get() as { data: Buffer };
      copy.close();
      expect(Buffer.compare(row.data, attachment)).toBe(0);
      expect(readFileSync(path.join(restoredDir, 'auth-secret'))).toEqual(
        readFileSync(path.join(dataDir, 'auth-secret')),
      );
      expect(statSync(restoredDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(restoredDir, 'bienban.sqlite')).mode & 0o777).toBe(0o600);
      // The temporary directory was swapped in, nothing is left beside it.
      expect(readdirSync(path.dirname(restoredDir))).toEqual(['data']);
    },
  );

  it('refuses to overwrite an existing backup file without --force, and replaces it with --force', SLOW, async () => {
    const before = sha256(readFileSync(backupFile));
    const refused = await cli(['backup', backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${backupFile} already exists; add --force to replace it`);
    expect(sha256(readFileSync(backupFile))).toBe(before);

    const replaced = await cli(['backup', backupFile, '--force']);
    expect(replaced.code).toBe(0);
    // A new archive (its manifest carries a new time), and no temporary file left beside it.
    expect(sha256(readFileSync(backupFile))).not.toBe(before);
    expect(readdirSync(archives)).toEqual(['bienban.zip']);
  });

  it(
    'refuses to restore over a data directory holding a database unless --force, and keeps the old one',
    SLOW,
    async () => {
      const target = path.join(tempDir(), 'data');
      expect((await cli(['restore', backupFile], target)).code).toBe(0);
      // Someone works on the restored installation; a second restore must not drop that silently.
      const db = new BetterSqlite3(path.join(target, 'bienban.sqlite'));
      db.prepare("UPDATE organisations SET name = 'Đổi tên sau khi khôi phục' WHERE kind = 'committee'").run();
      db.close();
      const before = fingerprint(target);

      const refused = await cli(['restore', backupFile], target);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${target} already holds a database; add --force to replace it`);
      expect(fingerprint(target)).toEqual(before);

      const forced = await cli(['restore', backupFile, '--force'], target);
      expect(forced.code).toBe(0);
      const { previous } = forced.json<{ previous: string }>();
      expect(path.dirname(previous)).toBe(path.dirname(target));
      expect(path.basename(previous)).toMatch(/^data\.replaced-/);
      expect(fingerprint(previous).files).toEqual(before.files);
      const names = dumpDatabase(path.join(target, 'bienban.sqlite')).organisations!.join();
      expect(names).not.toContain('Đổi tên sau khi khôi phục');
    },
  );

  it('refuses to restore while a process has the database open', SLOW, async () => {
    // This test process holds the source database open, as a running server does.
    const before = fingerprint(dataDir);
    const refused = await cli(['restore', backupFile, '--force']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('stop the server before restoring');
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('refuses a damaged archive before changing anything', SLOW, async () => {
    const target = path.join(tempDir(), 'data');
    expect((await cli(['restore', backupFile], target)).code).toBe(0);
    const before = fingerprint(target);

    // One byte changed inside the compressed database.
    const damaged = path.join(tempDir(), 'damaged.zip');
    const bytes = readFileSync(backupFile);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x55;
    writeFileSync(damaged, bytes);
    const refused = await cli(['restore', damaged, '--force'], target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: .*damaged.zip is not a Biên Bản backup that can be restored: .*bienban\.sqlite/,
    );
    expect(fingerprint(target)).toEqual(before);

    // Content that decompresses well but is not what the manifest says.
    const altered = path.join(tempDir(), 'altered.zip');
    rewriteArchive(backupFile, altered, (entries) => {
      entries['auth-secret'] = Buffer.from('a different secret of the same kind of length, 44\n'.slice(0, 44));
    });
    const mismatch = await cli(['restore', altered, '--force'], target);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('auth-secret does not match the checksum in its manifest');
    expect(fingerprint(target)).toEqual(before);
  });

  it('explains a truncated file, a file of another kind, another archive and a missing file', SLOW, async () => {
    const dir = tempDir();
    const target = path.join(dir, 'data');
    const bytes = readFileSync(backupFile);
    const cases: [string, Uint8Array | null, string][] = [
      ['truncated.zip', bytes.subarray(0, Math.floor(bytes.length * 0.8)), 'no ZIP directory at its end'],
      ['notes.txt', Buffer.from('Biên bản họp chi bộ tháng 12\n'.repeat(10)), 'no ZIP directory at its end'],
      ['minutes.docx', zipSync({ 'word/document.xml': Buffer.from('<w:document/>') }), 'it has no manifest.json'],
      ['missing.zip', null, 'does not exist'],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name);
      if (content) writeFileSync(file, content);
      const run = await cli(['restore', file], target);
      expect(run.code, name).toBe(1);
      expect(run.stdout, name).toBe('');
      expect(run.stderr, name).toContain(message);
    }
    // Nothing was created where the data would have gone.
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['minutes.docx', 'notes.txt', 'truncated.zip']);
  });

  it('refuses a backup from a newer version, whose database has a migration this one does not know', SLOW, async () => {
    const dir = tempDir();
    const newer = path.join(dir, 'newer.zip');
    rewriteArchive(backupFile, newer, (entries, manifest) => {
      const file = path.join(dir, 'db.sqlite');
      writeFileSync(file, entries['bienban.sqlite']!);
      const db = new BetterSqlite3(file);
      db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', ?)").run(
        new Date().toISOString(),
      );
      db.close();
      const database = readFileSync(file);
      rmSync(file);
      entries['bienban.sqlite'] = database;
      manifest.appVersion = '9.0.0';
      manifest.migrations = [...(manifest.migrations as string[]), '9999_from_the_future'];
      manifest.files = (manifest.files as { name: string }[]).map((f) =>
        f.name === 'bienban.sqlite' ? { ...f, size: database.byteLength, sha256: sha256(database) } : f,
      );
    });
    const run = await cli(['restore', newer], path.join(dir, 'data'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('was made by a newer version of Biên Bản (9.0.0)');
    expect(run.stderr).toContain('9999_from_the_future');
    expect(readdirSync(dir)).toEqual(['newer.zip']);
  });

  it('refuses both commands on PostgreSQL and points to the README, creating nothing', SLOW, async () => {
    const dir = tempDir();
    const target = path.join(dir, 'data');
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bienban' };
    const backup = await runCli(target, ['backup', path.join(dir, 'pg.zip')], env);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('use pg_dump as the README\'s "Backups" section shows');
    const restore = await runCli(target, ['restore', backupFile], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('use pg_restore as the README\'s "Backups" section shows');
    expect(readdirSync(dir)).toEqual([]);
  });
});
