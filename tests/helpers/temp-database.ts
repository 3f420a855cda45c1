import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openServices } from '../../server/bootstrap';
import type { Dialect, DbHandle } from '../../server/db/connection';
import type { Services } from '../../server/services';

/** The PostgreSQL server the tests create their throwaway databases on. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the PostgreSQL variants can run; they are skipped (and reported as skipped) otherwise. */
export const POSTGRES_AVAILABLE = await probePostgres();

export interface TempDatabase {
  dialect: Dialect;
  services: Services;
  handle: DbHandle;
  /** Closes the connection and deletes the directory or database. */
  destroy(): Promise<void>;
}

/** Runs one statement on the admin database (CREATE / DROP DATABASE of the tests' throwaway ones). */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Opens the services on a new SQLite directory or a new, uniquely named PostgreSQL database. */
export async function openTempDatabase(dialect: Dialect): Promise<TempDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-unit-'));
  if (dialect === 'sqlite') {
    const { services, handle } = await openServices({ dataDir, databaseUrl: undefined });
    return {
      dialect,
      services,
      handle,
      async destroy() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `bienban_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const { services, handle } = await openServices({ dataDir, databaseUrl: url.toString() });
  return {
    dialect,
    services,
    handle,
    async destroy() {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares the same suite once per database dialect, each on its own
 * throwaway database shared by the suite's tests. `db()` is the open
 * database inside a test.
 */
export function describeEachDatabase(title: string, body: (db: () => TempDatabase) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const runnable = dialect === 'sqlite' || POSTGRES_AVAILABLE;
    describe.skipIf(!runnable)(`${title} (${dialect})`, () => {
      let temp: TempDatabase | undefined;
      beforeAll(async () => {
        temp = await openTempDatabase(dialect);
      });
      afterAll(async () => {
        await temp?.destroy();
      });
      body(() => {
        if (!temp) throw new Error('the database is not open yet');
        return temp;
      });
    });
  }
}
