import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { scrapeMetrics, sumOf } from '../helpers/prometheus';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { POSTGRES_ADMIN_URL, POSTGRES_AVAILABLE } from '../helpers/temp-database';

async function readiness(server: RunningServer): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function healthz(server: RunningServer): Promise<number> {
  return (await fetch(`${server.url}/healthz`)).status;
}

describe('/readyz on the embedded database', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir });
  });

  afterAll(async () => {
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  it('is ready when the database answers and every migration is applied', async () => {
    expect(await readiness(server)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', migrations: 'ok' } },
    });
    expect(await healthz(server)).toBe(200);
  });

  it('is not ready, and says which migration, while the database lacks one; alive all along', async () => {
    const migration = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from kysely_migration order by name desc limit 1`.execute(fixture.handle.db);
    const last = migration.rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(fixture.handle.db);
    try {
      const { status, body } = await readiness(server);
      expect(status).toBe(503);
      expect(body).toEqual({
        status: 'not_ready',
        reason: `migrations pending: ${last.name}`,
        checks: { database: 'ok', migrations: 'pending' },
      });
      expect(await healthz(server)).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(
        fixture.handle.db,
      );
    }
    expect((await readiness(server)).status).toBe(200);
    expect(server.logs()).toContain('"event":"server.not_ready"');
    expect(server.logs()).toContain('"event":"server.ready_again"');
  });

  it('labels the figures with the host name and port when INSTANCE_ID is not set', async () => {
    const samples = await scrapeMetrics(server.url);
    const instance = `${os.hostname()}:${server.port}`;
    expect(
      sumOf(samples, 'bienban_http_request_duration_seconds_count', { instance, route: '/readyz' }),
    ).toBeGreaterThan(0);
    expect(samples.filter((s) => s.labels.instance !== instance)).toEqual([]);
  });
});

describe.skipIf(!POSTGRES_AVAILABLE)('/readyz on PostgreSQL', () => {
  const name = `bienban_test_${randomBytes(6).toString('hex')}`;
  let dataDir: string;
  let server: RunningServer;

  async function admin(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    dataDir = makeDataDir();
    server = await startServer({ dataDir, env: { DATABASE_URL: url.toString() } });
  });

  afterAll(async () => {
    await server?.stop();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    removeDataDir(dataDir);
  });

  it('reports the pool and the query times by engine', async () => {
    expect((await readiness(server)).status).toBe(200);
    const samples = await scrapeMetrics(server.url);
    const postgres = { engine: 'postgres' };
    expect(sumOf(samples, 'bienban_db_query_duration_seconds_count', postgres)).toBeGreaterThan(0);
    expect(sumOf(samples, 'bienban_db_pool_connections', postgres)).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, 'bienban_db_pool_max_connections', postgres)).toBe(10);
    expect(samples.some((s) => s.name === 'bienban_db_pool_waiting_requests')).toBe(true);
    expect(samples.some((s) => s.name === 'bienban_db_pool_idle_connections')).toBe(true);
  });

  it('is not ready once its database is gone, and the process stays up to say so', async () => {
    // Ends the pool's connections too, as a database restart or failover would.
    await admin(`DROP DATABASE ${name} WITH (FORCE)`);
    const { status, body } = await readiness(server);
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'not_ready', reason: 'database unreachable', checks: { database: 'unreachable' } });
    expect(await healthz(server)).toBe(200);
    expect(server.process.exitCode).toBeNull();
  });
});
