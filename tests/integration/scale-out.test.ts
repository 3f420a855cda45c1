import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_ACCESS } from '../../lib/collab/messages';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { verifySealedVersion } from '../../server/meeting/seal';
import { connectClient, converged, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { readMetrics } from '../helpers/prometheus';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { startRoundRobin, type RoundRobin } from '../helpers/round-robin';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedDoc, storedMinutes } from '../helpers/stored';
import { contentHash, meetingContent } from '../../server/meeting/content';
import { POSTGRES_ADMIN_URL, POSTGRES_AVAILABLE, adminQuery } from '../helpers/temp-database';

const SECRET = randomBytes(24).toString('hex');

/**
 * Three instances of the real server on one PostgreSQL database and one
 * Redis: the first in this process (so the test can run the meeting's
 * operations on it), two as processes of their own, and a round-robin
 * balancer in front of them for clients that do not care where they land.
 */
describe.skipIf(!POSTGRES_AVAILABLE)('three instances serving one meeting', () => {
  const database = `bienban_test_${randomBytes(6).toString('hex')}`;
  let databaseUrl: string;
  let dataDir: string;
  let fixture: CellFixture;
  let redis: PrivateRedis;
  let first: InProcessServer;
  let others: RunningServer[] = [];
  let balancer: RoundRobin;
  const clients: TestClient[] = [];

  const env = () => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `${database}:`,
    NEXTAUTH_SECRET: SECRET,
    // Several writers share an account here.
    COLLAB_MAX_CONNECTIONS_PER_USER_PER_DOCUMENT: '50',
  });
  const startOther = () => startServer({ dataDir: makeDataDir(), env: env() });
  const wsUrls = () => [first.wsUrl, ...others.map((s) => s.wsUrl)];

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${database}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir, databaseUrl);
    redis = await startPrivateRedis();
    first = await startInProcess(dataDir, env());
    others = await Promise.all([startOther(), startOther()]);
    balancer = await startRoundRobin([first.app.port, ...others.map((s) => s.port)]);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await balancer?.close();
    await Promise.all(others.map((s) => s.stop()));
    await first?.app.close();
    await fixture?.handle.close();
    await redis?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    removeDataDir(dataDir);
  });

  async function connect(wsUrl: string, user = fixture.member): Promise<TestClient> {
    const client = connectClient(wsUrl, fixture.meetingId, await sessionCookieFor(SECRET, user));
    clients.push(client);
    await client.synced();
    return client;
  }

  it('clients on different instances converge, each edit stored once, with presence across', async () => {
    const [a, b, c] = await Promise.all(wsUrls().map((url) => connect(url)));
    a!.appendParagraph('Ý kiến từ máy chủ thứ nhất');
    b!.appendParagraph('Ý kiến từ máy chủ thứ hai');
    c!.appendParagraph('Ý kiến từ máy chủ thứ ba');
    await converged([a!, b!, c!], 10_000);
    for (const text of ['thứ nhất', 'thứ hai', 'thứ ba']) expect(a!.content()).toContain(text);
    // Saved means stored: each client hears it, for the others' edits too, once their instance committed them.
    await Promise.all([a!.saved(), b!.saved(), c!.saved()]);
    const stored = await storedMinutes(fixture.services.docStore, fixture.meetingId);
    for (const text of ['thứ nhất', 'thứ hai', 'thứ ba']) expect(stored).toContain(text);
    // Each update was stored by the instance its client used, not by all three.
    const rows = await fixture.services.db
      .selectFrom('doc_updates')
      .select('data')
      .where('doc_id', '=', fixture.meetingId)
      .execute();
    const rowsWritingFor = (client: TestClient) =>
      rows.filter((row) => Y.parseUpdateMeta(new Uint8Array(row.data)).to.has(client.doc.clientID)).length;
    for (const client of [a!, b!, c!]) expect(rowsWritingFor(client)).toBe(1);
    // A caret set on the third instance reaches a client of the first.
    c!.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(
      () => a!.provider.awareness.getStates().get(c!.doc.clientID)?.cursor !== undefined,
      5000,
      'presence did not cross instances',
    );
    const metrics = await readMetrics(others[1]!.url);
    expect(metrics.bienban_redis_up).toBe(1);
    expect(metrics.bienban_fanout_updates_received_total).toBeGreaterThan(0);
  });

  it('a revoked session closes its connections on every instance within a second', async () => {
    const elsewhere = await connect(others[1]!.wsUrl, fixture.exempted);
    await fixture.services.accounts.revokeSessions(fixture.exempted.id);
    const started = performance.now();
    await first.app.runtime.collab.revalidateUser(fixture.exempted.id);
    await waitFor(() => elsewhere.closeCodes.includes(CLOSE_CODES.unauthorized), 1_000, 'not closed elsewhere');
    expect(performance.now() - started).toBeLessThan(1_000);
    elsewhere.destroy();
  });

  it('survives SIGKILL of an instance and a Redis restart in the middle of typing', async () => {
    const writers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => connect(balancer.wsUrl, i % 2 ? fixture.secretary : fixture.member)),
    );
    const typed: string[][] = writers.map(() => []);
    let typing = true;
    const loop = (async () => {
      for (let n = 0; typing; n++) {
        writers.forEach((writer, w) => {
          const text = `gõ ${w}-${n}`;
          writer.appendParagraph(text);
          typed[w]!.push(text);
        });
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const victim = others[0]!;
    balancer.setBackends([first.app.port, others[1]!.port]);
    await victim.kill();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Alone, but still serving: ready, and saying why it is degraded.
    const alone = await fetch(`${others[1]!.url}/readyz`);
    const report = (await alone.json()) as { checks: Record<string, string>; degraded?: string };
    expect(alone.status).toBe(200);
    expect(report.checks.redis).not.toBe('ok');
    expect(report.degraded).toMatch(/^redis /);
    expect((await readMetrics(others[1]!.url)).bienban_redis_up).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await redis.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    typing = false;
    await loop;
    // Every client reconnects (those of the killed instance to another one) and hears its edits saved.
    await waitFor(() => writers.every((w) => w.provider.wsconnected && w.provider.synced), 20_000, 'no reconnect');
    await Promise.all(writers.map((w) => w.saved(20_000)));
    await converged(writers, 20_000);
    const stored = await storedMinutes(fixture.services.docStore, fixture.meetingId);
    for (const texts of typed) for (const text of texts) expect(stored).toContain(`>${text}<`);
    const ready = (await (await fetch(`${others[1]!.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(ready.checks.redis).toBe('ok');
    expect((await readMetrics(others[1]!.url)).bienban_redis_reconnects_total).toBeGreaterThanOrEqual(1);
    for (const w of writers) w.destroy();
    others[0] = await startOther();
    balancer.setBackends([first.app.port, ...others.map((s) => s.port)]);
  });

  it('drains on SIGTERM: its clients reconnect to the others and lose no edit', async () => {
    const writers = await Promise.all(Array.from({ length: 6 }, () => connect(balancer.wsUrl, fixture.member)));
    const typed: string[] = [];
    let typing = true;
    const loop = (async () => {
      for (let n = 0; typing; n++) {
        writers.forEach((writer, w) => {
          writer.appendParagraph(`rút ${w}-${n}`);
          typed.push(`rút ${w}-${n}`);
        });
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const leaving = others[1]!;
    expect(await leaving.stop()).toBe(0);
    balancer.setBackends([first.app.port, others[0]!.port]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    typing = false;
    await loop;
    await Promise.all(writers.map((w) => w.saved(20_000)));
    await converged(writers, 20_000);
    const stored = await storedMinutes(fixture.services.docStore, fixture.meetingId);
    for (const text of typed) expect(stored).toContain(`>${text}<`);
    for (const w of writers) w.destroy();
    others[1] = await startOther();
    balancer.setBackends([first.app.port, ...others.map((s) => s.port)]);
  });

  it('a seal on one instance locks the editors on the others at once, and the seal holds all they typed', async () => {
    const onSecond = await connect(others[0]!.wsUrl, fixture.member);
    const onThird = await connect(others[1]!.wsUrl, fixture.secretary);
    let lockedAt: number | null = null;
    onThird.provider.messageHandlers[MESSAGE_ACCESS] = () => {
      lockedAt ??= performance.now();
    };
    const live = first.app.runtime.meetings.live;
    const meetingId = fixture.meetingId;
    await live.setRoles(fixture.secretary, {
      meetingId,
      chairId: fixture.secretary.id,
      secretaryId: fixture.member.id,
    });
    await live.start(fixture.secretary, { meetingId });
    for (const userId of [fixture.secretary.id, fixture.member.id])
      await live.markAttendance(fixture.member, { meetingId, userId, status: 'present' });
    onThird.appendParagraph('Gõ trên máy chủ thứ ba trước khi khóa');
    await onThird.saved();
    await live.end(fixture.secretary, { meetingId });
    await live.markReadBack(fixture.member, { meetingId });
    const { voteId } = await live.openVote(fixture.secretary, {
      meetingId,
      subject: 'minutes',
      title: 'Thông qua biên bản',
      method: 'show_of_hands',
    });
    await live.recordCounts(fixture.member, { meetingId, voteId, for: 2, against: 0, other: 0 });
    await live.closeVote(fixture.secretary, { meetingId, voteId });
    await live.acknowledge(fixture.secretary, { meetingId, role: 'chair', acceptBlanks: true });
    const sealedAt = performance.now();
    const done = await live.acknowledge(fixture.member, { meetingId, role: 'secretary', acceptBlanks: true });
    expect(done.complete).toBe(true);
    await waitFor(() => lockedAt !== null, 1_000, 'the third instance never said read-only');
    expect(lockedAt! - sealedAt).toBeLessThan(1_000);

    // Typing on another instance after the seal goes nowhere: not stored, not relayed.
    onSecond.appendParagraph('Sửa sau khi khóa');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onThird.content()).not.toContain('Sửa sau khi khóa');
    expect(await storedMinutes(fixture.services.docStore, meetingId)).not.toContain('Sửa sau khi khóa');
    const check = await verifySealedVersion(fixture.services, meetingId);
    expect(check?.recomputed).toBe(check?.stored);
    // What the database holds for the live document is exactly what was sealed: nothing accepted elsewhere after.
    const meeting = await fixture.services.meetings.requireMeeting(meetingId);
    const stored = await storedDoc(fixture.services.docStore, meetingId);
    expect(contentHash(meetingContent(meeting, stored)).hash).toBe(meeting.content_hash);
    const version = await fixture.services.db
      .selectFrom('minutes_versions')
      .select('content')
      .where('meeting_id', '=', meetingId)
      .where('name', '=', 'approved')
      .executeTakeFirstOrThrow();
    expect(version.content).toContain('Gõ trên máy chủ thứ ba trước khi khóa');
  });
});
