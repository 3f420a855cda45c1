import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, converged, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { readMetrics } from '../helpers/prometheus';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedMinutes } from '../helpers/stored';

const WRITERS = 20;

describe('what is typed survives restarts and crashes', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let port: number;
  let secret: string;
  const clients: TestClient[] = [];

  // Ten writers share each account here, beyond what one person opens; the limit is not what this file tests.
  const limits = { COLLAB_MAX_CONNECTIONS_PER_USER_PER_DOCUMENT: String(WRITERS) };
  // A fixed port, chosen by the first start, so clients reconnect to the restarted server by themselves.
  const start = (env: Record<string, string> = {}) => startServer({ dataDir, port, env: { ...limits, ...env } });

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir, env: limits });
    port = server.port;
    secret = authSecretOf(dataDir);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  async function connect(user = fixture.member): Promise<TestClient> {
    const client = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(secret, user));
    clients.push(client);
    return client;
  }

  it('keeps everything after a graceful restart', async () => {
    const a = await connect();
    await a.synced();
    a.appendParagraph('Trước khi khởi động lại');
    await a.saved();
    a.destroy();
    expect(await server.stop()).toBe(0);
    server = await start();
    const b = await connect();
    await b.synced();
    expect(b.content()).toContain('Trước khi khởi động lại');
    b.destroy();
  });

  it('persists an edit sent just before SIGTERM and exits cleanly', async () => {
    const a = await connect();
    await a.synced();
    a.appendParagraph('Gõ ngay trước khi tắt');
    // Stop as soon as the update has left the client; shutdown must flush it.
    await waitFor(() => (a.provider.ws?.bufferedAmount ?? 0) === 0, 5000, 'update not sent');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await server.stop()).toBe(0);
    expect(await storedMinutes(fixture.services.docStore, fixture.meetingId)).toContain('Gõ ngay trước khi tắt');
    a.destroy();
    server = await start();
  });

  it(`loses nothing when killed with SIGKILL while ${WRITERS} clients type`, async () => {
    const writers: TestClient[] = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await connect(i % 2 === 0 ? fixture.member : fixture.secretary));
    await Promise.all(writers.map((w) => w.synced()));

    let typing = true;
    let round = 0;
    const lastEdit = new Map<number, string>();
    const typingLoop = (async () => {
      while (typing) {
        round++;
        writers.forEach((w, i) => {
          const text = `người ${i} lần ${round}`;
          w.appendParagraph(text);
          lastEdit.set(i, text);
        });
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await server.kill();
    // Clients keep typing while the server is down, as people would.
    await new Promise((resolve) => setTimeout(resolve, 200));
    typing = false;
    await typingLoop;

    server = await start();
    await Promise.all(writers.map((w) => w.synced(20_000)));
    await converged(writers, 30_000);
    for (const text of lastEdit.values()) expect(writers[0]!.content()).toContain(`<paragraph>${text}</paragraph>`);
    await Promise.all(writers.map((w) => w.saved(20_000)));

    // And the database has it all: a fresh client after another restart sees every last edit.
    for (const w of writers) w.destroy();
    await server.stop();
    server = await start();
    const fresh = await connect();
    await fresh.synced();
    for (const text of lastEdit.values()) expect(fresh.content()).toContain(`<paragraph>${text}</paragraph>`);
    fresh.destroy();
  });

  it('loads a document once when many clients join at the same moment', async () => {
    await server.stop();
    server = await start();
    const joiners = await Promise.all(Array.from({ length: 15 }, () => connect()));
    await Promise.all(joiners.map((j) => j.synced()));
    await converged(joiners);
    const metrics = await readMetrics(server.url);
    expect(metrics.bienban_collab_documents_loaded_total).toBe(1);
    for (const j of joiners) j.destroy();
  });

  it('unloads an idle document after the grace period, compacting its log into a snapshot', async () => {
    await server.stop();
    server = await start({ COLLAB_UNLOAD_GRACE_MS: '300' });
    const a = await connect();
    await a.synced();
    a.appendParagraph('Trước khi dỡ tài liệu');
    await a.saved();
    const before = await storedMinutes(fixture.services.docStore, fixture.meetingId);
    a.destroy();
    let metrics = await readMetrics(server.url);
    const deadline = Date.now() + 10_000;
    while (metrics.bienban_collab_documents_unloaded_total !== 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      metrics = await readMetrics(server.url);
    }
    expect(metrics.bienban_collab_documents_unloaded_total).toBe(1);
    expect(metrics.bienban_collab_compactions_total).toBeGreaterThanOrEqual(1);
    const stored = await fixture.services.docStore.load(fixture.meetingId);
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates).toHaveLength(0);
    expect(await storedMinutes(fixture.services.docStore, fixture.meetingId)).toBe(before);
    const b = await connect();
    await b.synced();
    expect(b.content()).toContain('Trước khi dỡ tài liệu');
  });

  it('sends a lone client a message at least every keep-alive interval', async () => {
    await server.stop();
    server = await start({ COLLAB_KEEPALIVE_AFTER_MS: '1000' });
    const lone = await connect();
    await lone.synced();
    const received: number[] = [];
    lone.provider.ws!.addEventListener('message', () => received.push(Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(received.length).toBeGreaterThanOrEqual(2);
    const gaps = received.slice(1).map((t, i) => t - received[i]!);
    // Housekeeping runs every 2.5 s, so a gap is at most keep-alive + 2.5 s.
    for (const gap of gaps) expect(gap).toBeLessThan(4000);
  });
});
