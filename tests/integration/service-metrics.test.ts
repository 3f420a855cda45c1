import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { parsePrometheusText, scrapeMetrics, sumOf, type Sample } from '../helpers/prometheus';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';

const INSTANCE = 'bienban-test-1';
const TOKEN = 'metrics-token-for-the-tests-0123456789';
const REQUESTS = 'bienban_http_request_duration_seconds_count';

/** A non-loopback address of this machine, if it has one. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

describe('/metrics counts what the server did, by route pattern, status and instance', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let cookie: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir, withNext: true, env: { INSTANCE_ID: INSTANCE, METRICS_TOKEN: TOKEN } });
    cookie = await sessionCookieFor(authSecretOf(dataDir), fixture.member);
  });

  afterAll(async () => {
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  it('moves the request, database and collaboration figures when pages are read and minutes typed', async () => {
    const before = await scrapeMetrics(server.url);
    const page = await fetch(`${server.url}/meetings/${fixture.meetingId}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
    await page.text();
    const missing = await fetch(`${server.url}/meetings/${crypto.randomUUID()}`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    await missing.text();
    const scanned = await fetch(`${server.url}/wp-login.php?probe=1`);
    expect(scanned.status).toBe(404);
    await scanned.text();

    const client = connectClient(server.wsUrl, fixture.meetingId, cookie);
    try {
      await client.synced();
      client.appendParagraph('Đồng chí Bình: đề nghị bổ sung kế hoạch.');
      await client.saved();
    } finally {
      client.destroy();
    }

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const after = parsePrometheusText(await response.text());
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sumOf(after, name, labels) - sumOf(before, name, labels);

    const mine = { instance: INSTANCE };
    expect(moved(REQUESTS, { ...mine, route: '/meetings/[meetingId]', method: 'GET', status: '200' })).toBe(1);
    expect(moved(REQUESTS, { ...mine, route: '/meetings/[meetingId]', method: 'GET', status: '404' })).toBe(1);
    expect(moved(REQUESTS, { ...mine, route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    // The scrape before this one was counted when its response ended.
    expect(moved(REQUESTS, { ...mine, route: '/metrics', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    // Raw paths never become labels: each meeting would be a series of its own.
    const routes = new Set(after.filter((s) => s.name === REQUESTS).map((s) => s.labels.route));
    expect([...routes].filter((route) => route?.includes(fixture.meetingId) || route?.includes('wp-login'))).toEqual(
      [],
    );

    expect(moved('bienban_collab_connections_opened_total', mine)).toBe(1);
    expect(moved('bienban_collab_updates_applied_total', mine)).toBeGreaterThanOrEqual(1);
    expect(moved('bienban_collab_persist_rows_total', mine)).toBeGreaterThanOrEqual(1);
    expect(moved('bienban_collab_unsaved_window_ms_count', mine)).toBeGreaterThanOrEqual(1);
    expect(moved('bienban_collab_update_check_ms_total', mine)).toBeGreaterThan(0);
    expect(sumOf(after, 'bienban_collab_documents_loaded', mine)).toBe(1);

    expect(moved('bienban_db_query_duration_seconds_count', { ...mine, engine: 'sqlite' })).toBeGreaterThan(0);
    expect(after.some((s) => s.name === 'bienban_db_query_errors_total' && s.labels.engine === 'sqlite')).toBe(true);
    // SQLite has one connection and no pool to report.
    expect(after.some((s) => s.name.startsWith('bienban_db_pool_'))).toBe(false);

    for (const name of [
      'bienban_process_cpu_user_seconds_total',
      'bienban_process_resident_memory_bytes',
      'bienban_nodejs_heap_size_used_bytes',
      'bienban_nodejs_eventloop_lag_p99_seconds',
      'bienban_nodejs_active_handles_total',
    ]) {
      expect(
        after.some((s) => s.name === name && s.labels.instance === INSTANCE),
        name,
      ).toBe(true);
    }
    expect(after.filter((s: Sample) => s.labels.instance !== INSTANCE)).toEqual([]);
  });

  it('asks a relayed request or a wrong token for the token, and lets the right token in', async () => {
    const relayed = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(401);
    expect(relayed.headers.get('www-authenticate')).toBe('Bearer');
    expect(await relayed.text()).not.toContain('bienban_');

    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);

    const samples = await scrapeMetrics(server.url, {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` },
    });
    expect(sumOf(samples, REQUESTS, { route: '/metrics', status: '401' })).toBeGreaterThanOrEqual(2);
  });
});

describe.skipIf(!outsideAddress)('/metrics without METRICS_TOKEN', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = makeDataDir();
    // Listening on the machine's network address only, so the request below does not come from loopback.
    server = await startServer({ dataDir, env: { HOST: outsideAddress! } });
  });

  afterAll(async () => {
    await server?.stop();
    removeDataDir(dataDir);
  });

  it('refuses a client on another address and says nothing of the figures', async () => {
    const refused = await fetch(`http://${outsideAddress}:${server.port}/metrics`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('forbidden\n');
    // Liveness and readiness stay open to load balancers on other machines.
    expect((await fetch(`http://${outsideAddress}:${server.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://${outsideAddress}:${server.port}/readyz`)).status).toBe(200);
  });
});
