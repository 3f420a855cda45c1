import { existsSync, linkSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { StorageLocation } from '../config';
import { SQLITE_FILE } from '../db/connection';
import { projectRoot } from '../project-root';
import { BackupError } from './errors';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  SECRET_ENTRY,
  type Manifest,
  type ManifestFile,
} from './manifest';
import { refuseOnPostgres } from './postgres';
import { inspectDatabaseCopy, snapshotDatabase, type DatabaseFacts } from './sqlite-files';
import { tooLargeError, ZIP32_MAX_BYTES, ZipFileWriter } from './zip-writer';

/** What `backup` prints. */
export interface BackupResult {
  file: string;
  bytes: number;
  createdAt: string;
  migration: string | null;
  files: ManifestFile[];
  contents: Manifest['contents'];
  /** Whether the session secret is in the archive (it is not when NEXTAUTH_SECRET replaces the file). */
  secret: boolean;
}

/** The checkout's package.json: a path relative to this module would miss it from the compiled CLI (dist/server/cli/). */
function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Makes one archive of the installation while the server may be running:
 * an online snapshot of the SQLite database, the session secret and a
 * manifest (format, time, migration level, each file's size and SHA-256).
 *
 * Attachments are rows of the database (`attachments.data`), not files, so
 * the snapshot holds every attachment it references, taken in the same read
 * transaction as the rows that point to them: an attachment uploaded after
 * the snapshot is simply not in the backup, and none can be referenced and
 * missing. (Were attachments ever kept as files, the order would be the
 * snapshot first and the files after it, so that a file is at worst extra,
 * never missing.)
 *
 * The archive is written to a temporary file beside `target` and moved into
 * place when complete, so a failed backup leaves no half archive and
 * `--force` replaces an older backup only with a complete one.
 */
export async function createBackup(
  location: StorageLocation,
  target: string,
  options: { force: boolean },
): Promise<BackupResult> {
  refuseOnPostgres(location, 'backup');
  const output = path.resolve(target);
  const database = path.join(location.dataDir, SQLITE_FILE);
  if (!existsSync(database)) throw new BackupError(`there is no database to back up: ${database} does not exist`);
  const directory = path.dirname(output);
  if (!existsSync(directory) || !statSync(directory).isDirectory())
    throw new BackupError(`the directory ${directory} does not exist`);
  if (existsSync(output)) {
    if (statSync(output).isDirectory()) throw new BackupError(`${output} is a directory; name the backup file`);
    if (!options.force) throw alreadyExists(output);
  }

  // Beside the output, on the same file system, so that the final move is a rename.
  const work = mkdtempSync(path.join(directory, '.bienban-backup-'));
  try {
    const snapshot = path.join(work, SQLITE_FILE);
    // Taken before the copy's read transaction begins: whatever was committed before this time is in the copy.
    const createdAt = new Date().toISOString();
    await snapshotDatabase(database, snapshot);
    const facts = checkSnapshot(snapshot, database);
    const contents = {
      meetings: facts.meetings,
      attachments: facts.attachments,
      attachmentBytes: facts.attachmentBytes,
    };
    if (statSync(snapshot).size > ZIP32_MAX_BYTES) throw tooLargeError();
    // The secret is written once, when the data directory is first used, and never changes.
    const secretFile = path.join(location.dataDir, SECRET_ENTRY);
    const secret = existsSync(secretFile) ? readFileSync(secretFile) : null;

    const partial = path.join(work, 'backup.zip');
    const writer = new ZipFileWriter(partial);
    let bytes: number;
    const files: ManifestFile[] = [];
    try {
      files.push(await writer.addFile(DATABASE_ENTRY, snapshot));
      if (secret) files.push(await writer.addBytes(SECRET_ENTRY, secret));
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt,
        appVersion: appVersion(),
        engine: 'sqlite',
        migrations: facts.migrations,
        files,
        contents,
      };
      await writer.addBytes(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
      bytes = writer.finish();
    } finally {
      writer.close();
    }
    publish(partial, output, options.force);
    return {
      file: output,
      bytes,
      createdAt,
      migration: facts.migrations.at(-1) ?? null,
      files,
      contents,
      secret: secret !== null,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const alreadyExists = (output: string) => new BackupError(`${output} already exists; add --force to replace it`);

/** The snapshot's facts, once SQLite has found it sound. */
function checkSnapshot(snapshot: string, database: string): DatabaseFacts {
  try {
    return inspectDatabaseCopy(snapshot);
  } catch (error) {
    throw new BackupError(`the copy of ${database} failed its check: ${(error as Error).message}`);
  }
}

/**
 * Moves the finished archive to its name. Without --force a hard link
 * claims the name only if it is still free (another backup may have taken
 * it since the check); with it, a rename replaces the old file at once.
 */
function publish(partial: string, output: string, force: boolean): void {
  if (force) {
    renameSync(partial, output);
    return;
  }
  try {
    linkSync(partial, output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // File systems without hard links fail otherwise: the name was free a moment ago.
    if (code === 'EEXIST' || existsSync(output)) throw alreadyExists(output);
    renameSync(partial, output);
    return;
  }
  unlinkSync(partial);
}
