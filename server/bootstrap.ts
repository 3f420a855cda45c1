import { DEFAULT_LOCALE } from '../lib/i18n';
import type { Config } from './config';
import { openDatabase, type DbHandle } from './db/connection';
import { migrateToLatest } from './db/migrations';
import { createServices, type Services } from './services';

/**
 * Opens the database, brings its schema up to date and seeds the shipped
 * meeting templates. Used by the server process and the operator CLI alike.
 */
export async function openServices(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'language'>>,
): Promise<{ handle: DbHandle; services: Services }> {
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db, handle.dialect);
    const services = createServices(handle, { language: config.language ?? DEFAULT_LOCALE });
    await services.templates.seedShipped();
    return { handle, services };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
