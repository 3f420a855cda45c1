import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001-initial';
import * as meetingRecord from './migrations/0002-meeting-record';
import * as trust from './migrations/0003-trust';
import * as search from './migrations/0004-search';
import * as notHeld from './migrations/0005-not-held';
import * as guidance from './migrations/0006-guidance';
import * as minutesVersions from './migrations/0007-minutes-versions';
import * as searchScope from './migrations/0008-search-scope';
import * as memberDetails from './migrations/0009-member-details';
import * as mail from './migrations/0010-mail';
import * as textSize from './migrations/0011-text-size';
import type { Dialect } from './connection';

/**
 * Schema migrations, written once for both dialects (one file each under
 * migrations/). Each is applied once, in key order; never edit a migration
 * that has shipped, add a new one.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': { up: (db) => initial.up(db, dialect) },
    '0002_meeting_record': { up: (db) => meetingRecord.up(db, dialect) },
    '0003_trust': { up: (db) => trust.up(db, dialect) },
    '0004_search': { up: (db) => search.up(db, dialect) },
    '0005_not_held': { up: (db) => notHeld.up(db, dialect) },
    '0006_guidance': { up: (db) => guidance.up(db, dialect) },
    '0007_minutes_versions': { up: (db) => minutesVersions.up(db, dialect) },
    '0008_search_scope': { up: (db) => searchScope.up(db, dialect) },
    '0009_member_details': { up: (db) => memberDetails.up(db, dialect) },
    '0010_mail': { up: (db) => mail.up(db, dialect) },
    '0011_text_size': { up: (db) => textSize.up(db, dialect) },
  };
}
class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema up to date; throws if any migration fails. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await migrate(db, dialect, null);
}

/**
 * Brings the schema up to the named migration (included), as an older
 * version left it: tests write data there and then migrate to the latest.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateUpTo(db: Kysely<any>, dialect: Dialect, name: string): Promise<void> {
  if (!(name in migrations(dialect))) throw new Error(`No migration named ${name}`);
  await migrate(db, dialect, name);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
async function migrate(db: Kysely<any>, dialect: Dialect, upTo: string | null): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect) });
  const { error, results } = upTo === null ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}

/** Kysely's record of the migrations a database has had (its default table name). */
export const MIGRATION_TABLE = DEFAULT_MIGRATION_TABLE;

/** The names of the migrations this version knows, in the order they are applied. */
export function knownMigrations(): string[] {
  return Object.keys(migrations('sqlite')).sort();
}

/**
 * The migrations this version knows that the database has not recorded as
 * applied (an empty list when the schema is up to date). Reads the migration
 * table directly: Kysely's own listing introspects every table first.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migration table is not in the schema
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const applied = await db.selectFrom(MIGRATION_TABLE).select('name').execute();
  const names = new Set(applied.map((row: { name: string }) => row.name));
  return knownMigrations().filter((name) => !names.has(name));
}
