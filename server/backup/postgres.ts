import type { StorageLocation } from '../config';
import { BackupError } from './errors';

/**
 * backup and restore copy the embedded SQLite database. A PostgreSQL
 * installation is backed up with PostgreSQL's own tools, which the README
 * spells out.
 */
export function refuseOnPostgres(location: StorageLocation, command: 'backup' | 'restore'): void {
  if (!location.databaseUrl) return;
  const tool = command === 'backup' ? 'pg_dump' : 'pg_restore';
  throw new BackupError(
    `${command} works on the embedded SQLite database, and DATABASE_URL points this installation at PostgreSQL: ` +
      `use ${tool} as the README's "Backups" section shows (it also says what to keep besides the database)`,
  );
}
