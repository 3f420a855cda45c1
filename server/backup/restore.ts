import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StorageLocation } from '../config';
import { SQLITE_FILE } from '../db/connection';
import { knownMigrations } from '../db/migrations';
import { BackupError } from './errors';
import { DATABASE_ENTRY, SECRET_ENTRY, type Manifest, type ManifestFile } from './manifest';
import { refuseOnPostgres } from './postgres';
import { databaseInUse, inspectDatabaseCopy } from './sqlite-files';
import { unpack, unreadable } from './unpack';

/** What `restore` prints. */
export interface RestoreResult {
  dataDir: string;
  /** The data directory that was replaced, kept under this name until the operator deletes it. */
  previous: string | null;
  createdAt: string;
  appVersion: string;
  migration: string | null;
  /** Migrations of this version the backup predates; the server applies them when it starts. */
  migrationsPending: string[];
  files: ManifestFile[];
  contents: Manifest['contents'];
  secret: boolean;
}

/**
 * Puts a backup back as the data directory. Everything is checked before
 * anything changes: the archive's directory and manifest, every file's size
 * and SHA-256, that SQLite finds the database sound and that this version
 * knows each of its migrations. The files are unpacked into a temporary
 * directory beside the data directory, which then takes its place by two
 * renames: until the first, the old data is untouched; after the second,
 * the old directory is kept beside the new one as `<dir>.replaced-<time>`.
 */
export async function restoreBackup(
  location: StorageLocation,
  source: string,
  options: { force: boolean },
): Promise<RestoreResult> {
  refuseOnPostgres(location, 'restore');
  const archive = path.resolve(source);
  if (!existsSync(archive)) throw new BackupError(`the backup file ${archive} does not exist`);
  if (!statSync(archive).isFile()) throw new BackupError(`${archive} is not a file`);
  const { dataDir } = location;
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
    throw new BackupError(`DATA_DIR ${dataDir} is not a directory`);
  const database = path.join(dataDir, SQLITE_FILE);
  refuseToReplace(database, options.force);

  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // Beside the data directory, on the same file system, so that swapping it in is a rename.
  const staging = mkdtempSync(path.join(parent, `.${path.basename(dataDir)}.restore-`));
  let swapped = false;
  try {
    const manifest = await unpack(archive, staging);
    const migrations = checkDatabase(archive, path.join(staging, SQLITE_FILE), manifest);
    // Again, right before the swap: a server started during the unpacking must not lose its directory.
    refuseToReplace(database, options.force);
    const previous = swapIn(staging, dataDir);
    swapped = true;
    return {
      dataDir,
      previous,
      createdAt: manifest.createdAt,
      appVersion: manifest.appVersion,
      migration: manifest.migrations.at(-1) ?? null,
      migrationsPending: migrations.pending,
      files: manifest.files,
      contents: manifest.contents,
      secret: manifest.files.some((f) => f.name === SECRET_ENTRY),
    };
  } finally {
    if (!swapped) rmSync(staging, { recursive: true, force: true });
  }
}

/** Refuses to replace an existing database without --force, or one a process has open. */
function refuseToReplace(database: string, force: boolean): void {
  if (!existsSync(database)) return;
  if (!force)
    throw new BackupError(
      `${path.dirname(database)} already holds a database; add --force to replace it (the current data is kept beside it)`,
    );
  refuseIfInUse(database);
}

function refuseIfInUse(database: string): void {
  let inUse: boolean;
  try {
    inUse = databaseInUse(database);
  } catch (error) {
    throw new BackupError(`could not tell whether a server has ${database} open: ${(error as Error).message}`);
  }
  if (inUse)
    throw new BackupError(
      `a process has ${database} open (a running server, or another command): stop the server before restoring`,
    );
}

/** Checks the unpacked database; returns the migrations this version will still apply to it. */
function checkDatabase(archive: string, file: string, manifest: Manifest): { pending: string[] } {
  let migrations: string[];
  try {
    migrations = inspectDatabaseCopy(file).migrations;
  } catch (error) {
    throw unreadable(archive, `its ${DATABASE_ENTRY}: ${(error as Error).message}`);
  }
  const known = knownMigrations();
  const unknown = migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new BackupError(
      `${archive} was made by a newer version of Biên Bản (${manifest.appVersion}): its database has migrations ` +
        `this version does not know (${unknown.join(', ')}); restore it with that version or a later one`,
    );
  if (migrations.join('\n') !== manifest.migrations.join('\n'))
    throw unreadable(archive, `its database's migrations are not the ones its manifest lists (damaged or altered)`);
  return { pending: known.filter((name) => !migrations.includes(name)) };
}

/** `dir.replaced-<time>`, a name not taken yet. */
function asideName(dataDir: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let name = `${dataDir}.replaced-${stamp}`;
  for (let n = 2; existsSync(name); n++) name = `${dataDir}.replaced-${stamp}-${n}`;
  return name;
}

/** Puts `staging` in the place of `dataDir`; returns where the old directory went, if there was one. */
function swapIn(staging: string, dataDir: string): string | null {
  let previous: string | null = null;
  if (existsSync(dataDir)) {
    previous = asideName(dataDir);
    try {
      renameSync(dataDir, previous);
    } catch (error) {
      throw new BackupError(
        `could not move ${dataDir} aside (${(error as NodeJS.ErrnoException).code}), so nothing was changed; ` +
          'if it is a mount point, mount the volume one level up, or restore into another DATA_DIR',
      );
    }
  }
  try {
    renameSync(staging, dataDir);
  } catch (error) {
    if (previous) renameSync(previous, dataDir);
    throw new BackupError(
      `could not move the restored data into ${dataDir} (${(error as NodeJS.ErrnoException).code}); ` +
        'the previous data is back in place',
    );
  }
  chmodSync(dataDir, 0o700);
  return previous;
}
