import { DEFAULT_LOCALE } from '../lib/i18n';
import type { Config } from './config';
import { openDatabase, type DbHandle, type QueryObserver } from './db/connection';
import { migrateToLatest } from './db/migrations';
import { createServices, type Services } from './services';

/**
 * Opens the database, brings its schema up to date and seeds the shipped
 * meeting templates. Used by the server process and the operator CLI alike;
 * the server passes `observeQuery` to time every query for its metrics, and
 * has the embedded database checkpoint on a thread of its own.
 */
export async function openServices(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'language' | 'mail' | 'publicUrl'>>,
  options: { observeQuery?: QueryObserver; backgroundCheckpoints?: boolean } = {},
): Promise<{ handle: DbHandle; services: Services }> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...options });
  try {
    await migrateToLatest(handle.db, handle.dialect);
    const services = createServices(handle, {
      language: config.language ?? DEFAULT_LOCALE,
      mail: config.mail,
      publicUrl: config.publicUrl,
    });
    await services.templates.seedShipped();
    return { handle, services };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
